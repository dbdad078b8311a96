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
import random
import re
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    KINDS,
    PROVINCE_LOGIN,
    USER_AGENT,
    analyze,
    count_queries,
    generate_members,
    generate_officer,
    generate_tree,
    officer_client,
    person,
    report,
    setup_django,
    timed,
)

FILES_ROOT = "/tmp/bench-members-files"
GRASSROOTS_LOGIN = "canbo.coso"
IMPORT_ROWS = 5_000
IMPORT_PREFIX = "Công đoàn cơ sở Công ty TNHH Nhập liệu thử số"


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


# ---------------------------------------------------------------------------------------
# Generating the register


def generate_people(province, grassroots_unit) -> None:
    generate_officer(PROVINCE_LOGIN, province, "Lò Văn", "Thắng")
    generate_officer(GRASSROOTS_LOGIN, grassroots_unit, "Quàng Thị", "Mai")


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


# ---------------------------------------------------------------------------------------
# Measuring


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
    setup_django(args.database_url, FILES_ROOT)
    from django.test.utils import override_settings

    generate(args.units, args.members)
    with override_settings(PAGE_CACHE_SECONDS=0):
        if not args.only_exports:
            page_times(args.requests)
            import_times(args.imports)
        export_times(args.exports)


if __name__ == "__main__":
    main()
