"""Demo union register of the Điện Biên federation: the tree, ~1,500 members, two report rounds.

The tree is the one after the 2025 reform: the provincial federation, commune and ward
unions, two industry unions and the industrial-zone union, and about sixty grassroots
unions across the four sectors below them (one of them dissolved and merged into its
neighbour). Units are made with members.services.save_unit, so their paths are set.
The content is data in members/demo/ (units.yaml, people.yaml, names.csv, reports.yaml),
read by members/demo/__init__.py; members/demo/people.py draws the people.

Members are made in bulk (bulk_create, with their first history row), each with the
events admit_member would have written: ADMITTED, and CARD_ISSUED when a card is
numbered. A few then move through the services as an officer's clicks would: the
members of the merged union and a few teachers are transferred (transfer_member), a few
leave (mark_left). Everything is drawn from fixed seeds, so the same people come back.

Two reporting rounds: the first half-year, closed, every report accepted; the year,
open, part-way through (some submitted, a few accepted, one returned, the rest drafts).
Reports move through submit_report, accept_report and return_report. Each union's
report is submitted by its own officer: canbo.coso for the officer school, and for the
others an account for the union's chair (no password; not for logging in). Reviews are
by canbo.phuong for the units of its ward union and by the demo administrator (the
federation's staff) for the rest. canbo.phuong is linked to its ward union only after
the reports below it are submitted, and the chair whose report is returned has no email
address, so loading the demo sends no notification mail. Without demo logins
(--no-logins) there are no accounts: the same states are written directly, with no
one's name on them.

Rows are looked up by natural keys (kind names; unit name under its parent; national ID
numbers; period names), so a second run adds nothing. Most dates are fixed; admissions
of this year, transfers, leavers and the reporting rounds are dated from today.
"""

import math
import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import Count
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from federation.demo import is_demo, remember, remember_all
from federation.text import slugify_vi
from members import services
from members.demo import (
    BRANCHES,
    CHANGED_EMPLOYEES,
    CHANGED_EMPLOYEES_NOTE,
    COVERAGE,
    DIEN_BIEN_PHU,
    DIFFICULTIES,
    ELSEWHERE_ACCEPTED,
    ELSEWHERE_SUBMITTED,
    INNER_UNITS,
    KINDS,
    LEAVERS,
    OFFICER_SCHOOL,
    PROPOSALS,
    PROVINCE,
    RESULTS,
    RETURN_REASON,
    RETURNED_UNIT,
    SECOND_LEVEL,
    STREET_COMMUNES,
    STREETS,
    TEACHER_MOVES,
    TOP,
    TRADE,
    WARD_ROUND,
    Branch,
    UpperUnit,
)
from members.demo.people import _between, plan_people
from members.models import (
    Member,
    MembershipEvent,
    MemberStatus,
    Officer,
    Report,
    ReportPeriod,
    ReportStatus,
    Sector,
    Unit,
    UnitKind,
)

ADMINISTRATOR = "quantri"
GRASSROOTS_LOGIN = "canbo.coso"
UPPER_LOGIN = "canbo.phuong"


def _workplace(branch: Branch) -> str:
    if branch.kind == TRADE:
        return "trade"
    if "Trường" in branch.name:
        return "school"
    if any(word in branch.name for word in ("Bệnh viện", "Y tế", "bệnh tật")):
        return "health"
    if branch.sector == Sector.PUBLIC:
        return "office"
    return "enterprise"


# ---------------------------------------------------------------------------------------
# The step.


