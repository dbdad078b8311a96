"""Benchmark of the congresses and the grassroots congress season on generated data
(issue 11, "Speed").

    python bench/congress.py --database-url sqlite:////tmp/bench-congress.sqlite3
    python bench/congress.py --database-url postgres://postgres@127.0.0.1:5432/bench_congress

It fills the database once (and reuses it on the next run) with the register's 2,000
units in four levels (bench/common.py, as bench/members.py) and 50,000 members, an
officer of the provincial federation, a season over every grassroots union (a few pilots;
the others not scheduled, planned, held, submitted, returned or recognised), the
provincial congress lần thứ XII (held, results recognised) with 300 delegates, its three
ballots and their candidates, the first meeting's positions, programme, subcommittees,
documents, targets and news, and lần thứ XIII (planned) that the import fills. Rows are
bulk-created where the services would be too slow for the setup; the provincial
congresses, their ballots and positions go through the services.

Then it times, in-process through Django's full stack with kept pages off: the season's
progress page at the province in the officer area (logged in as the province's officer),
the public season page and the page of congress XII (anonymous), the delegate list of XII
in the officer area, `congress.services.delegates.composition` called directly, and the
import of a 500-row .xlsx of delegates into XIII through the view (upload and preview,
then confirm with a reason for more than the cap), three runs, the imported delegates
deleted after each. It prints the median and 95th percentile and the number of SQL
queries of each.
"""

import argparse
import io
import os
import random
import re
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as day_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
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
    timed_call,
    weighted,
)

FILES_ROOT = "/tmp/bench-congress-files"
IMPORT_ROWS = 500
DELEGATES = 300
CAP = 280  # the province's cap: the import (and XII's list) are above it
CAP_REASON = "Ban Thường vụ thống nhất tăng số đại biểu theo Công văn số 1234/TLĐ."
TWELFTH = (2023, date(2023, 10, 10))  # term start, first day

