"""Security a visitor's browser enforces and an attacker runs into: headers, CSP, lockout."""

import base64
import datetime as dt
import hashlib
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import PROFILE, STAFF_PASSWORD, browser, make_user

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LOGIN_URL = "/tai-khoan/dang-nhap/"

TAG = re.compile(r"<[a-zA-Z][^<>]*>")
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
JSON_TYPE = re.compile(r"""type\s*=\s*["']application/(ld\+)?json["']""", re.I)
HANDLER_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)


def inline_code(source: str) -> list[str]:
    """What a strict Content-Security-Policy would block: inline scripts, styles, handlers."""
    found = []
    for attributes in SCRIPT_TAG.findall(source):
        if "src=" not in attributes and not JSON_TYPE.search(attributes):
            found.append(f"<script{attributes}> without src")
    if re.search(r"<style\b", source, re.I):
        found.append("<style> element")
    for tag in TAG.findall(source):
        if HANDLER_ATTRIBUTE.search(tag):
            found.append(f"event handler attribute in {tag}")
        if STYLE_ATTRIBUTE.search(tag):
            found.append(f"style attribute in {tag}")
    if re.search(r"""href\s*=\s*["']\s*javascript:""", source, re.I):
        found.append("javascript: link")
    return found


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class TestResponseHeaders:
    @pytest.fixture
    def home(self, visitor, site_profile):
        response = visitor.get("/")
        assert response.status_code == 200
        return response

    def test_content_security_policy_allows_only_the_portals_own_code(self, home):
        header = home["Content-Security-Policy"]
        assert "'unsafe-inline'" not in header
        assert "'unsafe-eval'" not in header
        directives = csp_directives(header)
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"]
        # One style attribute is allowed by its hash, nothing else inline: simple-history's
        # paginator writes style="border-top: 0".
        border_top_0 = base64.b64encode(hashlib.sha256(b"border-top: 0").digest()).decode()
        assert directives["style-src"] == ["'self'", "'unsafe-hashes'", f"'sha256-{border_top_0}'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]

    def test_browser_protections(self, home):
        assert home["X-Content-Type-Options"] == "nosniff"
        assert home["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert home["X-Frame-Options"] == "DENY"
        assert home["Cross-Origin-Opener-Policy"] == "same-origin"

    def test_permissions_policy_turns_off_camera_microphone_and_location(self, home):
        policy = home["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy

    def test_https_responses_tell_browsers_to_stay_on_https(self, visitor, site_profile):
        response = visitor.get("/", secure=True)
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )

    def test_session_and_csrf_cookies_are_secure_and_session_is_not_readable_by_scripts(self, db):
        make_user("tran.van.binh")
        reader = browser()
        response = reader.post(
            LOGIN_URL, {"username": "tran.van.binh", "password": STAFF_PASSWORD}, secure=True
        )
        assert response.status_code == 302
        session = response.cookies[django_settings.SESSION_COOKIE_NAME]
        assert session["secure"] is True
        assert session["httponly"] is True
        assert session["samesite"] == "Lax"
        csrf = response.cookies[django_settings.CSRF_COOKIE_NAME]  # rotated at login
        assert csrf["secure"] is True


class TestNoInlineCode:
    """The policy forbids inline code, so no template may contain any."""

    def template_files(self) -> list[Path]:
        folders = [PROJECT_ROOT / "templates", *PROJECT_ROOT.glob("*/templates")]
        return sorted(path for folder in folders for path in folder.rglob("*.html"))

    def test_templates_have_no_inline_scripts_styles_or_handlers(self):
        files = self.template_files()
        assert PROJECT_ROOT / "templates" / "base.html" in files
        offences = {
            str(path.relative_to(PROJECT_ROOT)): found
            for path in files
            if (found := inline_code(path.read_text(encoding="utf-8")))
        }
        assert offences == {}

    def test_the_checker_catches_what_it_must(self):
        """Guards the scan above against a regular expression that finds nothing."""
        assert inline_code("<script>alert(1)</script>")
        assert inline_code('<button onclick="go()">Đi</button>')
        assert inline_code('<p style="color:red">Đỏ</p>')
        assert inline_code("<style>p{}</style>")
        assert inline_code('<a href="javascript:void(0)">Mở</a>')
        assert not inline_code('<script src="/static/js/portal.js" defer></script>')
        assert not inline_code('<script type="application/ld+json">{}</script>')
        assert not inline_code('<p class="online">Đang truy cập</p>')

    @pytest.mark.parametrize(
        ("path", "status"),
        [
            ("/", 200),
            ("/tim-kiem/?q=c", 200),
            (LOGIN_URL, 200),
            ("/khong-co-trang-nay/", 404),
            ("/robots.txt", 200),
        ],
    )
    def test_public_pages_have_no_inline_code(self, visitor, site_profile, path, status):
        response = visitor.get(path)
        assert response.status_code == status
        assert inline_code(response.content.decode()) == []

    @pytest.mark.parametrize(
        "path",
        [
            "/quan-tri/",
            "/quan-tri/federation/siteprofile/1/change/",
            "/quan-tri/federation/dailyvisits/",
            "/quan-tri/auth/user/add/",
        ],
    )
    def test_admin_pages_have_no_inline_code(self, admin_client, site_profile, path):
        """The admin is served under the same policy: inline code there would break it."""
        response = admin_client.get(path)
        assert response.status_code == 200
        assert inline_code(response.content.decode()) == []


def login(client, username: str, password: str):
    return client.post(LOGIN_URL, {"username": username, "password": password})


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


class TestLoginLockout:
    """django-axes: too many wrong passwords lock that username on that address; an address
    trying many usernames is locked on a higher limit of its own."""

    @pytest.fixture
    def staff(self, db):
        return make_user("tran.van.binh")

    @pytest.fixture
    def attacker(self):
        return browser(address="27.72.100.5")

    def fail_until_locked(self, client, username: str = "tran.van.binh"):
        for attempt in range(django_settings.LOGIN_FAILURE_LIMIT):
            response = login(client, username, f"sai-mat-khau-{attempt}")
            assert not logged_in(client)
        return response

    def test_the_right_password_logs_in(self, staff, attacker):
        response = login(attacker, "tran.van.binh", STAFF_PASSWORD)
        assert response.status_code == 302
        assert logged_in(attacker)

    def test_a_wrong_password_shows_the_form_again(self, staff, attacker):
        response = login(attacker, "tran.van.binh", "sai-mat-khau")
        assert response.status_code == 200
        assert 'class="form-errors"' in response.content.decode()
        assert not logged_in(attacker)

    def test_after_the_limit_even_the_right_password_is_refused(
        self, staff, attacker, site_profile
    ):
        self.fail_until_locked(attacker)

        response = login(attacker, "tran.van.binh", STAFF_PASSWORD)

        assert response.status_code == 429
        assert not logged_in(attacker)
        page = response.content.decode()
        assert PROFILE["full_name"] in page
        assert 'class="site-header"' in page
        with translation.override("vi"):
            assert gettext("Too many failed logins") in page
        assert attacker.get("/quan-tri/").status_code == 302  # still sent to the login page

    def test_the_address_is_not_locked_for_other_accounts(self, staff, attacker):
        make_user("lo.thi.hoa")
        self.fail_until_locked(attacker)

        response = login(attacker, "lo.thi.hoa", STAFF_PASSWORD)
        assert response.status_code == 302
        assert logged_in(attacker)

    def test_the_account_is_not_locked_from_other_addresses(self, staff, attacker):
        self.fail_until_locked(attacker)

        elsewhere = browser(address="113.160.200.1")
        assert login(elsewhere, "tran.van.binh", STAFF_PASSWORD).status_code == 302
        assert logged_in(elsewhere)

    def test_an_address_trying_many_usernames_is_locked_on_its_own_limit(
        self, staff, attacker, site_profile
    ):
        make_user("lo.thi.hoa")
        per_name = django_settings.LOGIN_FAILURE_LIMIT - 1  # never reaching a pair's limit
        limit = django_settings.LOGIN_ADDRESS_FAILURE_LIMIT
        assert limit > django_settings.LOGIN_FAILURE_LIMIT
        for attempt in range(limit - 1):
            login(attacker, f"nguoi.dung.{attempt // per_name}", f"sai-{attempt}")
        # One failure short of the address's limit, a real login from it still works.
        assert login(attacker, "lo.thi.hoa", STAFF_PASSWORD).status_code == 302
        attacker.logout()
        login(attacker, "ai.do", "sai-lan-cuoi")

        response = login(attacker, "tran.van.binh", STAFF_PASSWORD)
        assert response.status_code == 429
        assert not logged_in(attacker)
        with translation.override("vi"):
            assert gettext("Too many failed logins") in response.content.decode()
        # Everyone else, and the same usernames elsewhere, are untouched.
        colleague = browser(address="113.160.200.1")
        assert login(colleague, "tran.van.binh", STAFF_PASSWORD).status_code == 302

    def test_other_people_elsewhere_still_log_in(self, staff, attacker):
        make_user("lo.thi.hoa")
        self.fail_until_locked(attacker)

        colleague = browser(address="113.160.200.1")
        assert login(colleague, "lo.thi.hoa", STAFF_PASSWORD).status_code == 302
        assert logged_in(colleague)

    def test_a_success_before_the_limit_resets_the_count(self, staff, attacker):
        limit = django_settings.LOGIN_FAILURE_LIMIT
        for attempt in range(limit - 1):
            login(attacker, "tran.van.binh", f"sai-{attempt}")
        assert login(attacker, "tran.van.binh", STAFF_PASSWORD).status_code == 302
        attacker.logout()

        for attempt in range(limit - 1):
            login(attacker, "tran.van.binh", f"lai-sai-{attempt}")
        assert login(attacker, "tran.van.binh", STAFF_PASSWORD).status_code == 302
        assert logged_in(attacker)

    def test_the_lock_lifts_a_cool_off_after_the_last_attempt(self, staff, attacker, time_machine):
        start = dt.datetime(2025, 9, 2, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        cool_off = django_settings.AXES_COOLOFF_TIME
        time_machine.move_to(start, tick=False)
        self.fail_until_locked(attacker)

        time_machine.move_to(start + cool_off - dt.timedelta(minutes=1), tick=False)
        assert login(attacker, "tran.van.binh", STAFF_PASSWORD).status_code == 429
        last_attempt = start + cool_off - dt.timedelta(minutes=1)

        time_machine.move_to(last_attempt + cool_off + dt.timedelta(minutes=1), tick=False)
        assert login(attacker, "tran.van.binh", STAFF_PASSWORD).status_code == 302
        assert logged_in(attacker)