def seed_members(stdout, *, logins: bool = True, **options) -> None:
    today = timezone.localdate()
    top = Unit.objects.filter(parent=None, name=TOP.name).first()
    if top is not None and not is_demo(top):
        stdout.write(
            f"Skipped the demo union register: a unit that is not demo content is named {TOP.name}."
        )
        return
    actors = _Actors(logins)
    kinds = _seed_kinds()
    plan = plan_people(today)
    units = _seed_units(kinds, plan)
    top = units[(None, TOP.name)]
    branches = {branch.name: units[(branch.parent, branch.name)] for branch in BRANCHES}

    # Admissions up to the end of the first half-year, the merger of the dissolved
    # school, the first round of reports; then the later admissions, moves and leavers,
    # and the yearly round opened on the register as it now stands.
    rounds = _Rounds(today)
    first_half = rounds.first_half_end
    new_members = _admit(plan, branches, lambda person: person.admitted_on <= first_half)
    if new_members:
        _merge_dissolved(branches, actors)
    actors.seed_chairs(branches, plan)
    actors.link(GRASSROOTS_LOGIN, branches[OFFICER_SCHOOL], Officer.Role.CHAIR)
    periods = rounds.seed_first_half(branches, actors)
    later = _admit(plan, branches, lambda person: person.admitted_on > first_half)
    new_members += later
    if new_members:
        _move_and_leave(new_members, branches, actors, rounds, today)
    periods += rounds.seed_year(branches, actors)
    actors.link(UPPER_LOGIN, units[(TOP.name, DIEN_BIEN_PHU)], Officer.Role.OFFICER)

    remember_all(Member, [member.pk for member in new_members])
    remember_all(
        MembershipEvent,
        MembershipEvent.objects.filter(member__in=new_members).values_list("pk", flat=True),
    )
    _summary(stdout, top, kinds, len(new_members), periods, rounds)


def _seed_kinds() -> dict[str, UnitKind]:
    kinds = {}
    for order, (name, grassroots) in enumerate(KINDS, start=1):
        kind, created = UnitKind.objects.get_or_create(
            name=name, defaults={"is_grassroots": grassroots, "order": order}
        )
        if created:
            remember(kind)
        kinds[name] = kind
    return kinds


def _seed_units(kinds, plan) -> dict[tuple[str | None, str], Unit]:
    """Every unit of the demo tree, keyed by (parent name, name); missing ones are made."""
    rng = random.Random("members.seed:units")
    found: dict[tuple[str | None, str], Unit] = {}
    top = Unit.objects.filter(parent=None, name=TOP.name).first()
    existing = {}
    if top is not None:
        for unit in Unit.objects.subtree(top).select_related("parent"):
            existing[(unit.parent.name if unit.parent_id else None, unit.name)] = unit

    def make(parent: Unit | None, values: dict) -> Unit:
        key = (parent.name if parent else None, values["name"])
        unit = existing.get(key)
        if unit is None:
            unit = services.save_unit(unit=Unit(parent=parent, province=PROVINCE, **values))
            remember(unit)
        found[key] = unit
        return unit

    def upper(spec: UpperUnit, parent: Unit | None) -> Unit:
        return make(
            parent,
            {
                "name": spec.name,
                "short_name": spec.short_name,
                "kind": kinds[spec.kind],
                "commune": spec.commune,
                "address": f"{spec.address}, tỉnh {PROVINCE}",
                "phone": spec.phone,
                "email": spec.email,
                "chairperson": spec.chairperson,
                "founded_on": spec.founded_on,
            },
        )

    top = upper(TOP, None)
    parents = {TOP.name: top}
    for spec in SECOND_LEVEL:
        parents[spec.name] = upper(spec, top)
    # Merged units go last: the union they merged into must exist first.
    for branch in sorted(BRANCHES, key=lambda branch: bool(branch.merged_into)):
        parent = parents[branch.parent]
        planned = len(plan[branch.name]) + sum(
            len(plan[other.name]) for other in BRANCHES if other.merged_into == branch.name
        )
        employees = None
        if branch.kind != TRADE:
            employees = math.ceil(planned / COVERAGE[branch.sector]) + 2 + rng.randrange(4)
        street, number, landline = rng.choice(STREETS), rng.randint(2, 240), rng.randrange(10**6)
        address = (
            f"Số {number}, đường {street}, {branch.commune}"
            if branch.commune in STREET_COMMUNES
            else f"Tổ dân phố {number % 12 + 1}, {branch.commune}"
        )
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        make(
            parent,
            {
                "name": branch.name,
                "kind": kinds[branch.kind],
                "sector": branch.sector,
                "employer": branch.employer_name,
                "employees": employees,
                "commune": branch.commune,
                "address": f"{address}, tỉnh {PROVINCE}",
                "phone": f"0215 3{landline // 1000:03d} {landline % 1000:03d}",
                "chairperson": branch.chairperson or plan[branch.name][0].full_name,
                "founded_on": date(branch.founded, month, day),
                "dissolved_on": branch.dissolved_on,
                "merged_into": (
                    found[(branch.parent, branch.merged_into)] if branch.merged_into else None
                ),
            },
        )
    grassroots = {branch.name: found[(branch.parent, branch.name)] for branch in BRANCHES}
    for parent_name, kind, name in INNER_UNITS:
        make(grassroots[parent_name], {"name": name, "kind": kinds[kind]})
    return found


