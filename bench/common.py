"""What the benchmarks share: starting Django on a database, timing pages with their
median, 95th percentile and SQL queries, made-up Vietnamese people, and the register's
2,000-unit tree of the province (with its members) generated through fast paths.

A bench script puts the repository on sys.path, then imports from here:

    ROOT = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(ROOT))
    from bench.common import setup_django, timed  # noqa: E402
"""

import math
import os
import random
import statistics
import time
from datetime import date, timedelta

USER_AGENT = "Mozilla/5.0 bench"
PASSWORD = "bench-only-password-2026"
PROVINCE_LOGIN = "canbo.tinh"  # the officer of the provincial federation


def setup_django(database_url: str, files_root: str | None = None) -> None:
    """Django on `database_url` with the bench's settings (bench/settings.py); protected
    files under `files_root` when given."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("MEDIA_ROOT", "/tmp/bench-media")
    if files_root:
        os.environ.setdefault("PROTECTED_MEDIA_ROOT", files_root)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import logging

    import django

    django.setup()
    logging.getLogger("axes").setLevel(logging.WARNING)  # a line per login otherwise


def analyze() -> None:
    """Fresh statistics, as a running database would have after its autovacuum (without
    them PostgreSQL plans the first requests after a bulk insert badly)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# ---------------------------------------------------------------------------------------
# Timing


def p95(times: list[float]) -> float:
    """The 95th percentile, nearest rank."""
    ordered = sorted(times)
    return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]


def report(
    name: str,
    times: list[float],
    queries: int | None = None,
    *,
    fastest: bool = False,
    cpu: float | None = None,
) -> None:
    """One line: median and 95th percentile in milliseconds, the fastest if asked (near
    the time on an idle machine when others share the CPUs), the CPU time of a request if
    measured (cpu_used) and the queries if counted."""
    extra = f"   min {min(times):6.1f} ms" if fastest else ""
    extra += f"   cpu {cpu:6.1f} ms" if cpu is not None else ""
    extra += f"   {queries:3d} queries" if queries is not None else ""
    print(
        f"  {name:<34} median {statistics.median(times):8.1f} ms   p95 {p95(times):8.1f} ms{extra}"
    )


def cpu_used() -> tuple[float, int | None]:
    """CPU seconds used so far by this process and, when PostgreSQL runs on this machine,
    by the server process of its connection (read from /proc), with that process's id.

    On a machine whose CPUs others share, a request's wall-clock time includes waiting for
    a CPU; its CPU time (`cpu_per_request`) is the work itself, near the time on an idle
    machine. The process's time counts all its threads: measure one request at a time.
    """
    from django.db import connection

    used, backend = time.process_time(), None
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        backend = connection.connection.info.backend_pid
        try:
            with open(f"/proc/{backend}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:  # PostgreSQL on another machine: this process alone
            return used, None
        used += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # user, system
    return used, backend


def cpu_per_request(start, end, repeat: int) -> float | None:
    """Milliseconds of CPU a request took between two `cpu_used()`; None if the database
    connection changed in between (its server process's time would be lost)."""
    if start[1] != end[1]:
        return None
    return (end[0] - start[0]) * 1000 / repeat


def count_queries(client, url: str, before=None) -> int:
    """The SQL queries of one GET of `url` (`before` runs first, uncounted)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before:
        before()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def timed(client, url: str, repeat: int, before=None) -> list[float]:
    """Milliseconds of `repeat` GETs of `url`, each answering 200."""
    times = []
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def timed_call(function, repeat: int) -> tuple[list[float], int]:
    """Milliseconds of `repeat` calls of `function`, and the queries of one more call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        function()
    return times, len(captured)


def generate_officer(
    username: str, unit, first_name: str = "Lò Văn", last_name: str = "Thắng"
) -> None:
    """A user who logs in as `username`, the chair of `unit` (Officer)."""
    from django.contrib.auth import get_user_model

    from members.models import Officer

    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        first_name=first_name,
        last_name=last_name,
        email=f"{username}@ldld-dienbien.example.vn",
    )
    Officer.objects.create(user=user, unit=unit, role=Officer.Role.CHAIR)


def officer_client(username: str):
    """A test client logged in as `username` (no password check, no axes)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_USER_AGENT=USER_AGENT)
    client.force_login(get_user_model().objects.get(username=username))
    return client


# ---------------------------------------------------------------------------------------
# People

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


def weighted(rng: random.Random, choices):
    """One value of `choices`, (value, weight) pairs, drawn by weight."""
    return rng.choices([value for value, _w in choices], [weight for _v, weight in choices])[0]


def person(rng: random.Random) -> tuple[str, str]:
    """(full name, gender) of a made-up Vietnamese person; a little over half are women."""
    if rng.random() < 0.55:
        middle, given, gender = FEMALE_MIDDLE, FEMALE_GIVEN, "female"
    else:
        middle, given, gender = MALE_MIDDLE, MALE_GIVEN, "male"
    name = f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"
    return name, gender


# ---------------------------------------------------------------------------------------
# The register's tree and members

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
    """1 + 12 + ~150 upper-level unions, the rest grassroots; returns the province and the
    grassroots units."""
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
    """`total` members spread over the grassroots units, each with its ADMITTED event (and
    LEFT for the 3% who left), unique ID and card numbers; about 8% admitted this year."""
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
