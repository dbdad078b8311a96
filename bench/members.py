"""Benchmark of the union register and the officer area on generated data (issue 5, "Speed").

    python bench/members.py --database-url sqlite:////tmp/bench-members.sqlite3
    python bench/members.py --database-url postgres://postgres@127.0.0.1:5432/bench_members

It fills the database once (and reuses it on the next run) with 2,000 units in four
levels (the provincial federation, 12 second-level unions, about 150 third-level unions
and the rest grassroots unions across the four sectors), 100,000 members with their
ADMITTED events (and LEFT for the 3% who left), an officer of the provincial federation
and one of the grassroots union with the most members, and two reporting periods opened
with members.services.open_period: last year's second half, closed with every report
accepted, and this year's, open, with drafts, submitted, returned and accepted reports.

Then it times, in-process through Django's full stack with kept pages off and logged in
as the officer, the dashboards of the provincial federation and of the grassroots union,
the member lists (the province's page 1, a name search and a card-number search, the
union's page 1), /thong-ke/ with its figures recomputed for each request (and, for
comparison, as visitors get it with the figures kept), the province's progress page of
the open period, and the import of a 5,000-row .xlsx file through the view (upload and
check, then confirm) into a fresh grassroots union each time; the bench's unions and
their members are deleted afterwards. It prints the median and 95th percentile and the
number of SQL queries of each page.
"""

import argparse
import io
import math
import os
import random
import re
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FILES_ROOT = "/tmp/bench-members-files"
USER_AGENT = "Mozilla/5.0 bench"
PROVINCE_LOGIN = "canbo.tinh"
GRASSROOTS_LOGIN = "canbo.coso"
PASSWORD = "bench-only-password-2026"
IMPORT_ROWS = 5_000
IMPORT_PREFIX = "Công đoàn cơ sở Công ty TNHH Nhập liệu thử số"

FAMILY = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý "
    "Lò Quàng Lường Cà Điêu Vì Tòng Mùa Giàng Sùng Thào"
).split()
MALE_MIDDLE = "Văn Đức Minh Quang Hữu Xuân Ngọc Thanh Công".split()
FEMALE_MIDDLE = "Thị Thu Ngọc Hồng Thanh Minh Thúy Kim".split()
MALE_GIVEN = (
    "An Bình Cường Dũng Hải Hùng Huy Khánh Long Nam Phúc Quân Sơn Thắng Tuấn Ơn Việt".split()
)
FEMALE_GIVEN = "Anh Hà Hoa Hương Lan Linh Mai Nga Nhung Oanh Phương Tâm Thảo Trang Xuân Én".split()