def _admit(plan, branches, wanted) -> list[Member]:
    """Bulk-admit the planned people `wanted` picks that are not in the register yet."""
    people = [
        (branch, person) for branch in BRANCHES for person in plan[branch.name] if wanted(person)
    ]
    taken_ids = _existing("national_id", [person.national_id for _branch, person in people])
    people = [(branch, person) for branch, person in people if person.national_id not in taken_ids]
    cards = {
        person.national_id: f"DB-{person.admitted_on.year}-{person.serial:06d}"
        for _branch, person in people
        if person.card
    }
    taken_cards = _existing("card_number", list(cards.values()))
    members = []
    for branch, person in people:
        card = cards.get(person.national_id)
        member = Member(
            full_name=person.full_name,
            gender=person.gender,
            date_of_birth=person.date_of_birth,
            national_id=person.national_id,
            phone=person.phone,
            unit=branches[branch.name],
            card_number=card if card and card not in taken_cards else None,
            admitted_on=person.admitted_on,
            position=person.position,
            status=MemberStatus.ACTIVE,
        )
        member.normalise()  # the search and sort columns, as every save fills them
        members.append(member)
    if not members:
        return []
    members = bulk_create_with_history(members, Member, batch_size=500)
    events = []
    for member in members:
        events.append(
            MembershipEvent(
                member=member,
                kind=MembershipEvent.Kind.ADMITTED,
                happened_on=member.admitted_on,
                unit=member.unit,
            )
        )
        if member.card_number:
            events.append(
                MembershipEvent(
                    member=member,
                    kind=MembershipEvent.Kind.CARD_ISSUED,
                    happened_on=member.admitted_on,
                    unit=member.unit,
                    note=member.card_number,
                )
            )
    MembershipEvent.objects.bulk_create(events, batch_size=500)
    return members


def _existing(field: str, values: list[str]) -> set[str]:
    """Which of `values` the register already holds in `field` (in chunks, for SQLite)."""
    found = set()
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        found.update(Member.objects.filter(**{f"{field}__in": chunk}).values_list(field, flat=True))
    return found


def _merge_dissolved(branches, actors) -> None:
    """The dissolved school's members follow it into the school it merged into."""
    for branch in BRANCHES:
        if not branch.merged_into:
            continue
        into = branches[branch.merged_into]
        for member in Member.objects.active().filter(unit=branches[branch.name]):
            services.transfer_member(
                member=member,
                to_unit=into,
                on=branch.dissolved_on,
                user=actors.staff,
                note=f"Sáp nhập trường theo quyết định của Ủy ban nhân dân {branch.commune}",
            )


