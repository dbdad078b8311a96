"""Demo congresses of the Điện Biên federation: the provincial congresses XII and XIII, the
ward unions' first congresses and the grassroots season of the coming term.

The content is data in congress/demo/congresses.yaml (read and checked by
congress/demo/__init__.py); this loader puts it in through the services:
save_congress for every congress, save_delegate for each delegate (a congress has at most
a few hundred, so the checks each one gets are affordable), record_ballot and
record_first_meeting for the elections (which install the new leaders in the register
from the day the results were recognised), and for the season the officer area's own
steps: new_record, submit_record by the union's own officer account, recognise_record or
return_record by the unit above (canbo.phuong for the units of its ward union, the demo
administrator for the others). Without demo logins (--no-logins) there are no accounts:
the same states are written directly, with no one's name on them.

Delegates are drawn from the register (their unit, gender and year of birth; ethnicity
from the family name, congresses.yaml `ethnicities`), besides the chairs named in
members/demo/units.yaml. Votes are drawn so that the counts add up: those elected have
more than half of the valid ballots, nobody more than the valid ballots, no tie at the
last seat, and the votes never exceed what the valid ballots can give.

The services tell officers of every submission and review; loading the demo sends none of
that mail (federation.mail.without_mail). Rows are looked up by natural keys (a unit and
its ordinal, a season's unit and term, a cap's rule), so a second run adds nothing. The
provincial congresses have fixed dates; the wards' and the season's count from today.
"""

import random
from collections import Counter
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone

from congress.demo import (
    CAPS,
    PROVINCIAL,
    SEASON,
    WARD_CONGRESSES,
    ethnicity_of,
)
from congress.models import (
    TERM_YEARS,
    Ballot,
    Candidate,
    Congress,
    CongressDocument,
    CongressFile,
    Delegate,
    DelegateCap,
    Education,
    Format,
    Position,
    Review,
    Season,
    Session,
    Subcommittee,
    SubcommitteeTask,
    Target,
    TargetProgress,
)
from congress.services import install_leaders, save_congress
from congress.services.delegates import save_delegate
from congress.services.elections import record_ballot, record_first_meeting
from congress.services.season import (
    PositionRow,
    new_record,
    recognise_record,
    return_record,
    save_record,
    season_units,
    submit_record,
)
from documents.demo.files import Page, pdf_bytes
from documents.models import Document
from federation.demo import DemoDataError, is_demo, remember, remember_all
from federation.files import store_upload
from federation.mail import without_mail
from federation.models import DemoRecord
from federation.text import format_date, slugify_vi
from members.demo import (
    BRANCHES,
    DIEN_BIEN_PHU,
    OFFICER_SCHOOL,
    PROVINCE,
    SECOND_LEVEL,
    TOP,
    VICE_CHAIR,
)
from members.models import Gender, Member, MemberStatus, Officer, Sector, Unit, UnitKind
from news import services as news_services
from news.demo.pictures import PALETTES, SCENE_ALT, draw_picture
from news.models import Article

ADMINISTRATOR, GRASSROOTS_LOGIN, UPPER_LOGIN = "quantri", "canbo.coso", "canbo.phuong"
WHERE = "congress/demo/congresses.yaml"


def seed_congress(stdout, *, logins: bool = True, **options) -> None:
    top = Unit.objects.filter(parent=None, name=TOP.name).first()
    if top is None or not is_demo(top):
        stdout.write("Skipped the demo congresses: the demo union register is not loaded.")
        return
    today = timezone.localdate()
    actors = _Actors(logins)
    units = _units(top)
    new = Counter()
    with without_mail():
        new["caps"] = _seed_caps()
        for spec in PROVINCIAL:
            new["congresses"] += _seed_provincial(spec, top, units, actors)
        new["congresses"] += _seed_wards(units, actors, today)
        season, created = _seed_season(top, units, today)
        new["seasons"] += created
        new["records"] = _Season(season, units, actors, today).seed()
    _summary(stdout, top, season, new)


# ---------------------------------------------------------------------------------------
# Who acts, and the register's people.


