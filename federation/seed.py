"""Demo content of the portal itself: the federation's profile and the demo logins."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from federation import roles
from federation.demo import is_demo, remember
from federation.models import SiteProfile
from federation.text import format_number

DEMO_PROFILE = {
    "full_name": "Liên đoàn Lao động tỉnh Điện Biên",
    "short_name": "LĐLĐ tỉnh Điện Biên",
    "address": "Số 12, đường Võ Nguyên Giáp, phường Điện Biên Phủ, tỉnh Điện Biên",
    "phone": "0215 3825 168",
    "email": "vanphong@ldld-dienbien.example.vn",
    "map_url": "https://www.openstreetmap.org/search?query=%C4%90i%E1%BB%87n%20Bi%C3%AAn%20Ph%E1%BB%A7",
}

# The introduction states the federation's size as the register has it when the demo is
# loaded: the "federation-size" step runs after the register's (demo_intro).
INTRO = (
    "Liên đoàn Lao động tỉnh Điện Biên là tổ chức chính trị – xã hội của giai cấp "
    "công nhân và người lao động trong tỉnh{size}. Cổng thông tin đưa tin hoạt động công "
    "đoàn, văn bản chỉ đạo, chương trình chăm lo cho đoàn viên và số liệu tổ chức công "
    "đoàn các cấp."
)
SIZE = ", đại diện cho {members} đoàn viên ở {unions} công đoàn cơ sở"


def demo_intro() -> str:
    """The demo's introduction, with the register's figures (none while it is empty)."""
    from members.figures import register_size

    size = register_size()
    if not size["members"]:
        return INTRO.format(size="")
    return INTRO.format(
        size=SIZE.format(
            members=format_number(size["members"]), unions=format_number(size["unions"])
        )
    )


# (username, password, first name, last name, staff, superuser, roles, what they do)
DEMO_LOGINS = (
    (
        "quantri",
        "QuanTri@2026",
        "Lò Văn",
        "Thắng",
        True,
        True,
        [roles.ADMINISTRATOR],
        "quản trị hệ thống",
    ),
    (
        "bientap",
        "BienTap@2026",
        "Nguyễn Thị",
        "Hương",
        True,
        False,
        [roles.NEWS_EDITOR],
        "biên tập viên tin tức",
    ),
    (
        "canbo.coso",
        "CanBo@2026",
        "Quàng Văn",
        "Đức",
        False,
        False,
        [],
        "cán bộ công đoàn cơ sở",
    ),
    (
        "canbo.phuong",
        "CanBo@2026",
        "Lường Thị",
        "Hoa",
        False,
        False,
        [],
        "cán bộ công đoàn cấp trên",
    ),
)


def seed_federation(stdout, *, logins: bool = True, **options) -> None:
    profile, _created = SiteProfile.objects.update_or_create(
        pk=1, defaults={**DEMO_PROFILE, "intro": demo_intro()}
    )
    remember(profile)
    if not logins:
        return
    User = get_user_model()
    for username, password, first, last, staff, superuser, groups, _role in DEMO_LOGINS:
        existing = User.objects.filter(username=username).first()
        if existing is not None and not is_demo(existing):
            # Even with --force, a real account is never given a published password.
            stdout.write(f"Skipped the demo login {username}: a real account has that name.")
            continue
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@ldld-dienbien.example.vn",
                "is_staff": staff,
                "is_superuser": superuser,
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.set(Group.objects.filter(name__in=groups))
        remember(user)


def seed_federation_size(stdout, **options) -> None:
    """After the register is loaded: the demo introduction states its figures."""
    profile = SiteProfile.objects.filter(pk=1).first()
    if profile is None or not is_demo(profile):
        return
    profile.intro = demo_intro()
    profile.save(update_fields=["intro"])