def _move_and_leave(new_members, branches, actors, rounds, today) -> None:
    """A few teachers change schools and a few members leave, in the second half-year."""
    rng = random.Random("members.seed:moves")
    since = rounds.first_half_end + timedelta(days=1)
    schools = [
        branches[branch.name]
        for branch in BRANCHES
        if "Trường" in branch.name and not branch.dissolved_on
    ]
    school_ids = {school.pk for school in schools}
    candidates = sorted(
        (
            member
            for member in new_members
            if not member.position and member.admitted_on < since and member.unit_id in school_ids
        ),
        key=lambda member: member.pk,
    )
    moved = set()
    targets = rng.sample(schools, TEACHER_MOVES * 2)
    for member in rng.sample(candidates, TEACHER_MOVES):
        to_unit = next(school for school in targets if school.pk != member.unit_id)
        targets.remove(to_unit)
        on = _between(rng.random(), date(since.year, 8, 15), date(since.year, 9, 5))
        services.transfer_member(
            member=member,
            to_unit=to_unit,
            on=min(on, today),
            user=actors.staff,
            note=f"Điều động giáo viên năm học {since.year}–{since.year + 1}",
        )
        moved.add(member.pk)
    for reason, sectors, born_before in LEAVERS:
        choices = [
            member
            for member in sorted(new_members, key=lambda member: member.pk)
            if member.pk not in moved
            and not member.position
            and member.admitted_on < since
            and member.unit.sector in sectors
            and (born_before is None or member.date_of_birth.year < born_before)
        ]
        member = rng.choice(choices)
        moved.add(member.pk)
        services.mark_left(
            member=member, on=_between(rng.random(), since, today), reason=reason, user=actors.staff
        )


class _Actors:
    """Who the register's rules see acting: the demo logins, or no one without them.

    Besides the two officer logins, the chair of every other grassroots union has an
    account (no password: it is not for logging in) so that each unit's report is
    submitted by its own officer, reviewed by someone else, and reminders have someone
    to go to. One chair gave no email address: the one whose report is returned, so that
    loading the demo sends no mail. Without demo logins there are no accounts and the
    states are written directly.
    """

    def __init__(self, logins: bool):
        self.logins = logins
        self.staff = self.user(ADMINISTRATOR)
        self.chairs: dict[str, object] = {}  # grassroots union name → its chair's account

    def seed_chairs(self, branches: dict[str, Unit], plan) -> None:
        """The chairs' accounts, linked to their unions."""
        if not self.logins:
            return
        User = get_user_model()
        wanted = {}
        for branch in BRANCHES:
            if branch.dissolved_on or branch.name == OFFICER_SCHOOL:
                continue
            username = "cs." + slugify_vi(branch.name.removeprefix("Công đoàn "), 60)
            wanted[username] = branch
        found = {user.username: user for user in User.objects.filter(username__in=wanted)}
        real = {name for name, user in found.items() if not is_demo(user)}
        new = []
        for username, branch in wanted.items():
            if username in found:
                continue
            chair = branch.chairperson or plan[branch.name][0].full_name
            first, _space, last = chair.rpartition(" ")
            new.append(
                User(
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=""
                    if branch.name == RETURNED_UNIT
                    else f"{username}@congdoan-dienbien.example.vn",
                    password=make_password(None),
                )
            )
        if new:
            User.objects.bulk_create(new)
            created = User.objects.filter(username__in=[user.username for user in new])
            remember_all(User, created.values_list("pk", flat=True))
            found.update({user.username: user for user in created})
        chairs = {wanted[name].name: user for name, user in found.items() if name not in real}
        self.chairs.update(chairs)
        linked = [
            Officer(user=user, unit=branches[name], role=Officer.Role.CHAIR)
            for name, user in chairs.items()
        ]
        have = set(
            Officer.objects.filter(user__in=[officer.user for officer in linked]).values_list(
                "user_id", "unit_id"
            )
        )
        linked = [officer for officer in linked if (officer.user_id, officer.unit_id) not in have]
        if linked:
            Officer.objects.bulk_create(linked)
            remember_all(
                Officer,
                Officer.objects.filter(user__in=[officer.user for officer in linked]).values_list(
                    "pk", flat=True
                ),
            )

    def submitter(self, branch: Branch):
        """The union's own officer; the federation's staff enter a report sent on paper."""
        if branch.name == OFFICER_SCHOOL:
            return self.user(GRASSROOTS_LOGIN) or self.staff
        return self.chairs.get(branch.name) or self.staff

    def user(self, username: str):
        """A demo login of the federation step, never a real account that has the name."""
        if not self.logins:
            return None
        user = get_user_model().objects.filter(username=username).first()
        return user if user is not None and is_demo(user) else None

    def link(self, username: str, unit: Unit, role: str):
        user = self.user(username)
        if user is None:
            return None
        officer, created = Officer.objects.get_or_create(
            user=user, unit=unit, defaults={"role": role}
        )
        if created:
            remember(officer)
        return user