class _Actors:
    """The demo logins the services see acting, or no one without them (then the seed
    writes the states directly)."""

    def __init__(self, logins: bool):
        self.logins = logins
        User = get_user_model()
        self.demo_users = set()
        if logins:
            self.demo_users = set(
                DemoRecord.objects.filter(
                    content_type=ContentType.objects.get_for_model(User)
                ).values_list("object_id", flat=True)
            )
        self.staff = self.user(ADMINISTRATOR)
        self.upper = self.user(UPPER_LOGIN)
        self._chairs = None

    def user(self, username: str):
        if not self.logins:
            return None
        user = get_user_model().objects.filter(username=username).first()
        return user if user is not None and str(user.pk) in self.demo_users else None

    def acting(self):
        """Whoever changes news: the administrator, or a superuser in memory only."""
        return self.staff or get_user_model()(
            username="noi-dung-mau", is_active=True, is_superuser=True
        )

    def officer_of(self, unit: Unit):
        """The union's own officer (its chair's demo account; canbo.coso for its school)."""
        if not self.logins:
            return None
        if self._chairs is None:
            self._chairs = {}
            officers = Officer.objects.filter(role=Officer.Role.CHAIR).select_related("user")
            for officer in officers.order_by("pk"):
                if str(officer.user_id) in self.demo_users:
                    current = self._chairs.get(officer.unit_id)
                    if current is None or officer.user.username == GRASSROOTS_LOGIN:
                        self._chairs[officer.unit_id] = officer.user
        return self._chairs.get(unit.pk)

    def reviewer_of(self, unit: Unit, parent_name: str):
        """The unit above: canbo.phuong for its ward's unions, the federation's staff else."""
        if parent_name == DIEN_BIEN_PHU and self.upper is not None:
            return self.upper
        return self.staff


def _units(top: Unit) -> dict:
    """The demo tree: (parent name, name) -> unit, and name -> unit for the upper ones."""
    found = {}
    for unit in Unit.objects.subtree(top).select_related("parent", "kind"):
        found[(unit.parent.name if unit.parent_id else None, unit.name)] = unit
    return found


def _unit(units, parent: str | None, name: str) -> Unit:
    unit = units.get((parent, name))
    if unit is None:
        raise DemoDataError(f"{WHERE}: the register has no unit “{name}” under “{parent}”.")
    return unit


def _members_on(units, day: date):
    """The register's members active on `day` in `units` (admitted by then, not left)."""
    return Member.objects.filter(unit__in=units, admitted_on__lte=day).filter(
        Q(status=MemberStatus.ACTIVE, left_on__isnull=True) | Q(left_on__gt=day)
    )


def _gender_of(name: str) -> str:
    return Gender.FEMALE if " Thị " in f" {name} " else Gender.MALE


EDUCATION = {
    Sector.PUBLIC: (
        (Education.UNIVERSITY, 70),
        (Education.POSTGRADUATE, 15),
        (Education.COLLEGE, 15),
    ),
    "": (
        (Education.UPPER_SECONDARY, 35),
        (Education.VOCATIONAL, 30),
        (Education.COLLEGE, 15),
        (Education.UNIVERSITY, 20),
    ),
}
PARTY_SHARE = {Sector.PUBLIC: 0.65, Sector.STATE: 0.45}


def _education(rng, sector: str) -> str:
    choices = EDUCATION.get(sector, EDUCATION[""])
    return rng.choices([e for e, _w in choices], [w for _e, w in choices])[0]


def _delegate_of(member: Member, kind: str, rng) -> Delegate:
    sector = member.unit.sector
    return Delegate(
        full_name=member.full_name,
        unit=member.unit,
        unit_name=member.unit.name,
        position=member.position or "Đoàn viên công đoàn",
        gender=member.gender,
        ethnicity=ethnicity_of(member.full_name),
        birth_year=member.date_of_birth.year,
        education=_education(rng, sector),
        sector=sector,
        party_member=rng.random() < PARTY_SHARE.get(sector, 0.3),
        kind=kind,
        credentials=Delegate.Credentials.ACCEPTED,
    )


def _named_delegate(name: str, unit: Unit | None, position: str, kind: str, rng) -> Delegate:
    """A chair named in units.yaml: not drawn from the register's members."""
    return Delegate(
        full_name=name,
        unit=unit,
        unit_name=unit.name if unit else "",
        position=position,
        gender=_gender_of(name),
        ethnicity=ethnicity_of(name),
        birth_year=rng.randint(1966, 1980),
        education=rng.choice((Education.UNIVERSITY, Education.POSTGRADUATE)),
        sector=Sector.PUBLIC,
        party_member=True,
        kind=kind,
        credentials=Delegate.Credentials.ACCEPTED,
    )


def _save_delegates(congress: Congress, delegates: list[Delegate], where: str) -> list[Delegate]:
    for number, delegate in enumerate(delegates, start=1):
        delegate.congress = congress
        delegate.number = number
        try:
            save_delegate(delegate)
        except ValidationError as error:
            raise DemoDataError(f"{where}, delegate {delegate.full_name}: {error}") from error
    remember_all(Delegate, [delegate.pk for delegate in delegates])
    return delegates