ETHNICITIES = (("Kinh", 55), ("Thái", 22), ("Mông", 12), ("Khơ Mú", 4), ("Dao", 3), ("Lào", 4))
EDUCATIONS = (
    ("upper-secondary", 5),
    ("vocational", 10),
    ("college", 15),
    ("university", 55),
    ("postgraduate", 15),
)
SESSIONS = (
    ("preparatory", 0, "08:00", "11:30", "Phiên trù bị: bầu Đoàn Chủ tịch, Đoàn Thư ký"),
    ("preparatory", 0, "14:00", "16:30", "Báo cáo thẩm tra tư cách đại biểu"),
    ("official", 1, "07:30", "08:30", "Khai mạc Đại hội, chào cờ"),
    ("official", 1, "08:30", "10:00", "Báo cáo chính trị của Ban Chấp hành khóa XI"),
    ("official", 1, "10:00", "11:30", "Báo cáo kiểm điểm của Ban Chấp hành khóa XI"),
    ("official", 1, "14:00", "16:00", "Thảo luận tại hội trường"),
    ("official", 1, "16:00", "17:30", "Bầu Ban Chấp hành khóa XII"),
    ("official", 2, "08:00", "10:00", "Bầu Ủy ban Kiểm tra và đại biểu dự Đại hội cấp trên"),
    ("official", 2, "10:00", "11:00", "Thông qua Nghị quyết Đại hội, bế mạc"),
)
SUBCOMMITTEES = (
    ("documents", "Tiểu ban Văn kiện", "Lò Văn Thắng"),
    ("personnel", "Tiểu ban Nhân sự", "Quàng Thị Mai"),
    ("organisation", "Tiểu ban Tổ chức – Phục vụ", "Vũ Đức Hải"),
    ("propaganda", "Tiểu ban Tuyên truyền", "Cà Thị Én"),
)
TARGETS = (
    # (group, text, value, unit, measure)
    ("term", "Kết nạp mới đoàn viên trong nhiệm kỳ", 12000, "đoàn viên", "members-admitted"),
    ("term", "Tổng số đoàn viên đến cuối nhiệm kỳ", 52000, "đoàn viên", "members-total"),
    ("term", "Thành lập mới công đoàn cơ sở", 60, "CĐCS", "new-grassroots"),
    ("term", "Doanh nghiệp có thỏa ước lao động tập thể", 70, "%", "agreement-share"),
    ("term", "CĐCS tổ chức đối thoại tại nơi làm việc", 90, "%", "dialogue-share"),
    ("yearly", "Đoàn viên được tuyên truyền pháp luật", 95, "%", ""),
    ("yearly", "CĐCS đạt vững mạnh", 80, "%", ""),
    ("yearly", "Mái ấm Công đoàn xây mới", 30, "nhà", ""),
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--imports", type=int, default=3)
    return parser.parse_args()


# ---------------------------------------------------------------------------------------
# Generating


def season_dates(today: date) -> tuple[int, date, date]:
    """The coming term's season under way: started three months ago, due in five."""
    deadline = today + timedelta(days=150)
    return deadline.year, today - timedelta(days=90), deadline


def generate_season(rng: random.Random, province, grassroots: list):
    """A season over every grassroots union, its congresses bulk-created in every state."""
    from django.utils import timezone

    from congress.models import Congress, Format, Review, Season

    today = date.today()
    term_start, starts_on, deadline = season_dates(today)
    season = Season.objects.create(
        name=f"Đại hội công đoàn cơ sở tiến tới Đại hội XIII, nhiệm kỳ {term_start}–"
        f"{term_start + 5}",
        unit=province,
        term_start=term_start,
        term_end=term_start + 5,
        starts_on=starts_on,
        deadline=deadline,
    )
    pilots = rng.sample(grassroots, 25)
    season.pilots.set(pilots)
    pilot_ids = {unit.pk for unit in pilots}
    now = timezone.now()
    states = (
        ("none", 8),
        ("planned", 20),
        ("undated", 2),
        ("held", 35),
        ("submitted", 10),
        ("returned", 5),
        ("recognised", 20),
    )
    congresses = []
    for unit in grassroots:
        state = rng.choice(("held", "recognised")) if unit.pk in pilot_ids else None
        state = state or weighted(rng, states)
        if state == "none":
            continue
        members = unit.employees or 30
        congress = Congress(
            unit=unit,
            season=season,
            ordinal=rng.randint(3, 9),
            term_start=term_start,
            term_end=term_start + 5,
            slug=f"dai-hoi-cdcs-{unit.pk}-{term_start}-{term_start + 5}",
            format=Format.DELEGATES if members >= 150 else Format.ALL_MEMBERS,
            members_represented=members,
            official_delegates=min(members, rng.randint(30, 120)) if members >= 150 else None,
            venue=f"Hội trường {unit.employer or unit.name}",
            is_public=False,
            review=Review.DRAFT,
        )
        if state == "planned":
            congress.starts_on = today + timedelta(days=rng.randint(3, 170))  # a few late
        elif state != "undated":
            congress.starts_on = starts_on + timedelta(days=rng.randint(0, 85))
            if unit.pk in pilot_ids:
                congress.starts_on = starts_on + timedelta(days=rng.randint(0, 20))
            if state in ("submitted", "returned", "recognised"):
                congress.submitted_at = now - timedelta(days=rng.randint(2, 5))
            if state == "submitted":
                congress.review = Review.SUBMITTED
            elif state == "returned":
                congress.review = Review.RETURNED
                congress.return_reason = "Đề nghị bổ sung biên bản kiểm phiếu bầu Ban Chấp hành."
                congress.reviewed_at = now - timedelta(days=1)
            elif state == "recognised":
                congress.review = Review.RECOGNISED
                congress.reviewed_at = now - timedelta(days=1)
                congress.recognised_on = congress.starts_on + timedelta(days=1)
        if congress.starts_on:
            congress.ends_on = congress.starts_on + timedelta(days=rng.choice((0, 0, 1)))
        congress.search_text = congress.search_document()
        congresses.append(congress)
    Congress.objects.bulk_create(congresses, batch_size=500)
    return season


def generate_caps() -> None:
    from congress.models import DelegateCap
    from members.models import UnitKind

    DelegateCap.objects.create(
        rule="Hướng dẫn 65/HD-TLĐ, mục 2.3 (thử nghiệm hiệu năng)",
        kind=UnitKind.objects.get(name="Liên đoàn Lao động tỉnh"),
        members_from=0,
        max_delegates=CAP,
        valid_from=date(2022, 1, 1),
    )


def generate_delegates(rng: random.Random, congress, province) -> list:
    """300 delegates: the outgoing committee, those elected below, a few appointed; a few
    credentials still pending and three refused."""
    from congress.models import Delegate
    from members.models import Unit

    units = list(Unit.objects.subtree(province).only("name", "sector", "path"))
    year = congress.starts_on.year
    delegates, seen = [], set()
    while len(delegates) < DELEGATES:
        name, gender = person(rng)
        born = year - rng.randint(24, 60)
        if (name, born) in seen:
            continue
        seen.add((name, born))
        number = len(delegates) + 1
        kind = "ex-officio" if number <= 45 else ("appointed" if number > 290 else "elected")
        unit = province if number <= 45 else rng.choice(units)
        delegates.append(
            Delegate(
                congress=congress,
                number=number,
                full_name=name,
                unit=unit,
                unit_name=unit.name,
                position="Ủy viên Ban Chấp hành" if kind == "ex-officio" else "Chủ tịch CĐCS",
                gender=gender,
                ethnicity=weighted(rng, ETHNICITIES),
                birth_year=born,
                education=weighted(rng, EDUCATIONS),
                sector=unit.sector,
                party_member=rng.random() < 0.7,
                kind=kind,
                credentials="accepted",
            )
        )
    for delegate in delegates[-8:-3]:
        delegate.credentials = "pending"
    for delegate in delegates[-3:]:
        delegate.credentials = "refused"
        delegate.credentials_reason = "Đang trong thời gian bị xem xét kỷ luật."
    Delegate.objects.bulk_create(delegates, batch_size=500)
    return [delegate for delegate in delegates if delegate.credentials == "accepted"]


def votes(rng: random.Random, seats: int, losers: int, valid: int) -> list[int]:
    """Those elected above half the valid ballots and above every loser: no tie."""
    elected = sorted((rng.randint(round(valid * 0.72), valid) for _ in range(seats)), reverse=True)
    ceiling = min(elected[-1] - 1, round(valid * 0.62))
    beaten = sorted((rng.randint(round(valid * 0.3), ceiling) for _ in range(losers)), reverse=True)
    return elected + beaten


def generate_elections(rng: random.Random, congress, accepted: list) -> None:
    """The three ballots (through the service) and the first meeting's positions."""
    from congress.models import Ballot, Candidate, Position
    from congress.services import elections

    issued, valid = len(accepted), len(accepted) - 2
    pools = {
        Ballot.Body.EXECUTIVE: (accepted[:50], 45),
        Ballot.Body.INSPECTION: (accepted[50:61], 9),
        Ballot.Body.UPPER_DELEGATES: (accepted[61:86], 21),
    }
    elected = {}
    for body, (people, seats) in pools.items():
        counts = votes(rng, seats, len(people) - seats, valid)
        candidates = [
            Candidate(
                full_name=delegate.full_name,
                delegate=delegate,
                position=f"{delegate.position}, {delegate.unit_name}",
                votes=count,
            )
            for delegate, count in zip(people, counts, strict=True)
        ]
        tally = elections.record_ballot(
            congress=congress,
            body=body,
            seats=seats,
            ballots_issued=issued,
            ballots_valid=valid,
            candidates=candidates,
            held_on=congress.ends_on,
        )
        elected[body] = list(tally.elected)
    executive = elected[Ballot.Body.EXECUTIVE]
    roles = [Position.Role.CHAIR] + [Position.Role.VICE_CHAIR] * 3 + [Position.Role.STANDING] * 9
    positions = [
        Position(candidate=candidate, full_name=candidate.full_name, role=role)
        for candidate, role in zip(executive, roles, strict=False)
    ]
    chair = elected[Ballot.Body.INSPECTION][0]
    positions.append(
        Position(candidate=chair, full_name=chair.full_name, role=Position.Role.INSPECTION_CHAIR)
    )
    elections.record_first_meeting(congress=congress, positions=positions)


def generate_programme(congress, day: date) -> None:
    from congress.models import Session, Subcommittee, SubcommitteeTask

    Session.objects.bulk_create(
        Session(
            congress=congress,
            kind=kind,
            day=day + timedelta(days=offset),
            starts_at=day_time.fromisoformat(start),
            ends_at=day_time.fromisoformat(end),
            title=title,
            presenter="Đoàn Chủ tịch Đại hội",
        )
        for kind, offset, start, end, title in SESSIONS
    )
    for order, (kind, name, head) in enumerate(SUBCOMMITTEES, start=1):
        subcommittee = Subcommittee.objects.create(
            congress=congress,
            kind=kind,
            name=name,
            head=head,
            members="Nguyễn Văn An\nLò Thị Hoa\nPhạm Minh Tuấn",
            public_description=f"{name} chuẩn bị nội dung trình Đại hội.",
            order=order,
        )
        SubcommitteeTask.objects.bulk_create(
            SubcommitteeTask(
                subcommittee=subcommittee,
                title=f"Nhiệm vụ {number} của {name.lower()}",
                deadline=day - timedelta(days=60 - 10 * number),
                done_on=day - timedelta(days=61 - 10 * number) if number < 4 else None,
            )
            for number in range(1, 6)
        )


def generate_targets(congress) -> None:
    from congress.models import Target, TargetProgress

    for order, (group, text, value, unit, measure) in enumerate(TARGETS, start=1):
        target = Target.objects.create(
            congress=congress,
            group=group,
            text=text,
            value=value,
            unit_of_measure=unit,
            measure=measure,
            order=order,
        )
        if not measure:
            TargetProgress.objects.bulk_create(
                TargetProgress(target=target, year=year, value=value * (year - 2022) // 5)
                for year in range(2024, date.today().year + 1)
            )


def generate_documents_and_news(rng: random.Random, congress) -> None:
    from django.utils import timezone

    from congress.models import CongressDocument
    from documents.models import Document, DocumentType, Issuer, number_key
    from federation.text import search_document, slugify_vi
    from news.models import Article, Category

    kind, _ = DocumentType.objects.get_or_create(name="Báo cáo", defaults={"abbreviation": "BC"})
    issuer, _ = Issuer.objects.get_or_create(
        name="Ban Chấp hành Liên đoàn Lao động tỉnh", defaults={"abbreviation": "BCH"}
    )
    day = congress.starts_on - timedelta(days=20)
    for order, (role, summary) in enumerate(
        (
            ("political-report", "Báo cáo chính trị trình Đại hội XII"),
            ("review", "Báo cáo kiểm điểm của Ban Chấp hành khóa XI"),
            ("draft-resolution", "Dự thảo Nghị quyết Đại hội XII"),
            ("action-programme", "Chương trình hành động thực hiện Nghị quyết Đại hội"),
        ),
        start=1,
    ):
        number = f"{order}/BC-BCH"
        document = Document.objects.create(
            number=number,
            number_key=number_key(number),
            issued_year=day.year,
            summary=summary,
            search_text=search_document(number, summary),
            type=kind,
            issuer=issuer,
            issued_on=day,
            posted_at=timezone.make_aware(datetime.combine(day, day_time(9))),
        )
        CongressDocument.objects.create(
            congress=congress, document=document, role=role, order=order
        )
    category, _ = Category.objects.get_or_create(
        slug="tin-dai-hoi", defaults={"name": "Tin Đại hội"}
    )
    start = timezone.make_aware(datetime.combine(congress.starts_on, day_time(8)))
    articles = []
    for number in range(30):
        title = f"Đại hội XII: tin số {number + 1} từ hội trường"
        articles.append(
            Article(
                title=title,
                slug=slugify_vi(title),
                summary="Các đại biểu thảo luận văn kiện trình Đại hội.",
                body="<p>Đại hội Công đoàn tỉnh lần thứ XII làm việc ngày thứ hai.</p>",
                category=category,
                congress=congress,
                status=Article.Status.PUBLISHED,
                published_at=start + timedelta(hours=rng.randint(-400, 400)),
                byline="Ban Tuyên giáo – LĐLĐ tỉnh",
                search_title=search_document(title),
                search_text=search_document(title),
            )
        )
    Article.objects.bulk_create(articles)


def generate_congresses(rng: random.Random, province):
    """XII (held, recognised) and XIII (planned) of the province, through save_congress."""
    from congress.models import Congress, Format, Review
    from congress.services import save_congress

    term_start, first_day = TWELFTH
    twelfth = save_congress(
        Congress(
            unit=province,
            ordinal=12,
            term_start=term_start,
            term_end=term_start + 5,
            motto="Đổi mới – Dân chủ – Đoàn kết – Phát triển",
            venue="Hội trường Trung tâm Hội nghị tỉnh Điện Biên",
            starts_on=first_day,
            ends_on=first_day + timedelta(days=2),
            format=Format.DELEGATES,
            official_delegates=DELEGATES - 8,
            members_represented=33_997,
            delegate_cap_reason=CAP_REASON,
            summary="Đại hội tổng kết nhiệm kỳ 2018–2023 và quyết định phương hướng "
            "nhiệm kỳ 2023–2028.",
            review=Review.RECOGNISED,
            recognised_on=first_day + timedelta(days=20),
        )
    )
    accepted = generate_delegates(rng, twelfth, province)
    generate_elections(rng, twelfth, accepted)
    generate_programme(twelfth, first_day - timedelta(days=1))
    generate_targets(twelfth)
    generate_documents_and_news(rng, twelfth)
    thirteenth = save_congress(
        Congress(
            unit=province,
            ordinal=13,
            term_start=term_start + 5,
            term_end=term_start + 10,
            venue="Hội trường Trung tâm Hội nghị tỉnh Điện Biên",
            starts_on=date(term_start + 5, 10, 8),
            ends_on=date(term_start + 5, 10, 10),
            format=Format.DELEGATES,
            members_represented=36_000,
        )
    )
    return twelfth, thirteenth


def generate(units: int, members: int) -> None:
    from django.core.management import call_command

    from congress.models import Season
    from members.models import Unit

    call_command("migrate", verbosity=0)
    if Season.objects.exists():
        print(f"Reusing {Unit.objects.count()} units and the season.")
        analyze()
        return
    if Unit.objects.exists():
        sys.exit("The database holds part of a register: drop it and run again.")
    rng = random.Random(2026)
    started = time.perf_counter()
    province, grassroots = generate_tree(rng, units)
    print(f"Generated {Unit.objects.count()} units in {time.perf_counter() - started:.1f} s")
    generate_members(rng, grassroots, members)
    generate_officer(PROVINCE_LOGIN, province)
    generate_caps()
    started = time.perf_counter()
    generate_season(rng, province, grassroots)
    generate_congresses(rng, province)
    print(f"  the season and the provincial congresses in {time.perf_counter() - started:.1f} s")
    analyze()


# ---------------------------------------------------------------------------------------
# Measuring


def page_times(repeat: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from congress.models import Congress, Delegate, Season
    from congress.services.delegates import composition
    from members.models import Officer, Unit

    province = Officer.objects.get(user__username=PROVINCE_LOGIN).unit
    season = Season.objects.get(unit=province)
    twelfth = Congress.objects.get(unit=province, ordinal=12)
    print(
        f"Server time, {connection.vendor}, {Unit.objects.count()} units, "
        f"{Congress.objects.filter(season=season).count()} grassroots congresses in the "
        f"season, {twelfth.delegates.count()} delegates of XII, {repeat} requests each "
        f"(kept pages off; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs):"
    )
    officer = officer_client(PROVINCE_LOGIN)
    anonymous = Client(HTTP_USER_AGENT=USER_AGENT)
    pages = [
        (
            "season progress, province",
            officer,
            reverse("congress:season_unit", args=[season.pk, province.pk]),
        ),
        ("season, public page", anonymous, season.get_absolute_url()),
        ("congress page (XII)", anonymous, twelfth.get_absolute_url()),
        (
            "delegate list of XII (officer)",
            officer,
            reverse("congress:delegates", args=[twelfth.pk]),
        ),
    ]
    for name, client, url in pages:
        timed(client, url, 2)  # warm up
        queries = count_queries(client, url)
        report(name, timed(client, url, repeat), queries, fastest=True)
    table = Congress.objects.select_related("unit").get(pk=twelfth.pk)
    times, queries = timed_call(lambda: composition(table), repeat)
    report("composition table (service)", times, queries, fastest=True)
    assert (
        composition(table).total
        == Delegate.objects.filter(congress=twelfth, credentials="accepted").count()
    )


def import_file(rows: int) -> bytes:
    """A filled-in template of `rows` new delegates, none already on the list."""
    from openpyxl import Workbook

    from congress.services.delegates import COLUMNS
    from members.models import Unit

    rng = random.Random(500)
    names = list(Unit.objects.grassroots().order_by("pk").values_list("name", flat=True)[:400])
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dai bieu")
    sheet.append([heading for _key, heading in COLUMNS])
    seen = set()
    while len(seen) < rows:
        name, gender = person(rng)
        born = rng.randint(1966, 2000)
        if (name, born) in seen:
            continue
        seen.add((name, born))
        index = len(seen)
        sheet.append(
            [
                index,
                name,
                rng.choice(names) if index % 10 else "Công đoàn viên chức tỉnh (ghi tay)",
                "Chủ tịch CĐCS" if index % 3 else "Tổ trưởng công đoàn",
                "Nữ" if gender == "female" else "Nam",
                weighted(rng, ETHNICITIES),
                born if index % 2 else str(born),  # a number cell, or typed as text
                rng.choice(("Đại học", "Cao đẳng", "Trung cấp", "THPT", "Thạc sĩ")),
                "x" if rng.random() < 0.6 else "",
                "Được bầu" if index % 20 else "Chỉ định",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def remove_imported(congress) -> None:
    """Put XIII back as generated: no delegates, no reason recorded for the cap."""
    from django.db import connection, transaction

    from congress.models import Congress, Delegate

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {Delegate._meta.db_table} WHERE congress_id = %s", [congress.pk]
        )
    Congress.objects.filter(pk=congress.pk).update(delegate_cap_reason="")


def import_times(runs: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.urls import reverse

    from congress.models import Congress
    from members.spreadsheets import XLSX

    thirteenth = Congress.objects.get(ordinal=13, unit__parent__isnull=True)
    remove_imported(thirteenth)
    content = import_file(IMPORT_ROWS)
    client = officer_client(PROVINCE_LOGIN)
    url = reverse("congress:delegate_import", args=[thirteenth.pk])
    uploads, confirms, totals = [], [], []
    try:
        for _run in range(runs):
            upload = SimpleUploadedFile("dai-bieu.xlsx", content, content_type=XLSX)
            started = time.perf_counter()
            response = client.post(url, {"file": upload})
            checked = time.perf_counter()
            assert response.status_code == 200, response.status_code
            token = re.search(rb'name="token" value="([^"]+)"', response.content).group(1)
            response = client.post(url, {"token": token.decode(), "cap_reason": CAP_REASON})
            done = time.perf_counter()
            assert response.status_code == 302, response.status_code
            assert thirteenth.delegates.count() == IMPORT_ROWS
            uploads.append(checked - started)
            confirms.append(done - checked)
            totals.append(done - started)
            remove_imported(thirteenth)
    finally:
        remove_imported(thirteenth)
    print(
        f"Import of a {IMPORT_ROWS}-row .xlsx of delegates ({len(content) // 1024} KB) through "
        f"the view into congress XIII, {connection.vendor}, {runs} runs (above the cap, "
        "confirmed with a reason):"
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


def main():
    args = parse_args()
    setup_django(args.database_url, FILES_ROOT)
    from django.test.utils import override_settings

    generate(args.units, args.members)
    with override_settings(PAGE_CACHE_SECONDS=0):
        page_times(args.requests)
        import_times(args.imports)


if __name__ == "__main__":
    main()