class _Rounds:
    """The two reporting rounds: the first half-year (closed) and the year (open)."""

    def __init__(self, today: date):
        self.today = today
        self.now = timezone.now()
        # The latest year whose first half-year round is over.
        self.year = today.year if today >= date(today.year, 7, 16) else today.year - 1
        self.first_half_end = date(self.year, 6, 30)
        self.rng = random.Random("members.seed:reports")

    def seed_first_half(self, branches, actors) -> list[ReportPeriod]:
        name = f"Báo cáo 6 tháng đầu năm {self.year}"
        if ReportPeriod.objects.filter(name=name).exists():
            return []
        period = ReportPeriod(
            name=name,
            kind=ReportPeriod.Kind.HALF_YEAR,
            starts_on=date(self.year, 1, 1),
            ends_on=self.first_half_end,
            deadline=date(self.year, 7, 15),
        )
        services.open_period(period=period)
        opened = self._at(date(self.year, 6, 20), 8)
        for report, branch in self._reports(period, branches):
            submitted = self._at(
                _between(self.rng.random(), date(self.year, 7, 1), date(self.year, 7, 14)),
                self.rng.randint(7, 16),
            )
            reviewed = self._office_time(
                submitted + timedelta(days=1), submitted + timedelta(days=5)
            )
            submitter = actors.submitter(branch)
            self._fill(report, branch, half=True)
            report = self._submit(report, submitter)
            self._review(report, actors.staff)
            Report.objects.filter(pk=report.pk).update(submitted_at=submitted, reviewed_at=reviewed)
        ReportPeriod.objects.filter(pk=period.pk).update(is_open=False, opened_at=opened)
        remember(period)
        remember_all(Report, period.reports.values_list("pk", flat=True))
        return [period]

    def seed_year(self, branches, actors) -> list[ReportPeriod]:
        name = f"Báo cáo năm {self.year}"
        if ReportPeriod.objects.filter(name=name).exists():
            return []
        period = ReportPeriod(
            name=name,
            kind=ReportPeriod.Kind.YEAR,
            starts_on=date(self.year, 1, 1),
            ends_on=date(self.year, 11, 30),
            deadline=date(self.year, 12, 15),
        )
        services.open_period(period=period)
        opened = min(self._at(date(self.year, 11, 10), 8), self.now - timedelta(days=10))
        ReportPeriod.objects.filter(pk=period.pk).update(opened_at=opened)

        reports = list(self._reports(period, branches))
        ward = [item for item in reports if item[1].parent == DIEN_BIEN_PHU]
        others = [item for item in reports if item[1].parent != DIEN_BIEN_PHU]
        chosen = dict(WARD_ROUND)
        drawn = self.rng.sample(others, ELSEWHERE_SUBMITTED)
        for index, (_report, branch) in enumerate(drawn):
            accepted = index < ELSEWHERE_ACCEPTED
            chosen[branch.name] = ReportStatus.ACCEPTED if accepted else ReportStatus.SUBMITTED

        # Submissions first, while no officer sits above them (no mail is sent).
        submitted = []
        for report, branch in ward + others:
            status = chosen.get(branch.name)
            if status is None:
                continue
            self._fill(report, branch, half=False)
            report = self._submit(report, actors.submitter(branch))
            when = self._office_time(opened, opened + (self.now - opened) * 0.8)
            submitted.append((report, branch, status, when))
        reviewer = actors.link(UPPER_LOGIN, branches[OFFICER_SCHOOL].parent, Officer.Role.OFFICER)
        for report, branch, status, when in submitted:
            reviewed = None
            if status != ReportStatus.SUBMITTED:
                acting = reviewer if branch.parent == DIEN_BIEN_PHU else actors.staff
                reason = RETURN_REASON if status == ReportStatus.RETURNED else ""
                self._review(report, acting, reason=reason)
                reviewed = self._office_time(when + timedelta(hours=2), self.now)
            Report.objects.filter(pk=report.pk).update(submitted_at=when, reviewed_at=reviewed)
        remember(period)
        remember_all(Report, period.reports.values_list("pk", flat=True))
        return [period]

    def _reports(self, period, branches):
        """The period's reports of the demo's grassroots unions, with their specs."""
        by_unit = {branches[branch.name].pk: branch for branch in BRANCHES}
        for report in period.reports.select_related("unit__kind", "unit__parent"):
            if report.unit_id in by_unit:
                yield report, by_unit[report.unit_id]

    def _fill(self, report: Report, branch: Branch, *, half: bool) -> None:
        rng, place = self.rng, _workplace(branch)
        total = report.total_members
        welfare = max(1, round(total * rng.uniform(0.08, 0.3)))
        report.welfare_members = welfare
        report.welfare_amount = welfare * rng.choice((300_000, 500_000, 800_000, 1_000_000))
        report.dialogues_held = 0 if half and rng.random() < 0.5 else rng.randint(1, 2)
        enterprise = place == "enterprise"
        report.collective_agreement = enterprise or (place != "trade" and rng.random() < 0.3)
        report.emulation_registered = rng.random() < 0.92
        report.results = RESULTS[place].format(welfare=welfare)
        report.difficulties = DIFFICULTIES[place]
        report.proposals = PROPOSALS[place]
        if not half and branch.name == CHANGED_EMPLOYEES and report.employees:
            report.employees += 6
            report.change_note = CHANGED_EMPLOYEES_NOTE

    def _submit(self, report: Report, user) -> Report:
        if user is not None:
            return services.submit_report(report=report, user=user)
        report.full_clean()
        report.status = ReportStatus.SUBMITTED
        report.save()
        return report

    def _review(self, report: Report, user, *, reason: str = "") -> None:
        # No one reviews a report they submitted themselves.
        if user is not None and user.pk != report.submitted_by_id:
            if reason:
                services.return_report(report=report, user=user, reason=reason)
            else:
                services.accept_report(report=report, user=user)
            return
        report.status = ReportStatus.RETURNED if reason else ReportStatus.ACCEPTED
        report.return_reason = reason
        report.save(update_fields=["status", "return_reason", "updated_at"])

    def _office_time(self, first: datetime, last: datetime) -> datetime:
        """A moment in office hours between `first` and `last`, never after now."""
        last = min(last, self.now)
        start = timezone.localtime(first).date()
        days = max(0, (timezone.localtime(last).date() - start).days)
        moment = self._at(
            start + timedelta(days=self.rng.randint(0, days)), self.rng.randint(7, 16)
        )
        return min(max(moment, first), last)

    def _at(self, day: date, hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour, self.rng.randrange(60))))