def _votes(rng, seats: int, losers: int, valid: int) -> list[int]:
    """Votes for `seats` elected then `losers`, most first: those elected above half the
    valid ballots and above every loser, so there is no tie at the last seat."""
    elected = sorted(
        (rng.randint(round(valid * 0.72), valid - 1) for _ in range(seats)), reverse=True
    )
    ceiling = min(elected[-1] - 1, round(valid * 0.62))
    beaten = sorted((rng.randint(round(valid * 0.3), ceiling) for _ in range(losers)), reverse=True)
    return elected + beaten


def _ballot(congress, body, seats, issued, valid, held_on, people, rng, where) -> list[Candidate]:
    """Record a ballot: `people` (delegate, member or None) in the order of their votes."""
    votes = _votes(rng, seats, len(people) - seats, valid)
    candidates = [
        Candidate(
            full_name=delegate.full_name,
            delegate=delegate,
            member=member,
            position=", ".join(part for part in (delegate.position, delegate.unit_name) if part),
            votes=count,
        )
        for (delegate, member), count in zip(people, votes, strict=True)
    ]
    # The ballot lists the candidates by name, the Vietnamese way (given name last).
    listed = sorted(candidates, key=lambda c: (c.full_name.rsplit(" ", 1)[-1], c.full_name))
    for order, candidate in enumerate(listed, start=1):
        candidate.order = order
    try:
        result = record_ballot(
            congress=congress,
            body=body,
            seats=seats,
            ballots_issued=issued,
            ballots_valid=valid,
            candidates=listed,
            held_on=held_on,
        )
    except ValidationError as error:
        raise DemoDataError(f"{where}, ballot {body}: {' '.join(error.messages)}") from error
    if len(result.elected) != seats or result.tie:
        raise DemoDataError(f"{where}, ballot {body}: the votes drawn do not fill the seats.")
    return list(result.elected)


# ---------------------------------------------------------------------------------------
# Caps and the provincial congresses.


def _seed_caps() -> int:
    kinds = {kind.name: kind for kind in UnitKind.objects.all()}
    created = 0
    for spec in CAPS:
        if spec.kind not in kinds:
            raise DemoDataError(
                f"{WHERE}, cap “{spec.rule}”: no kind “{spec.kind}” in the register."
            )
        found = DelegateCap.objects.filter(
            rule=spec.rule, kind=kinds[spec.kind], valid_from=spec.valid_from
        ).first()
        if found is not None:
            continue
        cap = DelegateCap(
            rule=spec.rule,
            kind=kinds[spec.kind],
            members_from=spec.members_from,
            members_to=spec.members_to,
            max_delegates=spec.max_delegates,
            valid_from=spec.valid_from,
            valid_until=spec.valid_until,
        )
        cap.full_clean()
        cap.save()
        remember(cap)
        created += 1
    return created


def _seed_provincial(spec, top: Unit, units, actors) -> int:
    if Congress.objects.filter(unit=top, ordinal=spec.ordinal).exists():
        return 0
    where = f"{WHERE}, provincial {spec.ordinal}"
    congress = Congress(
        unit=top,
        ordinal=spec.ordinal,
        term_start=spec.term[0],
        term_end=spec.term[1],
        custom_title=spec.title,
        motto=spec.motto,
        venue=spec.venue,
        starts_on=spec.starts_on,
        ends_on=spec.ends_on,
        format=Format.DELEGATES,
        summary=spec.summary,
        results=spec.results,
        recognised_on=spec.recognised_on,
        review=Review.RECOGNISED if spec.held else Review.DRAFT,
        is_public=True,
    )
    if spec.held:
        congress.members_represented = _members_on(
            Unit.objects.subtree(top), spec.starts_on
        ).count()
        congress.official_delegates = spec.delegates - spec.refused
    if spec.cover:
        slug = slugify_vi(f"dai hoi {spec.ordinal} {spec.term[0]}")
        congress.cover = ContentFile(
            draw_picture(
                spec.cover,
                PALETTES["hoat-dong-cong-doan"],
                seed=f"dai-hoi:{slug}",
                label=f"Đại hội lần thứ {congress.ordinal_roman}",
            ),
            name=f"{slug}.jpg",
        )
        congress.cover_alt = f"Hình minh họa: {SCENE_ALT[spec.cover]}"
    try:
        save_congress(congress)
    except ValidationError as error:
        raise DemoDataError(f"{where}: {' '.join(error.messages)}") from error
    remember(congress)
    for spec_session in spec.sessions:
        session = Session(
            congress=congress,
            kind=spec_session.kind,
            day=spec_session.day,
            starts_at=_time(spec_session.at),
            ends_at=_time(spec_session.until) if spec_session.until else None,
            title=spec_session.title,
            presenter=spec_session.presenter,
        )
        session.full_clean()
        session.save()
    for order, spec_document in enumerate(spec.documents, start=1):
        document = Document.objects.filter(number=spec_document.number).first()
        if document is not None:
            CongressDocument.objects.create(
                congress=congress, document=document, role=spec_document.role, order=order
            )
    if spec.held:
        _seed_provincial_elections(congress, spec, top, units, where)
    _seed_targets(congress, spec)
    _seed_subcommittees(congress, spec)
    return 1