SECOND_LEVEL = (
    ("Công đoàn phường Điện Biên Phủ", "ward"),
    ("Công đoàn phường Mường Thanh", "ward"),
    ("Công đoàn phường Him Lam", "ward"),
    ("Công đoàn phường Mường Lay", "ward"),
    ("Công đoàn xã Mường Ảng", "ward"),
    ("Công đoàn xã Tuần Giáo", "ward"),
    ("Công đoàn xã Điện Biên Đông", "ward"),
    ("Công đoàn xã Mường Nhé", "ward"),
    ("Công đoàn ngành Giáo dục", "industry"),
    ("Công đoàn ngành Y tế", "industry"),
    ("Công đoàn ngành Công Thương", "industry"),
    ("Công đoàn các Khu công nghiệp tỉnh", "zones"),
)
KINDS = {
    # key: (name, grassroots, order)
    "province": ("Liên đoàn Lao động tỉnh", False, 1),
    "ward": ("Công đoàn xã, phường", False, 2),
    "industry": ("Công đoàn ngành", False, 3),
    "zones": ("Công đoàn các khu công nghiệp", False, 4),
    "cluster": ("Công đoàn cụm, khối", False, 5),
    "grassroots": ("Công đoàn cơ sở", True, 6),
    "trade": ("Nghiệp đoàn", True, 7),
}
# (sector, weight, how the employer is named)
SECTORS = (
    ("public", 45, ("Trường Tiểu học", "Trường THCS", "Trường Mầm non", "Trạm Y tế", "UBND")),
    ("state", 6, ("Công ty TNHH MTV", "Chi nhánh Ngân hàng", "Công ty Điện lực", "Bưu điện")),
    ("non-state", 39, ("Công ty Cổ phần", "Công ty TNHH", "Hợp tác xã", "Doanh nghiệp tư nhân")),
    ("foreign", 10, ("Công ty TNHH May mặc", "Công ty TNHH Điện tử", "Công ty TNHH Giày da")),
)
PLACES = (
    "Điện Biên Phủ, Mường Thanh, Him Lam, Nam Thanh, Tân Thanh, Thanh Bình, Noong Bua, "
    "Mường Lay, Mường Ảng, Búng Lao, Tuần Giáo, Quài Tở, Chiềng Sinh, Mường Nhé, Chà Cang, "
    "Nậm Pồ, Tủa Chùa, Thanh Nưa, Thanh Xương, Pú Nhi, Na Son, Mường Chà, Sín Thầu"
).split(", ")
COMPANIES = (
    "Hòa Phong, Tây Bắc, Sông Đà, Hồng Phát, Minh Khang, Phúc Thịnh, Thành Công, Vạn Xuân, "
    "Nam Việt, Đông Á, Hưng Thịnh, An Bình, Trường Sơn, Mê Kông, Hoàng Gia, Him Lam"
).split(", ")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--imports", type=int, default=3)
    parser.add_argument("--exports", type=int, default=3)
    parser.add_argument("--only-exports", action="store_true", help="time the member export alone")
    return parser.parse_args()


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("MEDIA_ROOT", "/tmp/bench-media")
    os.environ.setdefault("PROTECTED_MEDIA_ROOT", FILES_ROOT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import logging

    import django

    django.setup()
    logging.getLogger("axes").setLevel(logging.WARNING)  # a line per login otherwise


# ---------------------------------------------------------------------------------------
# Generating the register


def person(rng: random.Random) -> tuple[str, str]:
    """(full name, gender) of a made-up Vietnamese person; a little over half are women."""
    if rng.random() < 0.55:
        middle, given, gender = FEMALE_MIDDLE, FEMALE_GIVEN, "female"
    else:
        middle, given, gender = MALE_MIDDLE, MALE_GIVEN, "male"
    name = f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"
    return name, gender


def make_kinds():
    from members.models import UnitKind

    return {
        key: UnitKind.objects.get_or_create(
            name=name, defaults={"is_grassroots": grassroots, "order": order}
        )[0]
        for key, (name, grassroots, order) in KINDS.items()
    }


def create_level(units: list) -> list:
    """Insert one level of the tree, then give each unit its path as save_unit does."""
    from members.models import Unit, path_segment

    Unit.objects.bulk_create(units, batch_size=500)
    for unit in units:
        unit.path = (unit.parent.path if unit.parent_id else "") + path_segment(unit.pk)
    Unit.objects.bulk_update(units, ["path"], batch_size=500)
    return units


def generate_tree(rng: random.Random, count: int):
    """1 + 12 + ~150 upper-level unions, the rest grassroots; returns the grassroots units."""
    from members.models import Unit

    kinds = make_kinds()
    province = create_level(
        [
            Unit(
                name="Liên đoàn Lao động tỉnh Điện Biên",
                short_name="LĐLĐ tỉnh Điện Biên",
                kind=kinds["province"],
                province="Điện Biên",
                address="Số 12, đường Võ Nguyên Giáp, phường Điện Biên Phủ",
                chairperson="Lò Văn Thắng",
            )
        ]
    )[0]
    second = create_level(
        [
            Unit(
                name=name,
                kind=kinds[kind],
                parent=province,
                province="Điện Biên",
                commune=name.split(" ", 2)[-1] if kind == "ward" else "",
                chairperson=person(rng)[0],
            )
            for name, kind in SECOND_LEVEL
        ]
    )
    third = []
    for upper in second:
        for number in range(1, 13 + (upper.pk % 2)):  # 12 or 13 under each: about 150
            what = "trường học" if "Giáo dục" in upper.name else "doanh nghiệp"
            where = upper.name.removeprefix("Công đoàn ")
            third.append(
                Unit(
                    name=f"Công đoàn cụm {what} số {number} – {where}",
                    kind=kinds["cluster"],
                    parent=upper,
                    province="Điện Biên",
                    chairperson=person(rng)[0],
                )
            )
    create_level(third)
    grassroots = []
    weights = [weight for _sector, weight, _names in SECTORS]
    for index in range(count - 1 - len(second) - len(third)):
        sector, _weight, employers = rng.choices(SECTORS, weights)[0]
        place = rng.choice(PLACES)
        if sector == "public":
            employer = f"{rng.choice(employers)} {place} số {index % 7 + 1}"
        else:
            employer = f"{rng.choice(employers)} {rng.choice(COMPANIES)} {place}"
        kind = kinds["trade"] if sector == "non-state" and rng.random() < 0.05 else None
        trade = rng.choice(("xe ôm", "bốc xếp", "thợ may", "dịch vụ du lịch", "buôn bán"))
        grassroots.append(
            Unit(
                name=f"Nghiệp đoàn {trade} {place}" if kind else f"Công đoàn cơ sở {employer}",
                kind=kind or kinds["grassroots"],
                parent=rng.choice(third),
                sector=sector,
                employer="" if kind else employer,
                province="Điện Biên",
                commune=place,
                founded_on=date(1990, 1, 1) + timedelta(days=rng.randint(0, 12_000)),
                chairperson=person(rng)[0],
            )
        )
    create_level(grassroots)
    return province, grassroots


def unit_sizes(rng: random.Random, count: int, total: int) -> list[int]:
    """Members per grassroots union: a few large factories, many small schools and offices."""
    weights = [rng.lognormvariate(0, 1.3) for _ in range(count)]
    scale = total / sum(weights)
    sizes = [max(3, math.floor(weight * scale)) for weight in weights]
    index = 0
    while sum(sizes) != total:  # settle the rounding on the units in turn
        step = 1 if sum(sizes) < total else -1
        if sizes[index % count] + step >= 3:
            sizes[index % count] += step
        index += 1
    return sizes


def generate_members(rng: random.Random, grassroots: list, total: int) -> None:
    from django.db import transaction

    from members.models import Member, MembershipEvent, MemberStatus, Unit

    today = date.today()
    sizes = unit_sizes(rng, len(grassroots), total)
    serial = 0
    started = time.perf_counter()
    pending: list[tuple] = []

    def flush():
        members = [row[0] for row in pending]
        with transaction.atomic():
            Member.objects.bulk_create(members, batch_size=2000)
            events = []
            for member, _unit in pending:
                events.append(
                    MembershipEvent(
                        member=member,
                        kind=MembershipEvent.Kind.ADMITTED,
                        happened_on=member.admitted_on,
                        unit_id=member.unit_id,
                    )
                )
                if member.status == MemberStatus.LEFT:
                    events.append(
                        MembershipEvent(
                            member=member,
                            kind=MembershipEvent.Kind.LEFT,
                            happened_on=member.left_on,
                            unit_id=member.unit_id,
                            note="Nghỉ việc, chuyển nơi làm việc",
                        )
                    )
            MembershipEvent.objects.bulk_create(events, batch_size=2000)
        pending.clear()

    for unit, size in zip(grassroots, sizes, strict=True):
        for _ in range(size):
            serial += 1
            name, gender = person(rng)
            born = date(1966, 1, 1) + timedelta(days=rng.randint(0, 40 * 365))
            earliest = max(date(born.year + 18, born.month, min(born.day, 28)), date(1995, 1, 1))
            if rng.random() < 0.08:  # admitted this year
                admitted = date(today.year, 1, 1) + timedelta(
                    days=rng.randint(0, (today - date(today.year, 1, 1)).days)
                )
            else:
                admitted = earliest + timedelta(
                    days=rng.randint(0, max(0, (date(today.year - 1, 12, 31) - earliest).days))
                )
            admitted = max(admitted, born + timedelta(days=18 * 366))
            if admitted > today:
                admitted = today
            century = 0 if born.year < 2000 else 2
            digit = century + (1 if gender == "female" else 0)
            left = rng.random() < 0.03 and admitted < today
            member = Member(
                full_name=name,
                gender=gender,
                date_of_birth=born,
                national_id=f"011{digit}{born.year % 100:02d}{serial:06d}",
                phone=f"09{rng.randint(10_000_000, 99_999_999)}",
                unit_id=unit.pk,
                card_number=f"ĐB{serial:08d}" if rng.random() < 0.9 else None,
                admitted_on=admitted,
                status=MemberStatus.LEFT if left else MemberStatus.ACTIVE,
                left_on=admitted + timedelta(days=rng.randint(1, (today - admitted).days))
                if left
                else None,
            )
            member.normalise()
            pending.append((member, unit))
        if len(pending) >= 5000:
            flush()
    if pending:
        flush()
    # Employees: at least as many as the union's members (the report's rule).
    for unit, size in zip(grassroots, sizes, strict=True):
        unit.employees = size + rng.randint(0, size // 2 + 5)
    Unit.objects.bulk_update(grassroots, ["employees"], batch_size=500)
    print(f"  {total} members with their events in {time.perf_counter() - started:.0f} s")


def generate_people(province, grassroots_unit) -> None:
    from django.contrib.auth import get_user_model

    from members.models import Officer

    User = get_user_model()
    for username, unit, first, last in (
        (PROVINCE_LOGIN, province, "Lò Văn", "Thắng"),
        (GRASSROOTS_LOGIN, grassroots_unit, "Quàng Thị", "Mai"),
    ):
        user = User.objects.create_user(
            username=username,
            password=PASSWORD,
            first_name=first,
            last_name=last,
            email=f"{username}@ldld-dienbien.example.vn",
        )
        Officer.objects.create(user=user, unit=unit, role=Officer.Role.CHAIR)


def generate_periods(rng: random.Random) -> None:
    from django.utils import timezone

    from members import services
    from members.models import Report, ReportPeriod, ReportStatus

    year = date.today().year
    now = timezone.now()
    closed = ReportPeriod(
        name=f"Báo cáo 6 tháng cuối năm {year - 1}",
        kind=ReportPeriod.Kind.HALF_YEAR,
        starts_on=date(year - 1, 7, 1),
        ends_on=date(year - 1, 12, 31),
        deadline=date(year, 1, 15),
    )
    services.open_period(period=closed)
    Report.objects.filter(period=closed).update(
        status=ReportStatus.ACCEPTED,
        submitted_at=now - timedelta(days=300),
        reviewed_at=now - timedelta(days=290),
        dialogues_held=2,
        collective_agreement=True,
    )
    ReportPeriod.objects.filter(pk=closed.pk).update(is_open=False)

    current = ReportPeriod(
        name=f"Báo cáo công tác công đoàn năm {year}",
        kind=ReportPeriod.Kind.YEAR,
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
        deadline=date(year + 1, 1, 15),
    )
    services.open_period(period=current)
    ids = list(Report.objects.filter(period=current).values_list("pk", flat=True))
    rng.shuffle(ids)
    tenth = len(ids) // 10
    # 40% drafts, 30% submitted, 10% returned, 20% accepted.
    Report.objects.filter(pk__in=ids[: 3 * tenth]).update(
        status=ReportStatus.SUBMITTED, submitted_at=now - timedelta(days=3)
    )
    Report.objects.filter(pk__in=ids[3 * tenth : 4 * tenth]).update(
        status=ReportStatus.RETURNED,
        submitted_at=now - timedelta(days=10),
        reviewed_at=now - timedelta(days=5),
        return_reason="Đề nghị bổ sung số liệu đối thoại tại nơi làm việc.",
    )
    Report.objects.filter(pk__in=ids[4 * tenth : 6 * tenth]).update(
        status=ReportStatus.ACCEPTED,
        submitted_at=now - timedelta(days=20),
        reviewed_at=now - timedelta(days=15),
    )


def generate(units: int, members: int) -> None:
    from django.core.management import call_command
    from django.db.models import Count

    from members.models import Member, Unit

    call_command("migrate", verbosity=0)
    existing = Member.objects.count()
    if existing >= members and Unit.objects.count() >= units:
        print(f"Reusing {Unit.objects.count()} units and {existing} members.")
        analyze()
        return
    if existing or Unit.objects.exists():
        sys.exit("The database holds part of a register: drop it and run again.")
    rng = random.Random(2026)
    started = time.perf_counter()
    province, grassroots = generate_tree(rng, units)
    print(f"Generated {Unit.objects.count()} units in {time.perf_counter() - started:.1f} s")
    generate_members(rng, grassroots, members)
    largest = (
        Unit.objects.grassroots()
        .annotate(size=Count("members"))
        .order_by("-size", "pk")
        .only("pk")
        .first()
    )
    generate_people(province, largest)
    started = time.perf_counter()
    generate_periods(rng)
    print(f"  two reporting periods opened in {time.perf_counter() - started:.1f} s")
    analyze()


def analyze() -> None:
    """Fresh statistics, as a running database would have after its autovacuum."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# ---------------------------------------------------------------------------------------
# Measuring


def report(name: str, times: list[float], queries: int | None = None) -> None:
    ordered = sorted(times)
    p95 = ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]
    extra = f"   {queries:3d} queries" if queries is not None else ""
    print(f"  {name:<34} median {statistics.median(ordered):8.1f} ms   p95 {p95:8.1f} ms{extra}")


def count_queries(client, url: str, before=None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before:
        before()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def timed(client, url: str, repeat: int, before=None) -> list[float]:
    times = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def officer_client(username: str):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_USER_AGENT=USER_AGENT)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def page_times(repeat: int) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from members.figures import CACHE_KEY
    from members.models import Member, Officer, Report, ReportPeriod, Unit

    province = Officer.objects.get(user__username=PROVINCE_LOGIN).unit
    union = Officer.objects.get(user__username=GRASSROOTS_LOGIN).unit
    period = ReportPeriod.objects.get(is_open=True)
    print(
        f"Server time, {connection.vendor}, {Unit.objects.count()} units, "
        f"{Member.objects.count()} members, {Report.objects.count()} reports, "
        f"{repeat} requests each (kept pages off):"
    )
    print(f"  (grassroots union: {union.name}, {union.members.count()} members)")
    upper, local = officer_client(PROVINCE_LOGIN), officer_client(GRASSROOTS_LOGIN)
    anonymous = Client(HTTP_USER_AGENT=USER_AGENT)

    def forget_figures():
        cache.delete(CACHE_KEY)

    pages = [
        ("dashboard, province", upper, reverse("members:unit", args=[province.pk]), None),
        ("dashboard, grassroots union", local, reverse("members:unit", args=[union.pk]), None),
        ("members, province, page 1", upper, reverse("members:members", args=[province.pk]), None),
        (
            "members, province, search",
            upper,
            reverse("members:members", args=[province.pk]) + "?q=thi+huong",
            None,
        ),
        (
            "members, province, card number",
            upper,
            reverse("members:members", args=[province.pk]) + "?q=%C4%90B00054321",
            None,
        ),
        ("members, grassroots union", local, reverse("members:members", args=[union.pk]), None),
        ("/thong-ke/ (computed)", anonymous, reverse("members:figures"), forget_figures),
        ("/thong-ke/ (figures kept 5 min)", anonymous, reverse("members:figures"), None),
        (
            "period progress, province",
            upper,
            reverse("members:period", args=[province.pk, period.pk]),
            None,
        ),
    ]
    for name, client, url, before in pages:
        timed(client, url, 2, before)  # warm up
        queries = count_queries(client, url, before)
        report(name, timed(client, url, repeat, before), queries)


def import_file(rows: int) -> bytes:
    """A filled-in template of `rows` new members; their ID and card numbers are not taken."""
    from openpyxl import Workbook

    from members.spreadsheets import COLUMNS

    rng = random.Random(5000)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Doan vien")
    sheet.append([heading for _key, heading in COLUMNS])
    this_year = date.today().year
    for index in range(rows):
        name, gender = person(rng)
        born = date(1970, 1, 1) + timedelta(days=rng.randint(0, 30 * 365))
        digit = (0 if born.year < 2000 else 2) + (1 if gender == "female" else 0)
        admitted = date(this_year - rng.randint(0, 5), 1, 1) + timedelta(days=rng.randint(0, 27))
        sheet.append(
            [
                name,
                "Nữ" if gender == "female" else "Nam",
                f"{born:%d/%m/%Y}" if index % 2 else born,  # typed as text, or a date cell
                f"001{digit}{born.year % 100:02d}{index:06d}",  # 001: not the register's 011
                f"09{rng.randint(10_000_000, 99_999_999)}",
                "",
                f"NK-{index:06d}",
                f"{admitted:%d/%m/%Y}",
                "Tổ trưởng công đoàn" if index % 50 == 0 else "",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def fresh_union(run: int):
    from members import services
    from members.models import Unit, UnitKind

    parent = Unit.objects.filter(kind__name=KINDS["cluster"][0]).order_by("pk").first()
    unit = Unit(
        name=f"{IMPORT_PREFIX} {run}",
        kind=UnitKind.objects.get(name=KINDS["grassroots"][0]),
        parent=parent,
        sector="non-state",
        province="Điện Biên",
    )
    return services.save_unit(unit=unit)


def remove_imported() -> None:
    """Put the register back as generated: the bench's fresh unions and their members go."""
    from django.db import connection, transaction

    from members.models import Member, MembershipEvent, Unit

    ids = list(Unit.objects.filter(name__startswith=IMPORT_PREFIX).values_list("pk", flat=True))
    if not ids:
        return
    marks = ", ".join(["%s"] * len(ids))
    history = Unit.history.model._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        for table in (MembershipEvent._meta.db_table, Member._meta.db_table):
            cursor.execute(f"DELETE FROM {table} WHERE unit_id IN ({marks})", ids)
        cursor.execute(f"DELETE FROM {history} WHERE id IN ({marks})", ids)
        cursor.execute(f"DELETE FROM {Unit._meta.db_table} WHERE id IN ({marks})", ids)


def import_times(runs: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.urls import reverse

    from members.models import Member
    from members.spreadsheets import XLSX

    remove_imported()
    content = import_file(IMPORT_ROWS)
    client = officer_client(PROVINCE_LOGIN)
    uploads, confirms, totals = [], [], []
    try:
        for run in range(1, runs + 1):
            unit = fresh_union(run)
            url = reverse("members:member_import", args=[unit.pk])
            upload = SimpleUploadedFile("doan-vien.xlsx", content, content_type=XLSX)
            started = time.perf_counter()
            response = client.post(url, {"file": upload})
            checked = time.perf_counter()
            assert response.status_code == 200, response.status_code
            token = re.search(rb'name="token" value="([^"]+)"', response.content).group(1)
            response = client.post(url, {"token": token.decode()})
            done = time.perf_counter()
            assert response.status_code == 302, response.status_code
            assert Member.objects.filter(unit=unit).count() == IMPORT_ROWS
            uploads.append(checked - started)
            confirms.append(done - checked)
            totals.append(done - started)
            remove_imported()
    finally:
        remove_imported()
    print(
        f"Import of a {IMPORT_ROWS}-row .xlsx ({len(content) // 1024} KB) through the view, "
        f"{connection.vendor}, {runs} runs, each into a fresh grassroots union:"
    )
    for name, times in (
        ("upload + check + preview", uploads),
        ("confirm (check again, save)", confirms),
        ("total", totals),
    ):
        print(
            f"  {name:<34} median {statistics.median(times):6.2f} s   "
            f"max {max(times):6.2f} s   ({', '.join(f'{t:.2f}' for t in times)})"
        )


def export_times(runs: int) -> None:
    """The province's member export: built in the request (as a small unit's still is)
    against the click that records it and queues the task, and the task itself."""
    from django.test.utils import override_settings
    from django.urls import reverse

    from members.models import Officer, PersonalDataExport, PreparedExport
    from members.services import exports

    officer = Officer.objects.get(user__username=PROVINCE_LOGIN)
    client = officer_client(PROVINCE_LOGIN)
    url = reverse("members:member_export", args=[officer.unit.pk])
    from members import selectors

    rows = selectors.members_to_export(officer.unit).count()
    print(f"Member export of {officer.unit.name} ({rows} members in its subtree):")
    in_request, clicks, tasks = [], [], []
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for _ in range(runs):
        with override_settings(EXPORT_IN_BACKGROUND_ABOVE=10**9):
            started = time.perf_counter()
            response = client.post(url)
            in_request.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        with override_settings(EXPORT_IN_BACKGROUND_ABOVE=2_000, TASKS=queue):
            PreparedExport.objects.filter(status=PreparedExport.Status.QUEUED).delete()
            started = time.perf_counter()
            response = client.post(url)
            clicks.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 302, response.status_code
        export = PreparedExport.objects.get(status=PreparedExport.Status.QUEUED)
        started = time.perf_counter()
        assert exports.prepare_export(export.pk) == "ready"
        tasks.append((time.perf_counter() - started) * 1000)
        export.refresh_from_db()
        export.file.delete(save=False)
    report("export in the request (old way)", in_request)
    report("click: record and queue the task", clicks)
    report("the task in the worker", tasks)
    PreparedExport.objects.all().delete()
    PersonalDataExport.objects.filter(user=officer.user).delete()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(task_path="members.tasks.prepare_export").delete()


def main():
    args = parse_args()
    setup_django(args.database_url)
    from django.test.utils import override_settings

    generate(args.units, args.members)
    with override_settings(PAGE_CACHE_SECONDS=0):
        if not args.only_exports:
            page_times(args.requests)
            import_times(args.imports)
        export_times(args.exports)


if __name__ == "__main__":
    main()
