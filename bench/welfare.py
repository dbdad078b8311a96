"""Benchmark of the welfare programmes on generated data (issue 12, "Speed").

    python bench/welfare.py --database-url sqlite:////tmp/bench-welfare.sqlite3
    python bench/welfare.py --database-url postgres://postgres@127.0.0.1:5432/bench_welfare

It fills the database once (and reuses it on the next run) with the register's 2,000
units in four levels (bench/common.py, as bench/members.py) and 50,000 members, then
100,000 grants over five years and 20 programmes (four kinds a year: Tết gifts, Tháng
Công nhân gifts, scholarships for members' children, Mái ấm Công đoàn houses) run by the
provincial federation, with their quotas handed to the 12 second-level unions, budgets,
standard amounts, houses and scholarships; the past years' programmes settled, this
year's open with proposals in every state. Five loan programmes (one a year) lend 5,000
loans with their schedules and about 60,000 repayments, some borrowers behind. Rows are
bulk-created (generated data, not the services).

Then it times, in-process through Django's full stack with kept pages off: /phuc-loi/
and three programme pages as an anonymous visitor, /thong-ke/ with the welfare figures
computed for each request (and kept, as visitors normally get them), the figures'
computation called directly; logged in as the provincial federation's officer, the
officer area's welfare home, this year's Tết programme at the province and at a
second-level union, that union's proposals waiting for review, and the overdue loans.
It prints the median, 95th percentile, fastest request, CPU time and SQL queries of each.

Last, 200 proposals of a programme kept off the public site are approved at the same
moment through the review view (200 clicks, each with its own session, arriving
together at a server whose workers are threads with their own database connections),
against one quota of fewer places: it must end exactly at the quota, each refused
approval answered with the Vietnamese quota message, no error page.
"""

import argparse
import html
import math
import os
import random
import statistics
import sys
import threading
import time
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    PROVINCE_LOGIN,
    USER_AGENT,
    analyze,
    count_queries,
    cpu_per_request,
    cpu_used,
    generate_members,
    generate_officer,
    generate_tree,
    officer_client,
    p95,
    person,
    report,
    setup_django,
    timed,
    timed_call,
    weighted,
)

FILES_ROOT = "/tmp/bench-welfare-files"
REVIEWER_LOGIN = "canbo.kcn"  # the officer of the union that holds the raced quota
RACED_UNIT = "Công đoàn các Khu công nghiệp tỉnh"
RACED_SLUG = "ho-tro-doan-vien-bi-anh-huong-lu-quet-duyet-dong-thoi"
BRANCH = "Công đoàn ngành Giáo dục"  # the second-level union whose pages are timed
YEARS = 5  # this year and the four before