def _time(text: str) -> time:
    hour, minute = (int(part) for part in str(text).split(":"))
    return time(hour, minute)


def _seed_provincial_elections(congress: Congress, spec, top: Unit, units, where: str) -> None:
    """The delegates, the ballots and the new committee's first meeting of a held congress."""
    rng = random.Random(f"congress.seed:provincial:{spec.ordinal}")
    kinds = dict(spec.kinds)
    Kind = Delegate.Kind
    pool = list(
        _members_on(Unit.objects.subtree(top), spec.starts_on)
        .select_related("unit")
        .order_by("national_id")
    )
    rng.shuffle(pool)
    office = [m for m in pool if m.unit.parent_id == top.pk and "Liên đoàn" in m.unit.name]
    positions = spec.positions
    office = office[: positions.vice_chairs + positions.standing]
    taken = {member.pk for member in office}

    # The outgoing committee (ex officio): the chair, the chairs of the unions below the
    # federation, the federation's own officers, and chairs of grassroots unions.
    named = [(TOP.chairperson, top, "Chủ tịch Liên đoàn Lao động tỉnh")]
    for upper in SECOND_LEVEL:
        unit = units.get((TOP.name, upper.name))
        if unit is not None and unit.founded_on and unit.founded_on <= spec.starts_on:
            named.append((upper.chairperson, unit, f"Chủ tịch {upper.name}"))
        else:  # the ward unions came later (2025): then on the federation's committee
            named.append((upper.chairperson, top, "Ủy viên Ban Chấp hành LĐLĐ tỉnh"))
    chairs = [m for m in pool if m.position and m.pk not in taken and "Chủ tịch" in m.position]
    ex_officio_members = chairs[: kinds.get(Kind.EX_OFFICIO, 0) - len(named) - len(office)]
    taken |= {member.pk for member in ex_officio_members}
    rest = [m for m in pool if m.pk not in taken]
    elected_members = rest[: kinds.get(Kind.ELECTED, 0)]
    appointed_members = rest[len(elected_members) :][: kinds.get(Kind.APPOINTED, 0)]

    members_of: dict[int, Member | None] = {}
    delegates = []
    for name, unit, position in named:
        delegates.append(_named_delegate(name, unit, position, Kind.EX_OFFICIO, rng))
        members_of[id(delegates[-1])] = None
    for group, kind in (
        (office, Kind.EX_OFFICIO),
        (ex_officio_members, Kind.EX_OFFICIO),
        (elected_members, Kind.ELECTED),
        (appointed_members, Kind.APPOINTED),
    ):
        for member in group:
            delegates.append(_delegate_of(member, kind, rng))
            members_of[id(delegates[-1])] = member
    if len(delegates) != spec.delegates:
        raise DemoDataError(
            f"{where}: the register has too few members for {spec.delegates} delegates."
        )
    refused = (
        [d for d in delegates if d.kind == Kind.ELECTED][-spec.refused :] if spec.refused else []
    )
    for delegate in refused:
        delegate.credentials = Delegate.Credentials.REFUSED
        delegate.credentials_reason = spec.refused_reason
    _save_delegates(congress, delegates, where)

    accepted = [d for d in delegates if d.credentials == Delegate.Credentials.ACCEPTED]
    person = {id(d): (d, members_of[id(d)]) for d in delegates}
    leaders = accepted[: len(named) + len(office)]  # the chair first, then the others named
    chair, office_delegates = leaders[0], leaders[len(named) :]
    others = [d for d in accepted if d not in leaders]
    ballots = {ballot.body: ballot for ballot in spec.ballots}
    Body = Ballot.Body
    elected = {}
    for body, ballot in ballots.items():
        if body == Body.EXECUTIVE:
            # The outgoing committee stands again, with new names: the last ones lose.
            people = leaders + others[: ballot.candidates - len(leaders)]
        elif body == Body.INSPECTION:
            people = others[-ballot.candidates :]
        else:  # delegates to the congress above: the chair, the vice-chairs, and others
            people = [chair, *office_delegates[: positions.vice_chairs]]
            people += others[: ballot.candidates - len(people)]
        elected[body] = _ballot(
            congress,
            body,
            ballot.seats,
            ballot.issued,
            ballot.valid,
            ballot.held_on or spec.ends_on,
            [person[id(d)] for d in people],
            rng,
            where,
        )

    by_name = {candidate.full_name: candidate for candidate in elected[Body.EXECUTIVE]}
    chosen = [Position(candidate=by_name[chair.full_name], role=Position.Role.CHAIR)]
    office_names = [d.full_name for d in office_delegates]
    for index, name in enumerate(office_names):
        role = Position.Role.VICE_CHAIR if index < positions.vice_chairs else Position.Role.STANDING
        chosen.append(Position(candidate=by_name[name], role=role))
    if Body.INSPECTION in elected:
        chosen.append(
            Position(candidate=elected[Body.INSPECTION][0], role=Position.Role.INSPECTION_CHAIR)
        )
    for position in chosen:
        position.full_name = position.candidate.full_name
    try:
        record_first_meeting(congress=congress, positions=chosen)
    except ValidationError as error:
        raise DemoDataError(f"{where}, positions: {' '.join(error.messages)}") from error