def _summary(stdout, top: Unit, kinds, new_members: int, periods, rounds) -> None:
    units = Unit.objects.subtree(top)
    grassroots = units.grassroots()
    members = Member.objects.filter(unit__in=grassroots)
    by_status = dict(members.values_list("status").annotate(n=Count("pk")))
    year = ReportPeriod.objects.filter(name=f"Báo cáo năm {rounds.year}").first()
    reports = dict(year.reports.values_list("status").annotate(n=Count("pk"))) if year else {}
    stdout.write(
        f"Union register: {len(kinds)} kinds of unit, {units.count()} units "
        f"({grassroots.count()} grassroots unions, {units.exclude(dissolved_on=None).count()} "
        f"dissolved), {sum(by_status.values())} members ({new_members} new; "
        f"{by_status.get(MemberStatus.ACTIVE, 0)} active, "
        f"{by_status.get(MemberStatus.LEFT, 0)} left), "
        f"{Officer.objects.filter(unit__in=units).count()} officers, "
        f"{len(periods)} new reporting periods"
        + (
            f"; {year.name}: {reports.get(ReportStatus.SUBMITTED, 0)} submitted, "
            f"{reports.get(ReportStatus.ACCEPTED, 0)} accepted, "
            f"{reports.get(ReportStatus.RETURNED, 0)} returned, "
            f"{reports.get(ReportStatus.DRAFT, 0)} drafts."
            if year
            else "."
        )
    )
