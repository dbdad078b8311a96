"""`manage.py seed_demo`: a believable demo, safe to repeat, never over real content."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from federation import demo, roles
from federation.models import DemoRecord, SiteProfile
from federation.seed import DEMO_LOGINS, DEMO_PROFILE, demo_intro
from tests.factories import STAFF_PASSWORD, browser, make_site_profile, make_user

pytestmark = pytest.mark.django_db

LOGIN_URL = "/tai-khoan/dang-nhap/"
DEMO_USERNAMES = {login[0] for login in DEMO_LOGINS}


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "users": get_user_model().objects.count(),
        "profiles": SiteProfile.objects.count(),
        "demo records": DemoRecord.objects.count(),
        "groups": Group.objects.count(),
    }


def log_in(username: str, password: str):
    client = browser()
    response = client.post(LOGIN_URL, {"username": username, "password": password})
    return client, response


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


@pytest.fixture
def federation_step_only(monkeypatch):
    """The profile and the logins, without the news, documents and register steps.

    Those steps have their own tests (tests/*/test_seed.py), and drawing the news
    pictures costs seconds a run; tests marked with this fixture are about the
    command, its logins and its refusals.
    """
    monkeypatch.setattr(demo, "_STEPS", {"federation": demo._STEPS["federation"]})


class TestInDevelopment:
    def test_creates_the_profile_and_the_logins_and_prints_them(self, debug, federation_step_only):
        output = seed()
        assert "người duyệt tin" in output  # the whole news workflow can be tried

        profile = SiteProfile.objects.get()
        assert profile.full_name == "Liên đoàn Lao động tỉnh Điện Biên"
        assert profile.intro == demo_intro()  # the register is empty: no figures stated
        users = get_user_model().objects.filter(username__in=DEMO_USERNAMES)
        assert set(users.values_list("username", flat=True)) == DEMO_USERNAMES
        for username, password, *_rest in DEMO_LOGINS:
            assert username in output
            assert password in output

    def test_the_home_page_shows_the_demo_federation(self, debug, federation_step_only):
        seed()
        page = browser().get("/").content.decode()
        assert "Liên đoàn Lao động tỉnh Điện Biên" in page
        assert "0215 3825 168" in page

    def test_the_printed_passwords_log_in_through_the_login_form(self, debug, federation_step_only):
        seed()
        for username, password, *_rest in DEMO_LOGINS:
            client, response = log_in(username, password)
            assert response.status_code == 302, username
            assert client.session["_auth_user_id"]

    def test_each_demo_login_has_its_role(self, debug, federation_step_only):
        seed()
        administrator, _response = log_in("quantri", "QuanTri@2026")
        assert administrator.get("/quan-tri/federation/siteprofile/1/change/").status_code == 200

        editor = get_user_model().objects.get(username="bientap")
        assert editor.is_staff
        assert not editor.is_superuser
        assert list(editor.groups.values_list("name", flat=True)) == [roles.NEWS_EDITOR]

        approver, _response = log_in("duyettin", "DuyetTin@2026")
        user = get_user_model().objects.get(username="duyettin")
        assert (user.is_staff, user.is_superuser) == (True, False)
        assert list(user.groups.values_list("name", flat=True)) == [roles.NEWS_APPROVER]
        assert user.has_perm("news.publish_article")
        assert approver.get("/quan-tri/news/article/").status_code == 200

        officer, _response = log_in("canbo.coso", "CanBo@2026")
        assert officer.get("/quan-tri/").status_code == 302  # not staff: no admin

    def test_running_twice_gives_the_same_rows_and_refuses_nothing_of_its_own(self, debug):
        """The whole demo, twice: no app's rows are taken for real content on the second
        run, and nothing is added."""
        seed()
        first = counts()
        seed()  # refusing its own rows as real content would raise here
        assert counts() == first
        assert first["profiles"] == 1
        # The register step adds accounts for grassroots chairs (no password) besides these.
        demo_logins = get_user_model().objects.filter(username__in=DEMO_USERNAMES)
        assert demo_logins.count() == len(DEMO_LOGINS)

    def test_running_again_restores_a_changed_demo_password(self, debug, federation_step_only):
        seed()
        user = get_user_model().objects.get(username="bientap")
        user.set_password("Một mật khẩu khác 2026")
        user.save()

        seed()

        _client, response = log_in("bientap", "BienTap@2026")
        assert response.status_code == 302


class TestInProduction:
    def test_refuses_without_debug_and_creates_nothing(self, settings):
        settings.DEBUG = False
        before = counts()

        with pytest.raises(CommandError, match="DEBUG"):
            seed()

        assert counts() == before
        assert not SiteProfile.objects.exists()
        assert not DemoRecord.objects.exists()

    def test_no_logins_loads_the_profile_only(self, settings, federation_step_only):
        settings.DEBUG = False
        output = seed("--no-logins")

        assert SiteProfile.objects.get().full_name == DEMO_PROFILE["full_name"]
        assert not get_user_model().objects.exists()
        assert "QuanTri@2026" not in output


class TestRealContent:
    def test_refuses_a_database_with_a_real_user_and_changes_nothing(self, debug):
        make_user("nguyen.thi.mai")
        before = counts()

        with pytest.raises(CommandError) as refused:
            seed()

        assert "--force" in str(refused.value)
        assert counts() == before
        assert not SiteProfile.objects.exists()
        _client, response = log_in("nguyen.thi.mai", STAFF_PASSWORD)
        assert response.status_code == 302

    def test_refuses_a_profile_that_staff_filled_in(self, debug):
        make_site_profile()

        with pytest.raises(CommandError):
            seed()

        assert SiteProfile.objects.get().full_name == "Liên đoàn Lao động tỉnh Lai Châu"
        assert not get_user_model().objects.exists()

    def test_force_proceeds_and_keeps_the_real_user(self, debug, federation_step_only):
        real = make_user("nguyen.thi.mai")

        seed("--force")

        assert SiteProfile.objects.get().full_name == DEMO_PROFILE["full_name"]
        assert get_user_model().objects.filter(username__in=DEMO_USERNAMES).count() == len(
            DEMO_USERNAMES
        )
        real.refresh_from_db()
        assert real.first_name == "Nguyễn Thị"
        _client, response = log_in("nguyen.thi.mai", STAFF_PASSWORD)
        assert response.status_code == 302

    def test_force_never_takes_over_a_real_account_with_a_demo_name(
        self, debug, federation_step_only
    ):
        """A real "quantri" keeps its own password and rights, --force or not."""
        real = make_user("quantri")

        output = seed("--force")

        real.refresh_from_db()
        assert not real.is_superuser
        _client, response = log_in("quantri", STAFF_PASSWORD)
        assert response.status_code == 302
        _client, response = log_in("quantri", "QuanTri@2026")
        assert response.status_code == 200
        assert "quantri" in output
        assert "real account" in output