def _seed_targets(congress: Congress, spec) -> None:
    for order, target_spec in enumerate(spec.targets, start=1):
        target = Target(
            congress=congress,
            group=target_spec.group,
            text=target_spec.text,
            value=target_spec.value,
            unit_of_measure=target_spec.unit,
            measure=target_spec.measure,
            order=order,
        )
        target.full_clean()
        target.save()
        for year, value, note in target_spec.progress:
            TargetProgress.objects.create(target=target, year=year, value=value, note=note)


def _seed_subcommittees(congress: Congress, spec) -> None:
    for order, sub in enumerate(spec.subcommittees, start=1):
        subcommittee = Subcommittee(
            congress=congress,
            kind=sub.kind,
            name=sub.name,
            head=sub.head,
            members="\n".join(sub.members),
            public_description=sub.description,
            order=order,
        )
        subcommittee.full_clean()
        subcommittee.save()
        for task in sub.tasks:
            row = SubcommitteeTask(
                subcommittee=subcommittee,
                title=task.title,
                deadline=task.deadline,
                done_on=task.done_on,
            )
            row.full_clean()
            row.save()


# ---------------------------------------------------------------------------------------
# The ward unions' first congresses.


def _seed_wards(units, actors, today: date) -> int:
    spec = WARD_CONGRESSES
    created = 0
    for ward in spec.held:
        created += _seed_held_ward(spec, ward, units, actors, today)
    for ward in spec.planned:
        unit = _unit(units, TOP.name, ward.unit)
        if Congress.objects.filter(unit=unit, ordinal=spec.ordinal).exists():
            continue
        day = today + timedelta(days=ward.days)
        congress = Congress(
            unit=unit,
            ordinal=spec.ordinal,
            term_start=spec.term[0],
            term_end=spec.term[1],
            motto=spec.motto,
            venue=ward.venue,
            starts_on=day,
            ends_on=day,
            format=Format.DELEGATES,
            summary=(
                f"Đại hội lần thứ nhất của {unit.name} sau khi sắp xếp đơn vị hành chính, "
                "khi các công đoàn cơ sở trực thuộc đã tổ chức xong đại hội của mình."
            ),
            is_public=True,
        )
        save_congress(congress)
        remember(congress)
        created += 1
    return created


