"""Congress test data: the province's congresses on the register's tree (tests/members).

Congresses are saved through congress.services.save_congress, as the admin saves them,
so slugs, search words and cover renditions are the real ones. Dates are relative to
today: the twelfth provincial congress was held three years ago, the thirteenth comes
in twelve days.
"""

from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone

from congress.models import (
    Congress,
    CongressDocument,
    Session,
    Subcommittee,
    SubcommitteeTask,
    Target,
    TargetProgress,
)
from congress.services import save_congress
from federation import roles
from tests.factories import make_staff

MOTTO = "Đổi mới – Dân chủ – Đoàn kết – Phát triển"


def today() -> date:
    return timezone.localdate()


def year() -> int:
    return today().year


def make_congress(unit, ordinal: int, term_start: int, **fields) -> Congress:
    fields.setdefault("term_end", term_start + 5)
    congress = Congress(unit=unit, ordinal=ordinal, term_start=term_start, **fields)
    return save_congress(congress)


def make_twelfth(tree) -> Congress:
    """Đại hội lần thứ XII of the province, held three years ago, its term running."""
    held = date(year() - 3, 10, 10)
    return make_congress(
        tree.province,
        12,
        year() - 3,
        motto=MOTTO,
        venue="Hội trường Trung tâm Hội nghị tỉnh Điện Biên",
        starts_on=held,
        ends_on=held + timedelta(days=2),
        official_delegates=250,
        members_represented=33997,
        summary="Đại hội đánh giá kết quả nhiệm kỳ trước và quyết định phương hướng nhiệm kỳ mới.",
    )


def make_thirteenth(tree, *, days_ahead: int = 12) -> Congress:
    """Đại hội lần thứ XIII of the province, in `days_ahead` days."""
    starts = today() + timedelta(days=days_ahead)
    return make_congress(
        tree.province,
        13,
        year() + 2,
        motto="Dân chủ – Kỷ cương – Đổi mới – Phát triển",
        venue="Nhà văn hóa tỉnh Điện Biên",
        starts_on=starts,
        ends_on=starts + timedelta(days=1),
        official_delegates=280,
        members_represented=35210,
    )


def make_ward_congress(tree, **fields) -> Congress:
    """The ward union's first congress, held two years ago."""
    held = date(year() - 2, 5, 20)
    fields.setdefault("starts_on", held)
    fields.setdefault("ends_on", held)
    return make_congress(tree.ward, 1, year() - 2, venue="Nhà văn hóa phường Mường Thanh", **fields)


PROGRAMME = [
    ("Khai mạc Đại hội, chào cờ", "Ban Tổ chức"),
    ("Báo cáo chính trị của Ban Chấp hành khóa XII", "Đồng chí Chủ tịch"),
    ("Thảo luận tại hội trường", "Các đại biểu"),
    ("Bầu Ban Chấp hành khóa XIII", "Đoàn Chủ tịch"),
    ("Bế mạc Đại hội", "Ban Tổ chức"),
]


def add_programme(congress: Congress, day: date, count: int = 3) -> list[Session]:
    """`count` items on `day`: the opening at 00:00 (begun all day long), the others at
    23:59 (not yet begun until the day's last minute)."""
    sessions = []
    for index in range(count):
        title, presenter = PROGRAMME[index % len(PROGRAMME)]
        sessions.append(
            Session.objects.create(
                congress=congress,
                kind=Session.Kind.OFFICIAL,
                day=day,
                starts_at=time(0, 0) if index == 0 else time(23, 59),
                title=title if index < len(PROGRAMME) else f"{title} ({index})",
                presenter=presenter,
            )
        )
    return sessions


def add_subcommittee(congress: Congress, *, late: int = 0, done: int = 0) -> Subcommittee:
    subcommittee = Subcommittee.objects.create(
        congress=congress,
        kind=Subcommittee.Kind.DOCUMENTS,
        name="Tiểu ban Văn kiện",
        head="Đồng chí Lò Văn Mừng",
        members="Nguyễn Thị Hoa\nQuàng Văn Ơn",
        public_description="Chuẩn bị Báo cáo chính trị và dự thảo Nghị quyết Đại hội.",
    )
    for number in range(late):
        SubcommitteeTask.objects.create(
            subcommittee=subcommittee,
            title=f"Gửi dự thảo báo cáo lần {number + 1} xin ý kiến",
            deadline=today() - timedelta(days=3 + number),
        )
    for number in range(done):
        SubcommitteeTask.objects.create(
            subcommittee=subcommittee,
            title=f"Họp tiểu ban lần {number + 1}",
            deadline=today() - timedelta(days=10),
            done_on=today() - timedelta(days=11),
        )
    return subcommittee


def add_document(congress: Congress, document, role=CongressDocument.Role.POLITICAL_REPORT):
    return CongressDocument.objects.create(congress=congress, document=document, role=role)


def add_target(congress: Congress, text: str, value, unit_of_measure: str, **fields) -> Target:
    fields.setdefault("group", Target.Group.TERM)
    return Target.objects.create(
        congress=congress,
        text=text,
        value=Decimal(value),
        unit_of_measure=unit_of_measure,
        **fields,
    )


def record_progress(target: Target, **by_year) -> None:
    for label, value in by_year.items():
        TargetProgress.objects.create(
            target=target, year=int(label.removeprefix("y")), value=Decimal(value)
        )


def make_secretary(username: str = "ha.thi.thu"):
    """The congress secretary ("Thư ký đại hội"), with exactly the role's permissions."""
    return make_staff(username, roles.CONGRESS_SECRETARY, first_name="Hà Thị", last_name="Thu")