# slug, name, behaviour, order, share of the grants, cash, value in kind
KINDS = (
    ("tet", "Tết Sum vầy", "gift", 1, 0.55, 1_000_000, 300_000),
    ("thang-cong-nhan", "Tháng Công nhân", "gift", 2, 0.30, 500_000, 0),
    ("hoc-bong", "Học bổng cho con đoàn viên", "scholarship", 3, 0.135, 1_500_000, 0),
    ("mai-am", "Mái ấm Công đoàn", "housing", 4, 0.015, 50_000_000, 0),
)
LOAN_KIND = ("vay-von", "Cho vay Quỹ quốc gia về việc làm", "loan", 5)
NAMES = {
    "tet": "Chương trình “Tết Sum vầy” năm {year}",
    "thang-cong-nhan": "Tháng Công nhân năm {year}: quà cho đoàn viên khó khăn",
    "hoc-bong": "Học bổng “Vì con đoàn viên” năm {year}",
    "mai-am": "Mái ấm Công đoàn năm {year}",
    "vay-von": "Cho vay vốn Quỹ quốc gia về việc làm năm {year}",
}
# What becomes of this year's proposals; the past years' are handed over (or rejected).
OPEN_STATES = (
    ("proposed", 30),
    ("approved", 35),
    ("handed-over", 25),
    ("returned", 5),
    ("rejected", 5),
)
CIRCUMSTANCES = (
    "Hoàn cảnh khó khăn, chồng ốm dài ngày, hai con nhỏ đang đi học.",
    "Bố mẹ già yếu, một mình nuôi con, thu nhập thấp.",
    "Gia đình bị thiệt hại do lũ quét, nhà sập một phần.",
    "Bản thân bị tai nạn lao động, nghỉ việc điều trị ba tháng.",
    "Con mắc bệnh hiểm nghèo, chi phí điều trị lớn.",
    "Vợ chồng cùng làm công nhân, thuê trọ, chưa có nhà ở.",
)
SCHOOLS = (
    "Trường Tiểu học Mường Thanh",
    "Trường THCS Him Lam",
    "Trường THPT Phan Đình Giót",
    "Trường THPT Chuyên Lê Quý Đôn",
    "Trường Cao đẳng Sư phạm Điện Biên",
    "Trường Đại học Tây Bắc",
)
LEVELS = ("primary", "lower-secondary", "upper-secondary", "vocational", "university")
PURPOSES = (
    "Chăn nuôi bò sinh sản",
    "Mở xưởng may gia công",
    "Trồng cà phê, mắc ca",
    "Mở quán ăn, dịch vụ ăn uống",
    "Nuôi cá lồng trên hồ Pá Khoang",
    "Sửa chữa xe máy, điện tử",
)
# The loans' terms in months, by weight; most borrowers repay quarterly, ahead of time.
TERMS = ((12, 15), (24, 30), (36, 30), (48, 15), (60, 10))
LATE_SHARE = 0.10  # open loans whose borrower stopped paying some months ago
WRITTEN_OFF_SHARE = 0.01


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--grants", type=int, default=100_000)
    parser.add_argument("--loans", type=int, default=5_000)
    parser.add_argument("--repayments", type=int, default=60_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--approvals", type=int, default=200, help="proposals approved at once")
    parser.add_argument("--quota", type=int, default=150, help="places of the raced quota")
    parser.add_argument(
        "--connections",
        type=int,
        help="approvals in the server at once (its workers): 40 on PostgreSQL (which "
        "allows 100 connections, shared with other work), 5 on SQLite (one writer at a "
        "time; gunicorn.conf.py's workers on two cores)",
    )
    parser.add_argument("--races", type=int, default=3)
    parser.add_argument("--only-race", action="store_true", help="time the approvals alone")
    return parser.parse_args()


# ---------------------------------------------------------------------------------------
# Generating


def aware(day: date, rng: random.Random) -> datetime:
    from django.utils import timezone

    moment = datetime.combine(day, datetime.min.time()) + timedelta(
        hours=rng.randint(7, 17), minutes=rng.randint(0, 59)
    )
    return timezone.make_aware(moment)


def make_kinds() -> dict:
    from welfare.models import ProgrammeKind

    kinds = {}
    for slug, name, behaviour, order, *_rest in (*KINDS, LOAN_KIND):
        kinds[slug] = ProgrammeKind.objects.create(
            slug=slug, name=name, behaviour=behaviour, order=order
        )
    return kinds


def make_programme(kind, year: int, province, *, status, name=None, slug=None, **fields):
    from welfare.models import Programme

    programme = Programme(
        name=name or NAMES[kind.slug].format(year=year),
        slug=slug or f"{kind.slug}-{year}",
        kind=kind,
        unit=province,
        year=year,
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
        status=status,
        description="Chương trình chăm lo cho đoàn viên, người lao động có hoàn cảnh khó khăn.",
        eligibility="Đoàn viên công đoàn đang sinh hoạt tại công đoàn cơ sở thuộc tỉnh.",
        **fields,
    )
    programme.save()  # computes the search text
    return programme


def branches_of() -> dict[int, int]:
    """{unit id: id of its second-level union} for every unit below one."""
    from members.models import Unit

    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    top = {pk for pk, parent in parents.items() if parent is None}
    branch = {}
    for pk in parents:
        chain = [pk]
        while parents[chain[-1]] is not None:
            chain.append(parents[chain[-1]])
        if len(chain) >= 2 and chain[-1] in top:
            branch[pk] = chain[-2]
    return branch


def fund(programme, amount: int, rng: random.Random) -> None:
    """A budget of `amount`: union finances, and a sponsor for some programmes."""
    from welfare.models import FundingSource

    sponsor = amount // 4 if rng.random() < 0.6 else 0
    sources = [
        FundingSource(
            programme=programme, kind=FundingSource.Kind.UNION_FINANCES, pledged=amount - sponsor
        )
    ]
    if sponsor:
        sources.append(
            FundingSource(
                programme=programme,
                kind=FundingSource.Kind.SPONSOR,
                sponsor=rng.choice(
                    ("Ngân hàng TMCP Công Thương – Chi nhánh Điện Biên", "Tập đoàn Viettel")
                ),
                pledged=sponsor,
                given=sponsor,
            )
        )
    FundingSource.objects.bulk_create(sources)


def grant_dates(rng: random.Random, year: int, today: date, state: str) -> dict:
    """When a grant was proposed, reviewed and handed over, in its programme's year."""
    last = min(date(year, 12, 31), today - timedelta(days=40))
    proposed = date(year, 1, 1) + timedelta(days=rng.randint(0, (last - date(year, 1, 1)).days))
    values = {"proposed_at": aware(proposed, rng)}
    if state != "proposed":
        reviewed = min(proposed + timedelta(days=rng.randint(2, 15)), today)
        values["reviewed_at"] = aware(reviewed, rng)
        if state == "handed-over":
            values["handed_over_on"] = min(reviewed + timedelta(days=rng.randint(3, 20)), today)
    return values


def generate_programmes(rng: random.Random, province, total: int) -> None:
    """20 programmes (four kinds, five years) and their grants, houses, scholarships,
    standard amounts, budgets and the quotas of the second-level unions."""
    from django.db import transaction

    from members.models import Member, MemberStatus
    from welfare.models import (
        Grant,
        GrantStatus,
        HousingAid,
        ProgrammeStatus,
        Quota,
        Relation,
        Scholarship,
        StandardAmount,
    )

    today = date.today()
    kinds = make_kinds()
    members = list(
        Member.objects.filter(status=MemberStatus.ACTIVE).values_list(
            "pk", "unit_id", "national_id", "full_name"
        )
    )
    branch = branches_of()
    started = time.perf_counter()
    for year in range(today.year - YEARS + 1, today.year + 1):
        current = year == today.year
        for slug, _name, behaviour, _order, share, cash, in_kind in KINDS:
            programme = make_programme(
                kinds[slug],
                year,
                province,
                status=ProgrammeStatus.OPEN if current else ProgrammeStatus.SETTLED,
            )
            label = {"housing": "Xây mới nhà", "scholarship": "Học bổng"}.get(behaviour, "Suất quà")
            standard = StandardAmount.objects.create(programme=programme, label=label, amount=cash)
            count = round(total * share / YEARS)
            chosen = rng.sample(members, count)
            grants, alive = [], Counter()
            for member_pk, unit_id, national_id, _full_name in chosen:
                state = weighted(rng, OPEN_STATES) if current else None
                state = state or ("rejected" if rng.random() < 0.04 else "handed-over")
                grant = Grant(
                    programme=programme,
                    unit_id=unit_id,
                    standard=standard,
                    cash_amount=cash,
                    in_kind_value=in_kind if rng.random() < 0.5 else 0,
                    circumstances=rng.choice(CIRCUMSTANCES),
                    status=state,
                    reason="Chưa đủ điều kiện theo hướng dẫn của chương trình."
                    if state in (GrantStatus.RETURNED, GrantStatus.REJECTED)
                    else "",
                    **grant_dates(rng, year, today, state),
                )
                if grant.in_kind_value:
                    grant.in_kind = "Gạo, dầu ăn, bánh chưng"
                if behaviour == "scholarship":  # a member's child
                    grant.person_name = person(rng)[0]
                    grant.relation = Relation.CHILD
                    grant.for_member_id = member_pk
                else:
                    grant.member_id = member_pk
                    grant.national_id = national_id
                if behaviour == "housing" and rng.random() < 0.4:
                    grant.cash_amount = 30_000_000  # a repair
                grants.append(grant)
                if state != GrantStatus.REJECTED:
                    alive[branch[unit_id]] += 1
            with transaction.atomic():
                Grant.objects.bulk_create(grants, batch_size=2000)
                if behaviour == "housing":
                    HousingAid.objects.bulk_create(
                        [house(rng, grant) for grant in grants], batch_size=2000
                    )
                if behaviour == "scholarship":
                    Scholarship.objects.bulk_create(
                        [
                            Scholarship(
                                grant=grant,
                                school=rng.choice(SCHOOLS),
                                level=rng.choice(LEVELS),
                                school_year=f"{year - 1}-{year}",
                                results="Học sinh giỏi" if rng.random() < 0.7 else "Học sinh khá",
                            )
                            for grant in grants
                        ],
                        batch_size=2000,
                    )
                Quota.objects.bulk_create(
                    Quota(programme=programme, unit_id=unit_id, places=math.ceil(used * 1.1) + 5)
                    for unit_id, used in sorted(alive.items())
                )
                fund(programme, sum(g.value for g in grants) * 11 // 10, rng)
    print(f"  {Grant.objects.count()} grants in {time.perf_counter() - started:.0f} s")


def house(rng: random.Random, grant):
    """The house of a housing grant: handed over once the grant is, else a step before."""
    from welfare.models import HousingAid

    housing = HousingAid(
        grant=grant,
        work=HousingAid.Work.BUILD if grant.cash_amount == 50_000_000 else HousingAid.Work.REPAIR,
        address=f"Bản {rng.choice(('Noong Bua', 'Him Lam', 'Pú Nhi', 'Na Son'))}, tỉnh Điện Biên",
        own_contribution=rng.randint(5, 40) * 1_000_000,
        total_cost=grant.cash_amount + rng.randint(10, 60) * 1_000_000,
    )
    if grant.status in ("approved", "handed-over"):
        reviewed = grant.reviewed_at.date()
        housing.surveyed_on = reviewed + timedelta(days=rng.randint(0, 3))
        if grant.status == "handed-over" or rng.random() < 0.5:
            housing.work_started_on = housing.surveyed_on + timedelta(days=rng.randint(1, 5))
        if grant.status == "handed-over":
            housing.handed_over_on = max(grant.handed_over_on, housing.work_started_on)
    return housing


def generate_loans(rng: random.Random, province, count: int, target: int) -> None:
    """Five loan programmes, `count` loans with their schedules and about `target`
    repayments; a few borrowers fell behind, a few loans were written off."""
    from django.db import transaction

    from members.models import Member, MemberStatus
    from welfare.models import (
        Loan,
        LoanTerms,
        ProgrammeKind,
        ProgrammeStatus,
        Repayment,
        ScheduledPayment,
    )
    from welfare.services import add_months, schedule_for

    today = date.today()
    first_year = today.year - YEARS + 1
    rate = Decimal("0.550")
    LoanTerms.objects.create(
        valid_from=date(first_year - 1, 1, 1),
        ceiling=100_000_000,
        monthly_rate=rate,
        max_term_months=60,
        source="Nghị định số 74/2019/NĐ-CP",
    )
    kind = ProgrammeKind.objects.get(slug=LOAN_KIND[0])
    programmes = {
        year: make_programme(
            kind,
            year,
            province,
            status=ProgrammeStatus.OPEN if year == today.year else ProgrammeStatus.CLOSED,
        )
        for year in range(first_year, today.year + 1)
    }
    borrowers = rng.sample(
        list(Member.objects.filter(status=MemberStatus.ACTIVE).values_list("pk", "unit_id")),
        count,
    )
    started = time.perf_counter()
    span = (today - timedelta(days=30) - date(first_year, 1, 1)).days
    plans = []
    for borrower, unit_id in borrowers:
        disbursed = date(first_year, 1, 1) + timedelta(days=rng.randint(0, span))
        term = weighted(rng, TERMS)
        principal = rng.randint(4, 20) * 5_000_000
        schedule = schedule_for(principal, rate, term, disbursed)
        due = sum(1 for row in schedule if row.due_on <= today)
        plans.append((borrower, unit_id, disbursed, term, principal, schedule, due))
    # Quarterly payers pay three instalments at a time: their share sets the total.
    monthly = sum(plan[-1] for plan in plans)
    quarterly = sum(-(-plan[-1] // 3) for plan in plans)
    quarter_share = min(1.0, max(0.0, (monthly - target) / max(monthly - quarterly, 1)))
    loans, schedules, repayments = [], [], []
    for borrower, unit_id, disbursed, term, principal, schedule, due in plans:
        loan = Loan(
            programme=programmes[disbursed.year],
            borrower_id=borrower,
            unit_id=unit_id,
            purpose=rng.choice(PURPOSES),
            jobs_created=rng.randint(1, 5),
            principal=principal,
            monthly_rate=rate,
            term_months=term,
            disbursed_on=disbursed,
            matures_on=add_months(disbursed, term),
        )
        paid = due
        written_off = due >= 6 and rng.random() < WRITTEN_OFF_SHARE
        if written_off:
            paid = rng.randint(1, due - 3)
        elif due < term and due >= 1 and rng.random() < LATE_SHARE:
            paid = due - rng.randint(1, min(due, 12))
        step = 3 if rng.random() < quarter_share else 1
        for row in schedule:
            row.loan = loan
        for start in range(0, paid, step):
            group = schedule[start : min(start + step, paid)]
            paid_on = max(group[0].due_on - timedelta(days=rng.randint(0, 5)), disbursed)
            repayments.append(
                Repayment(
                    loan=loan,
                    paid_on=min(paid_on, today),
                    principal=sum(row.principal_due for row in group),
                    interest=sum(row.interest_due for row in group),
                )
            )
        if written_off:
            loan.written_off_on = min(schedule[paid].due_on + timedelta(days=200), today)
            loan.written_off_reason = "Người vay qua đời, gia đình không có khả năng trả nợ."
        elif paid == term:
            loan.repaid_on = repayments[-1].paid_on
        loans.append(loan)
        schedules.extend(schedule)
    with transaction.atomic():
        Loan.objects.bulk_create(loans, batch_size=2000)
        for row in schedules:
            row.loan_id = row.loan.pk
        for repayment in repayments:
            repayment.loan_id = repayment.loan.pk
        ScheduledPayment.objects.bulk_create(schedules, batch_size=5000)
        Repayment.objects.bulk_create(repayments, batch_size=5000)
    print(
        f"  {len(loans)} loans, {len(schedules)} instalments, {len(repayments)} repayments "
        f"in {time.perf_counter() - started:.0f} s"
    )


def generate_race(rng: random.Random, province, places: int, count: int) -> None:
    """A programme kept off the public site whose `count` proposals, from the unions
    below RACED_UNIT, are raced for its quota of `places`."""
    from members.models import Member, MemberStatus, Unit
    from welfare.models import Grant, ProgrammeKind, ProgrammeStatus, Quota

    unit = Unit.objects.get(name=RACED_UNIT)
    generate_officer(REVIEWER_LOGIN, unit, "Quàng Văn", "Hùng")
    programme = make_programme(
        ProgrammeKind.objects.get(slug="tet"),
        date.today().year,
        province,
        status=ProgrammeStatus.OPEN,
        name="Hỗ trợ đoàn viên bị ảnh hưởng bởi lũ quét (duyệt đồng thời)",
        slug=RACED_SLUG,
        is_public=False,
    )
    fund(programme, 10_000_000_000, rng)
    Quota.objects.create(programme=programme, unit=unit, places=places)
    members = rng.sample(
        list(
            Member.objects.in_subtree(unit)
            .filter(status=MemberStatus.ACTIVE)
            .values_list("pk", "unit_id", "national_id")
        ),
        count,
    )
    Grant.objects.bulk_create(
        Grant(
            programme=programme,
            unit_id=unit_id,
            member_id=member_pk,
            national_id=national_id,
            cash_amount=2_000_000,
            circumstances="Nhà bị lũ quét cuốn trôi, cả gia đình ở nhờ nhà văn hóa bản.",
        )
        for member_pk, unit_id, national_id in members
    )


def generate(args) -> None:
    from django.core.management import call_command

    from members.models import Unit
    from welfare.models import Grant, Loan

    call_command("migrate", verbosity=0)
    if Loan.objects.exists():
        print(
            f"Reusing {Unit.objects.count()} units, {Grant.objects.count()} grants and "
            f"{Loan.objects.count()} loans."
        )
        analyze()
        return
    if Unit.objects.exists():
        sys.exit("The database holds part of the data: drop it and run again.")
    rng = random.Random(2026)
    started = time.perf_counter()
    province, grassroots = generate_tree(rng, args.units)
    print(f"Generated {Unit.objects.count()} units in {time.perf_counter() - started:.1f} s")
    generate_members(rng, grassroots, args.members)
    generate_officer(PROVINCE_LOGIN, province)
    generate_programmes(rng, province, args.grants)
    generate_race(rng, province, args.quota, args.approvals)
    generate_loans(rng, province, args.loans, args.repayments)
    analyze()


# ---------------------------------------------------------------------------------------
# Measuring


def forget_welfare_figures() -> None:
    """The welfare figures of /thong-ke/ computed afresh on the next request (the
    register's and the congress's figures stay kept: their benches time them)."""
    from django.core.cache import cache

    from federation import pagecache

    cache.delete(f"welfare:public-figures:{pagecache.generation()}")


def programme_url(slug: str) -> str:
    from welfare.models import Programme

    return Programme.objects.get(slug=slug).get_absolute_url()


def page_times(repeat: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from members.models import Officer, Unit
    from welfare.figures import compute_welfare_figures
    from welfare.models import Grant, Loan, Programme, Repayment

    province = Officer.objects.get(user__username=PROVINCE_LOGIN).unit
    branch = Unit.objects.get(name=BRANCH)
    year = date.today().year
    tet = Programme.objects.get(slug=f"tet-{year}")
    overdue = Loan.objects.overdue(timezone.localdate()).count()
    print(
        f"Server time, {connection.vendor}, {Unit.objects.count()} units, "
        f"{Programme.objects.count()} programmes, {Grant.objects.count()} grants, "
        f"{Loan.objects.count()} loans ({overdue} overdue), {Repayment.objects.count()} "
        f"repayments, {repeat} requests each (kept pages off; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs):"
    )
    print(
        f"  ({branch.name}: {Grant.objects.filter(programme=tet).in_subtree(branch).count()} "
        f"of the {tet.grants.count()} proposals of {tet.name})"
    )
    officer = officer_client(PROVINCE_LOGIN)
    anonymous = Client(HTTP_USER_AGENT=USER_AGENT)
    figures = reverse("members:figures")
    pages = [
        ("/phuc-loi/", anonymous, reverse("welfare:index"), None),
        ("programme page, Tết (gifts)", anonymous, tet.get_absolute_url(), None),
        ("programme page, houses", anonymous, programme_url(f"mai-am-{year}"), None),
        ("programme page, loans", anonymous, programme_url(f"vay-von-{year}"), None),
        ("/thong-ke/ (welfare computed)", anonymous, figures, forget_welfare_figures),
        ("/thong-ke/ (figures kept 5 min)", anonymous, figures, None),
        ("officer: welfare home", officer, reverse("welfare:officer_home"), None),
        (
            "officer: Tết at the province",
            officer,
            reverse("welfare:officer_unit", args=[tet.slug, province.pk]),
            None,
        ),
        (
            "officer: Tết at a branch",
            officer,
            reverse("welfare:officer_unit", args=[tet.slug, branch.pk]),
            None,
        ),
        (
            "officer: branch proposals (duyệt)",
            officer,
            reverse("welfare:officer_review", args=[tet.slug, branch.pk]),
            None,
        ),
        ("officer: overdue loans", officer, reverse("welfare:officer_overdue"), None),
    ]
    for name, client, url, before in pages:
        timed(client, url, 2, before)  # warm up
        queries = count_queries(client, url, before)
        start = cpu_used()
        times = timed(client, url, repeat, before)
        cpu = cpu_per_request(start, cpu_used(), repeat)
        report(name, times, queries, fastest=True, cpu=cpu)
    start = cpu_used()
    times, queries = timed_call(compute_welfare_figures, repeat)
    cpu = cpu_per_request(start, cpu_used(), repeat + 1)
    report("welfare figures (service)", times, queries, fastest=True, cpu=cpu)


class OnceFilter:
    """Lets the first error of the race through to the log, not the next hundred."""

    def __init__(self):
        self.seen = False

    def filter(self, record) -> bool:
        seen, self.seen = self.seen, True
        return not seen


def reset_race(programme) -> None:
    """The raced proposals back to waiting for review, as generated."""
    from django.db import connection

    from welfare.models import Grant

    Grant.objects.filter(programme=programme).update(
        status="proposed", reviewed_by=None, reviewed_at=None, reason=""
    )
    history = Grant.history.model._meta.db_table
    with connection.cursor() as cursor:  # the approvals' history rows
        cursor.execute(f"DELETE FROM {history} WHERE programme_id = %s", [programme.pk])


def race(threads: int, connections: int) -> tuple[list[str], list[float], float]:
    """Every raced proposal approved through the view at the same moment, each click
    with its own session: the requests all arrive together and `connections` workers
    (threads, each with its own database connection kept from one request to the next,
    as a server's workers keep theirs) answer them. Returns each click's outcome, its
    time from the moment they arrived to its answer, and the time until the last."""
    import queue

    from django.db import connection
    from django.urls import reverse
    from django.utils import translation
    from django.utils.translation import gettext

    from welfare.models import Grant, Programme, Quota

    programme = Programme.objects.get(slug=RACED_SLUG)
    quota = Quota.objects.select_related("unit").get(programme=programme)
    grants = list(
        Grant.objects.filter(programme=programme).select_related("member").order_by("pk")
    )[:threads]
    clients = [officer_client(REVIEWER_LOGIN) for _grant in grants]
    for client in clients:
        # An error page is answered as the server would (a 500), not raised: the test
        # client's signal for a view's exception reaches every client of every thread.
        client.raise_request_exception = False
    with translation.override("vi"):
        refusals = {
            grant.pk: gettext(
                "%(name)s: the quota of %(unit)s is used up (%(used)d of %(limit)d suất approved)."
            )
            % {
                "name": grant.member.full_name,
                "unit": quota.unit.name,
                "used": quota.places,
                "limit": quota.places,
            }
            for grant in grants
        }
    clicks = queue.Queue()
    for index, grant in enumerate(grants):
        clicks.put((index, grant))
    barrier = threading.Barrier(connections + 1)
    outcomes: list[str] = [""] * len(grants)
    times: list[float] = [0.0] * len(grants)
    arrived = 0.0

    def answer(index: int, grant) -> None:
        url = reverse("welfare:officer_review_grant", args=[grant.pk])
        try:
            response = clients[index].post(url, {"approve": "1"})
            page = html.unescape(response.content.decode())
            if response.status_code == 302:
                outcomes[index] = "approved"
            elif response.status_code == 400 and refusals[grant.pk] in page:
                outcomes[index] = "refused with the quota message"
            else:
                outcomes[index] = f"answered {response.status_code}"
        except Exception as error:  # what must never happen: recorded, shown below
            outcomes[index] = f"{type(error).__name__}: {error}"
        finally:
            times[index] = (time.perf_counter() - arrived) * 1000

    def worker() -> None:
        connection.ensure_connection()  # opened before the clicks arrive, then kept
        barrier.wait(timeout=60)
        try:
            while True:
                try:
                    answer(*clicks.get_nowait())
                except queue.Empty:
                    return
        finally:
            connection.close()

    pool = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in pool:
        thread.start()
    arrived = time.perf_counter()
    barrier.wait(timeout=60)
    for thread in pool:
        thread.join(timeout=600)
    return outcomes, times, time.perf_counter() - arrived


def approval_race(runs: int, threads: int, connections: int | None) -> None:
    import logging

    from django.db import connection

    if connections is None:
        connections = 40 if connection.vendor == "postgresql" else 5

    from welfare import services
    from welfare.models import Grant, Programme, Quota

    # A refusal answers 400, which Django logs as a warning: 50 lines saying nothing; an
    # error page is logged with its traceback once, then only counted.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    logging.getLogger("django.request").addFilter(OnceFilter())
    programme = Programme.objects.get(slug=RACED_SLUG)
    quota = Quota.objects.select_related("unit").get(programme=programme)
    print(
        f"{threads} approvals at once through the review view against a quota of "
        f"{quota.places} suất ({quota.unit.name}), {connection.vendor}, {connections} "
        f"workers in the server, {runs} runs (load average "
        f"{os.getloadavg()[0]:.1f}):"
    )
    failures = 0
    for run in range(1, runs + 1):
        reset_race(programme)
        outcomes, times, wall = race(threads, connections)
        approved = Grant.objects.filter(programme=programme, status="approved").count()
        used = services.quota_usage(programme)[0].used_places
        counts = Counter(outcomes)
        ok = (
            approved == used == quota.places
            and counts["approved"] == quota.places
            and counts["refused with the quota message"] == threads - quota.places
        )
        failures += not ok
        print(
            f"  run {run}: {wall:5.1f} s, each approval median "
            f"{statistics.median(times):7.0f} ms, p95 {p95(times):7.0f} ms; "
            f"{approved} approved, {used} suất used of {quota.places}; "
            + ", ".join(f"{count} {outcome}" for outcome, count in sorted(counts.items()))
            + ("" if ok else "   <-- NOT AT THE QUOTA OR AN ERROR")
        )
    reset_race(programme)
    if failures:
        sys.exit(f"{failures} run(s) did not end exactly at the quota without error pages.")


def main():
    args = parse_args()
    setup_django(args.database_url, FILES_ROOT)
    from django.test.utils import override_settings

    generate(args)
    with override_settings(PAGE_CACHE_SECONDS=0):
        if not args.only_race:
            page_times(args.requests)
        approval_race(args.races, args.approvals, args.connections)


if __name__ == "__main__":
    main()