def _seed_held_ward(spec, ward, units, actors, today: date) -> int:
    unit = _unit(units, TOP.name, ward.unit)
    if Congress.objects.filter(unit=unit, ordinal=spec.ordinal).exists():
        return 0
    where = f"{WHERE}, wards, {ward.unit}"
    rng = random.Random(f"congress.seed:ward:{ward.unit}")
    day = today - timedelta(days=ward.days)
    subtree = Unit.objects.subtree(unit)
    represented = _members_on(subtree, day).count()
    chair = unit.chairperson
    congress = Congress(
        unit=unit,
        ordinal=spec.ordinal,
        term_start=spec.term[0],
        term_end=spec.term[1],
        motto=spec.motto,
        venue=ward.venue,
        starts_on=day,
        ends_on=day,
        format=Format.DELEGATES,
        official_delegates=ward.delegates,
        members_represented=represented,
        summary=ward.summary,
        results=(
            f"Đại hội bầu Ban Chấp hành khóa I gồm {spec.executive_seats} ủy viên; đồng chí "
            f"{chair} được bầu giữ chức Chủ tịch {unit.name}, nhiệm kỳ "
            f"{spec.term[0]}–{spec.term[1]}."
        ),
        recognised_on=min(day + timedelta(days=ward.recognised_after), today),
        review=Review.RECOGNISED,
        is_public=True,
    )
    try:
        save_congress(congress)
    except ValidationError as error:
        raise DemoDataError(f"{where}: {' '.join(error.messages)}") from error
    remember(congress)

    kinds = dict(ward.kinds)
    pool = list(_members_on(subtree, day).select_related("unit").order_by("national_id"))
    rng.shuffle(pool)
    appointed = kinds.get(Delegate.Kind.APPOINTED, 0)
    # The provisional committee the federation appointed: the chair and members of it.
    delegates = [
        _named_delegate(
            chair, unit, f"Chủ tịch {unit.name} (lâm thời)", Delegate.Kind.APPOINTED, rng
        )
    ]
    members_of = {id(delegates[0]): None}
    drawn = pool[: ward.delegates - 1]
    if len(drawn) < ward.delegates - 1:
        raise DemoDataError(f"{where}: the register has too few members for the delegates.")
    for index, member in enumerate(drawn):
        kind = Delegate.Kind.APPOINTED if index < appointed - 1 else Delegate.Kind.ELECTED
        delegates.append(_delegate_of(member, kind, rng))
        members_of[id(delegates[-1])] = member
    _save_delegates(congress, delegates, where)

    people = [(d, members_of[id(d)]) for d in delegates[: ward.ballot.candidates]]
    elected = _ballot(
        congress,
        Ballot.Body.EXECUTIVE,
        spec.executive_seats,
        ward.ballot.issued,
        ward.ballot.valid,
        day,
        people,
        rng,
        where,
    )
    by_name = {candidate.full_name: candidate for candidate in elected}
    chosen = [Position(candidate=by_name[chair], full_name=chair, role=Position.Role.CHAIR)]
    for candidate in [c for c in elected if c.full_name != chair][: ward.vice_chairs]:
        chosen.append(
            Position(
                candidate=candidate, full_name=candidate.full_name, role=Position.Role.VICE_CHAIR
            )
        )
    record_first_meeting(congress=congress, positions=chosen)

    if ward.article:
        article = Article.objects.filter(slug=slugify_vi(ward.article)).first()
        if article is not None and article.congress_id != congress.pk:
            article.congress = congress
            news_services.save_article(article=article, user=actors.acting())
    return 1


# ---------------------------------------------------------------------------------------
# The grassroots season.


def _seed_season(top: Unit, units, today: date) -> tuple[Season, int]:
    spec = SEASON
    season = Season.objects.filter(unit=top, term_start=spec.term[0]).first()
    if season is not None:
        return season, 0
    far = max(spec.pilots_held, spec.held_between[0])
    season = Season(
        name=spec.name,
        unit=top,
        term_start=spec.term[0],
        term_end=spec.term[1],
        # Kept open today: started before the first pilot, ends after the last planned one.
        starts_on=min(spec.starts_on, today - timedelta(days=far + 10)),
        deadline=max(spec.deadline, today + timedelta(days=spec.planned_between[1] + 30)),
    )
    season.full_clean()
    season.save()
    season.pilots.set([_unit(units, _parent_of(name), name) for name in spec.pilots])
    remember(season)
    return season, 1


def _parent_of(name: str) -> str:
    return next(branch.parent for branch in BRANCHES if branch.name == name)


