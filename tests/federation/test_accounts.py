"""Accounts: who is signed in, logging out, changing and resetting a password, how long a
login lasts, and that pages with personal data or a person's name are never kept."""

import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import RequestFactory

from federation import views
from tests.factories import STAFF_PASSWORD, browser, make_user
from tests.helpers import logged_in, text_of, vi
from tests.members.factories import make_officer, make_register, make_tree

pytestmark = pytest.mark.django_db

LOGIN_URL = "/tai-khoan/dang-nhap/"
LOGOUT_URL = "/tai-khoan/dang-xuat/"
CHANGE_URL = "/tai-khoan/doi-mat-khau/"
RESET_URL = "/tai-khoan/quen-mat-khau/"
NEW_PASSWORD = "Mật-khẩu-mới-của-tôi-2026"


@pytest.fixture
def tree(db):
    return make_tree()


@pytest.fixture
def officer(tree):
    return make_officer(
        "lo.van.thang",
        tree.school,
        first_name="Lò Văn",
        last_name="Thắng",
        email="thang.lo@congdoan-dienbien.example.vn",
    )


def header(response) -> str:
    return re.search(r'<header class="site-header">.*?</header>', text_of(response), re.S).group(0)


def main(response) -> str:
    return re.search(r'<main id="main".*?</main>', text_of(response), re.S).group(0)


