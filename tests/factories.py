"""Test data with real Vietnamese text, built through the models the way staff would."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from federation import roles
from federation.models import SiteProfile

# A phone browser, as most visitors use, and two clients the statistics must keep apart.
BROWSER_UA = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36"
)
DESKTOP_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
)
GOOGLEBOT_UA = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"

PROFILE = {
    "full_name": "Liên đoàn Lao động tỉnh Lai Châu",
    "short_name": "LĐLĐ tỉnh Lai Châu",
    "address": "Số 8, đại lộ Lê Duẩn, phường Tân Phong, tỉnh Lai Châu",
    "phone": "0213 3876 251",
    "email": "vanphong@ldld-laichau.example.vn",
    "intro": (
        "Liên đoàn Lao động tỉnh Lai Châu đại diện cho hơn 28 nghìn đoàn viên ở "
        "hơn 600 công đoàn cơ sở, chăm lo đời sống người lao động các dân tộc trong tỉnh."
    ),
}

STAFF_PASSWORD = "Mật-khẩu-đủ-dài-2026"


def make_site_profile(**overrides) -> SiteProfile:
    profile = SiteProfile(**{**PROFILE, **overrides})
    profile.save()
    return profile


def make_user(username: str = "nguyen.thi.mai", *, staff: bool = True, **fields):
    """A real (non-demo) account: federation staff unless told otherwise."""
    user = get_user_model().objects.create_user(
        username=username,
        password=fields.pop("password", STAFF_PASSWORD),
        first_name=fields.pop("first_name", "Nguyễn Thị"),
        last_name=fields.pop("last_name", "Mai"),
        is_staff=staff,
        **fields,
    )
    return user


def make_staff(username: str, role: str | None, **fields):
    """Federation staff in one of the roles of federation/roles.py."""
    user = make_user(username, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_editor(username: str = "tran.van.binh"):
    return make_staff(username, roles.NEWS_EDITOR, first_name="Trần Văn", last_name="Bình")


def make_approver(username: str = "le.thi.hoa"):
    return make_staff(username, roles.NEWS_APPROVER, first_name="Lê Thị", last_name="Hoa")


def browser(
    address: str = "113.160.12.34", user_agent: str = BROWSER_UA, headers=None, **extra
) -> Client:
    """A test client that looks like one person's browser: its own address and user agent."""
    return Client(
        headers={"user-agent": user_agent, **(headers or {})}, REMOTE_ADDR=address, **extra
    )