class _Season:
    """Each grassroots union's record in the season, through the officer area's services.

    Pilots held theirs first; then, in the order of the register (those below a ward that
    has held its own congress first), a share held theirs, some are planned (the officer
    school among them) and the rest are not scheduled yet. Each upper union has reviewed
    the records it received but the latest; one in `returned_in` was returned.
    """

    def __init__(self, season: Season, units, actors, today: date):
        self.season, self.units, self.actors, self.today = season, units, actors, today
        self.rng = random.Random("congress.seed:season")
        self.now = timezone.now()

    def seed(self) -> int:
        spec, today = SEASON, self.today
        branches = [b for b in BRANCHES if not b.dissolved_on]
        held_wards = {ward.unit: ward for ward in WARD_CONGRESSES.held}
        others = [b for b in branches if b.name not in spec.pilots and b.name != OFFICER_SCHOOL]
        others.sort(key=lambda b: b.parent not in held_wards)  # stable: register order else
        held_count = round(spec.held_share * len(others))
        planned_count = round(spec.planned_share * len(others))
        held, planned = others[:held_count], others[held_count : held_count + planned_count]
        if any(b.parent in held_wards for b in others[held_count:]):
            raise DemoDataError(
                f"{WHERE}, season: held_share leaves unions below a ward that held its "
                "congress without theirs."
            )

        # Days: the pilots first, then the others spread over held_between.
        days = {}
        for index, name in enumerate(spec.pilots):
            days[name] = today - timedelta(days=spec.pilots_held - 2 * index)
        first = [b for b in held if b.parent in held_wards]
        rest = [b for b in held if b.parent not in held_wards]
        self.rng.shuffle(rest)
        sequence = first + rest
        far, near = spec.held_between
        for index, branch in enumerate(sequence):
            step = (far - near) * index / max(1, len(sequence) - 1)
            days[branch.name] = today - timedelta(days=round(far - step))
        for branch in first:
            ward_day = today - timedelta(days=held_wards[branch.parent].days)
            if days[branch.name] >= ward_day:
                raise DemoDataError(
                    f"{WHERE}, season: {branch.name} would hold its congress after its ward's."
                )

        # Reviews: a few days after each congress; the latest of each upper union waits.
        outcome, reviewed = {}, {}
        pilots = [b for b in branches if b.name in spec.pilots]
        for branch in pilots + held:
            low, high = spec.reviewed_within
            day = days[branch.name] + timedelta(days=self.rng.randint(low, high))
            ward = held_wards.get(branch.parent)
            if ward is not None:
                day = min(day, today - timedelta(days=ward.days + 1))
            reviewed[branch.name] = max(day, days[branch.name])
            outcome[branch.name] = Review.RECOGNISED if day < today else Review.SUBMITTED
        by_parent = {}
        for branch in held:
            by_parent.setdefault(branch.parent, []).append(branch)
        for parent, group in by_parent.items():
            if parent in held_wards:
                continue
            group.sort(key=lambda b: days[b.name])
            outcome[group[-1].name] = Review.SUBMITTED
            if parent == spec.returned_in and len(group) > 1:
                outcome[group[-2].name] = Review.RETURNED

        created = 0
        for branch in pilots + held:
            created += self._held(
                branch, days[branch.name], outcome[branch.name], reviewed[branch.name]
            )
        low, high = spec.planned_between
        school = next(b for b in branches if b.name == OFFICER_SCHOOL)
        created += self._planned(school, today + timedelta(days=low))
        for index, branch in enumerate(planned):
            step = (high - low) * index / max(1, len(planned) - 1)
            created += self._planned(branch, today + timedelta(days=round(low + step)))
        return created

    # -- one union's record

    def _unit(self, branch) -> Unit:
        return _unit(self.units, branch.parent, branch.name)

    def _record(self, unit: Unit, branch, day: date) -> Congress:
        congress = new_record(self.season, unit)
        # The union's own numbering: one congress a term since it was founded.
        founded = unit.founded_on.year if unit.founded_on else self.season.term_start
        congress.ordinal = max(1, (self.season.term_start - founded) // TERM_YEARS + 1)
        congress.starts_on = congress.ends_on = day
        congress.motto = WARD_CONGRESSES.motto
        congress.venue = (
            f"Nhà văn hóa {unit.commune}"
            if unit.kind.name == "Nghiệp đoàn"
            else f"Hội trường {unit.employer or unit.name.removeprefix('Công đoàn ')}"
        )
        return congress

    def _exists(self, unit: Unit) -> bool:
        return Congress.objects.filter(season=self.season, unit=unit).exists()

    def _planned(self, branch, day: date) -> int:
        unit = self._unit(branch)
        if self._exists(unit):
            return 0
        congress = self._record(unit, branch, day)
        officer = self.actors.officer_of(unit)
        if officer is not None:
            save_record(congress=congress, user=officer)
        else:
            congress.review, congress.is_public = Review.DRAFT, False
            save_congress(congress)
        remember(congress)
        return 1

    def _held(self, branch, day: date, outcome: str, reviewed_on: date) -> int:
        unit = self._unit(branch)
        if self._exists(unit):
            return 0
        rng = self.rng
        congress = self._record(unit, branch, day)
        members = _members_on([unit], day).count()
        congress.members_represented = members or None
        congress.official_delegates = max(1, members - rng.randint(0, max(1, members // 8)))
        seats = 3 if members < 20 else 5 if members < 40 else 7
        chair = unit.chairperson
        congress.results = (
            f"Đại hội bầu Ban Chấp hành gồm {seats} ủy viên; đồng chí {chair} được bầu giữ "
            f"chức Chủ tịch công đoàn, nhiệm kỳ {self.season.term}."
        )
        rows = [PositionRow(role=Position.Role.CHAIR, full_name=chair)]
        vice = (
            Member.objects.active()
            .filter(unit=unit, position=VICE_CHAIR)
            .exclude(full_name=chair)
            .order_by("national_id")
            .first()
        )
        if vice is not None:
            rows.append(PositionRow(role=Position.Role.VICE_CHAIR, full_name=vice.full_name))
        uploads = {
            paper: SimpleUploadedFile(name, _paper_pdf(paper, congress, chair), "application/pdf")
            for paper, name in (
                (CongressFile.Paper.MINUTES, "bien-ban-dai-hoi.pdf"),
                (CongressFile.Paper.RESOLUTION, "nghi-quyet-dai-hoi.pdf"),
            )
        }
        officer = self.actors.officer_of(unit)
        reviewer = self.actors.reviewer_of(unit, branch.parent)
        if officer is not None and reviewer is not None:
            congress = submit_record(
                congress=congress, user=officer, positions=rows, uploads=uploads
            )
            if outcome == Review.RECOGNISED:
                recognise_record(congress=congress, user=reviewer, recognised_on=reviewed_on)
            elif outcome == Review.RETURNED:
                return_record(congress=congress, user=reviewer, reason=SEASON.return_reason)
        else:
            self._write_directly(congress, rows, uploads, outcome, reviewed_on)
        submitted = self._at(day + timedelta(days=1), self.rng.randint(8, 16))
        reviewed_at = None
        if outcome != Review.SUBMITTED:
            reviewed_at = self._at(max(reviewed_on, day + timedelta(days=1)), rng.randint(8, 16))
            if outcome == Review.RETURNED:  # returned the day after it arrived
                reviewed_at = self._at(day + timedelta(days=2), 10)
        Congress.objects.filter(pk=congress.pk).update(
            submitted_at=min(submitted, self.now),
            reviewed_at=reviewed_at and min(reviewed_at, self.now),
        )
        remember(congress)
        return 1

    def _write_directly(self, congress, rows, uploads, outcome, reviewed_on) -> None:
        """Without logins: the same record, with no one's name on it."""
        congress.review = Review.SUBMITTED if outcome == Review.RECOGNISED else outcome
        congress.is_public = False
        if outcome == Review.RETURNED:
            congress.return_reason = SEASON.return_reason
        save_congress(congress)
        Position.objects.bulk_create(
            Position(congress=congress, role=row.role, full_name=row.full_name, order=order)
            for order, row in enumerate(rows, start=1)
        )
        for paper, upload in uploads.items():
            store_upload(CongressFile(congress=congress, paper=paper), upload)
        if outcome == Review.RECOGNISED:
            congress.review, congress.recognised_on = Review.RECOGNISED, reviewed_on
            congress.save(update_fields=["review", "recognised_on", "updated_at"])
            install_leaders(congress)

    def _at(self, day: date, hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour, self.rng.randrange(60))))


def _paper_pdf(paper: str, congress: Congress, chair: str) -> bytes:
    """A one-page scan of the minutes or the resolution (a few kilobytes)."""
    unit = congress.unit
    minutes = paper == CongressFile.Paper.MINUTES
    day = congress.starts_on
    page = Page(
        header=(unit.parent.name.upper() if unit.parent_id else "", unit.name.upper()),
        right=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc"),
        number="01/BB-ĐH" if minutes else "01/NQ-ĐH",
        dated=f"{PROVINCE}, ngày {day.day} tháng {day.month} năm {day.year}",
        heading="BIÊN BẢN ĐẠI HỘI" if minutes else "NGHỊ QUYẾT ĐẠI HỘI",
        summary=f"{unit.name} lần thứ {congress.ordinal_roman}, nhiệm kỳ {congress.term}",
        body=(
            f"Đại hội họp ngày {format_date(day)} tại {congress.venue}, có "
            f"{congress.official_delegates} đại biểu chính thức đại diện cho "
            f"{congress.members_represented} đoàn viên.",
            congress.results,
        ),
        capacity=("TM. ĐOÀN CHỦ TỊCH" if minutes else "TM. ĐẠI HỘI", "CHỦ TỊCH"),
        signer=chair,
    )
    return pdf_bytes(page)


def _summary(stdout, top: Unit, season: Season, new: Counter) -> None:
    congresses = Congress.objects.in_subtree(top)
    records = Counter(Congress.objects.filter(season=season).values_list("review", flat=True))
    stdout.write(
        f"Congresses: {congresses.count()} ({new['congresses'] + new['records']} new), "
        f"{Delegate.objects.filter(congress__in=congresses).count()} delegates, "
        f"{Ballot.objects.filter(congress__in=congresses).count()} ballots; "
        f"{season.name}: {season_units(season).count()} grassroots unions, "
        f"{records.get(Review.RECOGNISED, 0)} recognised, "
        f"{records.get(Review.SUBMITTED, 0)} submitted, "
        f"{records.get(Review.RETURNED, 0)} returned, "
        f"{records.get(Review.DRAFT, 0)} planned."
    )