def log_in(client, username, password):
    return client.post(LOGIN_URL, {"username": username, "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# ---------------------------------------------------------------------------------------
# Who is signed in


@pytest.mark.parametrize("path", ["/", "/tin-tuc/", "/co-so/don-vi/{unit}/"])
def test_the_header_names_the_signed_in_user_with_a_logout_button(tree, officer, path):
    client = logged_in(officer)
    response = client.get(path.format(unit=tree.school.pk))
    assert response.status_code == 200
    top = header(response)
    assert f"{vi('Signed in as')} <strong>Lò Văn Thắng</strong>" in top
    assert re.search(rf'<form class="logout-form" action="{LOGOUT_URL}" method="post">', top)
    assert f'href="{CHANGE_URL}"' in top


def test_visitors_see_no_account_bar(site_profile):
    assert "logout-form" not in header(browser().get("/"))


def test_the_logout_button_ends_the_session(officer):
    client = logged_in(officer)
    response = client.post(LOGOUT_URL)
    assert response.status_code == 302
    assert not signed_in(client)
    assert "logout-form" not in header(client.get("/"))


def test_the_admin_greets_staff_by_their_full_name(db):
    staff = make_user("lo.van.thang", first_name="Lò Văn", last_name="Thắng")
    client = logged_in(staff)
    response = client.get("/quan-tri/")
    assert response.status_code == 200
    assert re.search(r"Chào mừng bạn,\s*<strong>Lò Văn Thắng</strong>", text_of(response))


# ---------------------------------------------------------------------------------------
# Changing a password


def test_changing_the_password_needs_a_login(db):
    response = browser().get(CHANGE_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


def test_an_officer_changes_their_password(officer):
    client = logged_in(officer)
    page = client.get(CHANGE_URL)
    assert page.status_code == 200
    assert vi("Change your password") in text_of(page)
    response = client.post(
        CHANGE_URL,
        {
            "old_password": STAFF_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    done = client.get(response["Location"])
    assert vi("Password changed") in text_of(done)
    assert signed_in(client)  # the session goes on with the new password
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)


def test_a_wrong_current_password_changes_nothing(officer):
    client = logged_in(officer)
    response = client.post(
        CHANGE_URL,
        {"old_password": "sai", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert 'class="field-error"' in text_of(response)
    officer.refresh_from_db()
    assert officer.check_password(STAFF_PASSWORD)


# ---------------------------------------------------------------------------------------
# Forgotten password


def ask_reset(client, email):
    return client.post(RESET_URL, {"email": email})


def test_the_login_page_links_to_the_password_reset(db):
    assert f'href="{RESET_URL}"' in text_of(browser().get(LOGIN_URL))


def test_the_reset_answer_is_the_same_whether_the_address_exists_or_not(officer, site_profile):
    known = ask_reset(browser(), officer.email)
    unknown = ask_reset(browser(address="27.72.5.5"), "khong.co.ai@example.vn")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert main(browser().get(known["Location"])) == main(browser().get(unknown["Location"]))
    assert len(mail.outbox) == 1


def test_the_reset_mail_is_vietnamese_and_its_link_sets_a_new_password(officer, site_profile):
    ask_reset(browser(), officer.email)
    message = mail.outbox[0]
    assert message.to == [officer.email]
    assert message.subject == vi("Set a new password for the %(federation_name)s portal") % {
        "federation_name": site_profile.full_name
    }
    assert "Chào Lò Văn Thắng," in message.body
    assert "lo.van.thang" in message.body
    link = re.search(r"http://testserver(/tai-khoan/dat-lai-mat-khau/\S+/)", message.body).group(1)

    client = browser()
    form = client.get(link, follow=True)
    assert vi("Set a new password") in text_of(form)
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert vi("Password set") in text_of(client.get(response["Location"]))
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)
    # The link works once.
    assert vi("Ask for a new link") in text_of(browser().get(link, follow=True))


def test_the_reset_form_is_limited_per_address(officer, settings):
    settings.PASSWORD_RESETS_PER_ADDRESS = 2
    client = browser()
    for _ in range(2):
        assert ask_reset(client, officer.email).status_code == 302
    response = ask_reset(client, "khong.co.ai@example.vn")
    assert response.status_code == 429
    assert vi("Several password resets were asked from this address. Please wait a while.") in (
        text_of(response)
    )
    assert ask_reset(client, officer.email).status_code == 429
    assert len(mail.outbox) == 2
    assert ask_reset(browser(address="27.72.5.6"), officer.email).status_code == 302


# ---------------------------------------------------------------------------------------
# How long a login lasts


def test_a_login_lasts_a_working_day_and_ends_with_the_browser(officer):
    assert django_settings.SESSION_COOKIE_AGE == 8 * 3600
    client = browser()
    response = log_in(client, "lo.van.thang", STAFF_PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    # A browser-session cookie: no lifetime of its own.
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert client.session.get_expiry_age() == 8 * 3600


# ---------------------------------------------------------------------------------------
# Nothing personal is kept


def test_a_page_for_a_signed_in_user_is_never_served_to_someone_else(officer, site_profile):
    """Even a request that is signed in without a session cookie (another auth backend)."""
    request = RequestFactory().get("/", headers={"user-agent": "Mozilla/5.0"})
    request.user = officer
    assert "Lò Văn Thắng" in views.home(request).content.decode()
    assert "Lò Văn Thắng" not in text_of(browser().get("/"))


@pytest.fixture
def register(tree):
    return make_register(tree)


@pytest.mark.parametrize(
    ("who", "path", "status"),
    [
        ("visitor", "/co-so/", 302),  # to the login page
        ("visitor", LOGIN_URL, 200),
        ("visitor", RESET_URL, 200),
        ("visitor", CHANGE_URL, 302),
        ("visitor", "/tai-khoan/khong-co/", 404),
        ("officer", "/co-so/", 302),  # to their unit
        ("officer", "/co-so/don-vi/{unit}/doan-vien/", 200),
        ("officer", "/co-so/doan-vien/{member}/", 200),
        ("officer", "/co-so/doan-vien/{other}/", 404),
        ("officer", "POST /co-so/don-vi/{unit}/doan-vien/xuat/", 200),  # the export itself
        ("officer", "/co-so/don-vi/{unit}/doan-vien/xuat/", 405),
        ("officer", CHANGE_URL, 200),
        ("staff", "/co-so/doan-vien/{member}/", 403),
    ],
)
def test_officer_area_and_account_pages_are_never_stored(
    tree, register, officer, who, path, status
):
    clients = {
        "visitor": browser(),
        "officer": logged_in(officer),
        "staff": logged_in(make_user("bui.van.long")),
    }
    if who == "staff":
        user = get_user_model().objects.get(username="bui.van.long")
        user.user_permissions.add(Permission.objects.get(codename="view_unit"))
    method, _sep, path = path.rpartition(" ")
    address = path.format(unit=tree.school.pk, member=register.huong.pk, other=register.trang.pk)
    send = clients[who].post if method == "POST" else clients[who].get
    response = send(address)
    assert response.status_code == status
    assert response["Cache-Control"] == "private, no-store"


def test_public_pages_for_visitors_stay_cacheable(site_profile):
    response = browser().get("/")
    assert "no-store" not in response.get("Cache-Control", "")
    assert "private" not in response.get("Cache-Control", "")
