"""Demo welfare of the Điện Biên federation: this year's Tết Sum vầy part-way through
review, last year's settled, the last Tháng Công nhân, the Mái ấm Công đoàn houses at each
step, the scholarships of this school year, 40 employment-fund loans and 8 partners.

The content is data in welfare/demo/ (programmes.yaml, loans.yaml, partners.yaml), read
and checked by welfare/demo/__init__.py; this loader puts it in through the services, so
every rule is checked as it would be for an officer: save_programme and save_quotas for
the programmes and the quotas handed down, propose_grant, approve_grant, return_grant,
reject_grant and hand_over (with a signed receipt list) for the grants, record_house_steps
and add_house_photo for the houses, as the union's officer records them (the photos,
drawn by news/demo/pictures.py, get their renditions), create_loan, record_repayment
and write_off_loan for the loans, save_partner for the partners (logos drawn the same way).

Who acts, with demo logins: each grassroots union's own officer proposes and records its
handovers (canbo.coso for the officer school, its chair's account for the others: those
accounts come from the register's step); the unit above reviews (canbo.phuong for the
unions of its ward union, which it also passes quotas down to; the demo administrator for
the others, and for everything the federation does). Without demo logins (--no-logins)
the same services run as a superuser that exists for the load only: it is deleted at the
end of the step, with every mention of it, so the rows keep no one's name and no account
is left. The services tell officers of every proposal and review; loading the demo sends
none of that mail (federation.mail.without_mail).

The figures agree with the demo news (news/demo/stories.yaml):
- This year's Tết: the story says the unions *plan* more than 5.200 gifts worth about
  2,87 tỷ đồng. The programme's budget is 2,87 tỷ and the quotas handed down add up to
  5.260 suất; those are the plan. Grants name members of the register, which holds about
  1.500 members (a member once per programme), so the register could not hold 5.200
  beneficiaries, and the programme is 12 days in: only the first proposals of some unions
  are recorded (about 80, 58 approved). Every total the public pages show is computed
  from those records and says it is what is approved, beside the planned budget.
- Volumes are also kept small for the time a load takes: every grant goes through
  propose_grant and approve_grant (some 60 ms each), so the settled programmes hold a few
  per cent of each union's members (about 50 and 35 gifts).
- Last year's Tết: the news gives no figures for it; its budget and quotas are those of
  the lists the unions sent (a share of each union's members), settled, all handed over.
- The Tháng Công nhân: the story's 3.412 members and 1,36 tỷ count every union's own
  gifts; the programme holds the gifts the federation approved, and says so.
- Mái ấm Công đoàn: 11 houses handed over before the story of 63 days ago (9 built, 2
  repaired, 510 triệu, by commune as its table), the twelfth 6 days ago; then houses at
  every earlier step.
- Scholarships: the 40 of the story, 2 triệu each, handed over at its ceremony.
- Loans: 14 of the 40 are the story's round of 100 days ago (1 tỷ, 34 jobs); no arrears
  began before that story, which says there were none.
- Partners: 8 businesses with 25 outlets, as the story says; one offer has expired since.
So that these agree, the housing, loans, scholarships and partners stories were brought
in line with the records (their earlier figures could not be: 46 loans of the 40, 2
repaired houses at the 50 triệu of a new one, 120 scholarships for a load of seconds).

Rows are looked up by natural keys (a kind's or programme's address, a partner's address,
the terms' first day): a programme found is left as it is, so a second run adds nothing.
Dates count from today, as the news does; the timestamps the services write (now) are
moved back to the days the data gives, after each service has checked the rules.
"""

import random
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone

from documents.demo.files import Page, pdf_bytes
from documents.models import Document
from federation.demo import DemoDataError, is_demo, remember, remember_all
from federation.mail import without_mail
from federation.models import DemoRecord
from federation.text import format_date, slugify_vi
from members.demo import FAMILY, PROVINCE, TOP
from members.demo.people import _person_name
from members.models import Gender, Member, MemberStatus, Officer, Unit
from news.demo.pictures import PALETTES, draw_picture
from news.models import Article
from welfare import services
from welfare.demo import (
    GRASSROOTS,
    HOUSING,
    KINDS,
    LOAN_LIST,
    LOAN_PROGRAMME,
    PARTNERS,
    SCHOLARSHIPS,
    TERMS,
    TET,
    TET_LAST_YEAR,
    WORKERS_MONTH,
)
from welfare.models import (
    FundingSource,
    Grant,
    GrantFile,
    GrantStatus,
    HousingAid,
    HousingPhoto,
    Loan,
    LoanStatus,
    LoanTerms,
    Partner,
    Programme,
    ProgrammeKind,
    ProgrammeStatus,
    Receipt,
    Relation,
    Scholarship,
    StandardAmount,
)

ADMINISTRATOR, GRASSROOTS_LOGIN = "quantri", "canbo.coso"
LOADER = "nap-du-lieu-mau"
PHOTO_SIZE = (840, 560)
LOGO_SIZE = (384, 384)
# Thiên can and địa chi of a year: 2027 is Đinh Mùi.
STEMS = ("Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ")
BRANCHES = ("Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi")
NOT_KINH = {name for origin, names in FAMILY.items() if origin != "kinh" for name, _w in names}
# The drawings of a house before and after the work (news/demo/pictures.py).
PHOTO_SCENES = {
    "before": ("old-house", "chinh-sach-phap-luat"),
    "after": ("house", "cham-lo-doan-vien"),
}


def _minority(member: Member) -> bool:
    """A Thái or Mông family name (members/demo/names.csv)."""
    return member.full_name.split(" ", 1)[0] in NOT_KINH


def lunar_name(year: int) -> str:
    return f"{STEMS[year % 10]} {BRANCHES[year % 12]}"


def seed_welfare(stdout, *, logins: bool = True, **options) -> None:
    top = Unit.objects.filter(parent=None, name=TOP.name).first()
    if top is None or not is_demo(top):
        stdout.write("Skipped the demo welfare: the demo union register is not loaded.")
        return
    actors = _Actors(logins)
    loader = _Loader(top, actors, timezone.localdate())
    with without_mail():
        loader.kinds()
        loader.tet_last_year()
        loader.tet()
        loader.workers_month()
        loader.housing()
        loader.scholarships()
        loader.loans()
        loader.partners()
    actors.release()
    _summary(stdout, loader.new)


# ---------------------------------------------------------------------------------------
# Who acts.


class _Actors:
    """The demo logins the services see acting, or a superuser for the load only."""

    def __init__(self, logins: bool):
        self.loader = None
        User = get_user_model()
        demo_users = set()
        if logins:
            demo_users = set(
                DemoRecord.objects.filter(
                    content_type=ContentType.objects.get_for_model(User)
                ).values_list("object_id", flat=True)
            )
        self.staff = None
        self.officers: dict[int, object] = {}  # unit id → its officer's account
        if logins:
            user = User.objects.filter(username=ADMINISTRATOR).first()
            if user is not None and str(user.pk) in demo_users:
                self.staff = user
            officers = Officer.objects.filter(user__is_active=True).select_related("user")
            for officer in officers.order_by("pk"):
                if str(officer.user_id) not in demo_users:
                    continue
                current = self.officers.get(officer.unit_id)
                if current is None or officer.user.username == GRASSROOTS_LOGIN:
                    self.officers[officer.unit_id] = officer.user
        if self.staff is None:
            self.staff = self._load_only()

    def _load_only(self):
        """A superuser that makes the changes and is deleted at the end of the step."""
        User = get_user_model()
        if User.objects.filter(username=LOADER).exists():
            raise DemoDataError(f"An account is named {LOADER}; the demo loader needs the name.")
        self.loader = User.objects.create(
            username=LOADER, is_superuser=True, is_active=True, password=make_password(None)
        )
        return self.loader

    def officer_of(self, unit: Unit):
        """Who writes for a union: its own officer, or the federation's staff."""
        return self.officers.get(unit.pk) or self.staff

    def above(self, unit: Unit):
        """Who reviews a union's proposals and hands it a quota: the unit above."""
        return self.officers.get(unit.parent_id) or self.staff

    def release(self) -> None:
        """Delete the load's own superuser, and first every mention of it (history too)."""
        if self.loader is None:
            return
        User = type(self.loader)
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                mentions = isinstance(field, models.ForeignKey) and field.related_model is User
                if mentions and field.null:
                    model._base_manager.filter(**{field.attname: self.loader.pk}).update(
                        **{field.attname: None}
                    )
        self.loader.delete()
        self.loader = None


# ---------------------------------------------------------------------------------------
# The loader.


def _refusal(where: str, error: Exception) -> DemoDataError:
    messages = getattr(error, "messages", None) or [str(error)]
    return DemoDataError(f"{where}: {' '.join(messages)}")


class _Loader:
    def __init__(self, top: Unit, actors: _Actors, today: date):
        self.top, self.actors, self.today = top, actors, today
        self.now = timezone.now()
        self.new = Counter()
        self.kinds_by_slug: dict[str, ProgrammeKind] = {}
        self.units = {
            (unit.parent.name if unit.parent_id else None, unit.name): unit
            for unit in Unit.objects.subtree(top).select_related("parent")
        }
        self._members: dict[int, list[Member]] = {}

    # The register ----------------------------------------------------------------------

    def unit(self, name: str, where: str) -> Unit:
        parent = GRASSROOTS[name].parent if name in GRASSROOTS else TOP.name
        unit = self.units.get((parent, name))
        if unit is None:
            raise DemoDataError(f"{where}: the register has no unit “{name}” under “{parent}”.")
        return unit

    def members(self, unit: Unit) -> list[Member]:
        if unit.pk not in self._members:
            self._members[unit.pk] = list(
                Member.objects.in_subtree(unit)
                .filter(status=MemberStatus.ACTIVE)
                .only("pk", "full_name", "gender", "date_of_birth", "admitted_on", "unit_id")
                .order_by("pk")
            )
        return self._members[unit.pk]

    def draw(self, unit, rng, used: set, where: str, *, count=1, on=None, prefer=None):
        """`count` active members of the union not drawn before (admitted by `on`)."""
        pool = [
            m
            for m in self.members(unit)
            if m.pk not in used and (on is None or m.admitted_on <= on)
        ]
        if prefer is not None:
            preferred = [m for m in pool if prefer(m)]
            if len(preferred) >= count:
                pool = preferred
        if len(pool) < count:
            raise DemoDataError(f"{where}: {unit.name} has {len(pool)} members to draw from.")
        chosen = rng.sample(pool, count)
        used.update(member.pk for member in chosen)
        return chosen

    def at(self, day: date, rng: random.Random) -> datetime:
        """A moment of office hours on `day`, never after now."""
        moment = timezone.make_aware(
            datetime.combine(day, time(rng.randint(7, 16), rng.randrange(60)))
        )
        return min(moment, self.now - timedelta(minutes=rng.randint(5, 90)))

    # Programmes ------------------------------------------------------------------------

    def kinds(self) -> None:
        for order, spec in enumerate(KINDS, start=1):
            kind = ProgrammeKind.objects.filter(slug=spec.slug).first()
            if kind is None:
                kind = ProgrammeKind(
                    slug=spec.slug,
                    name=spec.name,
                    behaviour=spec.behaviour,
                    order=order * 10,
                    description=spec.description,
                )
                kind.full_clean()
                kind.save()
                remember(kind)
            self.kinds_by_slug[spec.slug] = kind

    def programme(self, spec, *, name, year, starts_on, ends_on, where, **fields):
        """The programme named `name`, made with its budget and standard amounts; None
        when it is already there (a second run)."""
        slug = slugify_vi(name)
        if Programme.objects.filter(slug=slug).exists():
            return None
        standards = fields.pop("standards", getattr(spec, "standards", ()))
        programme = Programme(
            name=name,
            slug=slug,
            kind=self.kinds_by_slug[fields.pop("kind", getattr(spec, "kind", ""))],
            unit=self.top,
            year=year,
            starts_on=starts_on,
            ends_on=ends_on,
            status=ProgrammeStatus.OPEN,
            description=fields.pop("description", spec.description),
            eligibility=spec.eligibility,
            **fields,
        )
        try:
            services.save_programme(programme=programme, user=self.actors.staff)
        except (ValidationError, PermissionDenied) as error:
            raise _refusal(where, error) from error
        remember(programme)
        self.new["programmes"] += 1
        for source in getattr(spec, "funding", ()):
            row = FundingSource(
                programme=programme,
                kind=source.kind,
                sponsor=source.sponsor,
                pledged=source.pledged,
                given=source.given,
                note=source.note,
            )
            row.full_clean()
            row.save()
        for order, standard in enumerate(standards, start=1):
            row = StandardAmount(
                programme=programme, label=standard.label, amount=standard.amount, order=order
            )
            row.full_clean()
            row.save()
        articles = [slugify_vi(title) for title in getattr(spec, "articles", ())]
        programme.articles.set(Article.objects.filter(slug__in=articles))
        programme.documents.set(Document.objects.filter(number__in=getattr(spec, "documents", ())))
        return programme

    def quotas(self, programme, specs, where: str) -> None:
        """Quotas handed down by the federation, then passed down by the unions."""
        by_parent = defaultdict(list)
        for spec in specs:
            unit = self.unit(spec.unit, where)
            by_parent[unit.parent_id].append(services.QuotaRow(unit, spec.places, spec.amount))
        for _parent, rows in sorted(by_parent.items(), key=lambda item: item[0] != self.top.pk):
            try:
                services.save_quotas(
                    programme=programme, changed=rows, user=self.actors.above(rows[0].unit)
                )
            except (ValidationError, PermissionDenied) as error:
                raise _refusal(f"{where}, quotas", error) from error

    def settle(self, programme: Programme, status=ProgrammeStatus.SETTLED) -> None:
        programme.status = status
        services.save_programme(programme=programme, user=self.actors.staff)

    # Grants ----------------------------------------------------------------------------

    def propose(self, where: str, grant: Grant, user, **details) -> Grant:
        try:
            return services.propose_grant(grant=grant, user=user, **details)
        except (ValidationError, PermissionDenied) as error:
            raise _refusal(f"{where}, {grant.beneficiary_name}", error) from error

    def review(self, where: str, action, grant: Grant, user, **reason) -> Grant:
        try:
            return action(grant=grant, user=user, **reason)
        except (ValidationError, PermissionDenied) as error:
            raise _refusal(f"{where}, {grant.beneficiary_name}", error) from error

    def hand_over(self, where: str, programme, unit, grants, day: date, user=None) -> None:
        """The handover of a union's grants on `day`, with the signed list (one scan)."""
        upload = SimpleUploadedFile(
            f"Danh sách ký nhận – {unit.name}.pdf",
            _form_pdf(programme, "DANH SÁCH KÝ NHẬN", "Danh sách đoàn viên ký nhận"),
            content_type="application/pdf",
        )
        try:
            receipt = services.hand_over(
                grants=grants,
                on=self.today,
                upload=upload,
                user=user or self.actors.officer_of(unit),
            )
        except (ValidationError, PermissionDenied) as error:
            raise _refusal(f"{where}, handover of {unit.name}", error) from error
        Receipt.objects.filter(pk=receipt.pk).update(handed_over_on=day)
        Grant.objects.filter(receipt=receipt).update(handed_over_on=day)
        self.new["receipts"] += 1

    def backdate(self, grant: Grant, proposed: datetime, reviewed: datetime | None = None):
        """The days the data gives, instead of the moment the service ran."""
        values = {"proposed_at": proposed}
        if reviewed is not None:
            values["reviewed_at"] = reviewed
        Grant.objects.filter(pk=grant.pk).update(**values)

    def remember_grants(self, programme: Programme) -> None:
        pks = list(programme.grants.values_list("pk", flat=True))
        remember_all(Grant, pks)
        self.new["grants"] += len(pks)

    def _gift(self, programme, unit, member, standard, circumstances, in_kind=0, what=""):
        return Grant(
            programme=programme,
            unit=unit,
            member=member,
            standard=standard,
            cash_amount=standard.amount,
            in_kind_value=in_kind,
            in_kind=what if in_kind else "",
            circumstances=circumstances,
        )

    def _gifts_by_share(self, programme, spec, where, *, first_day, last_day, weights):
        """Every union proposes `spec.share` of its members; all approved and handed over.

        Proposals between `first_day` and `last_day`, reviewed 1 to 4 days later; each
        union hands its gifts over 2 to 8 days after its last approval (by `last_day` + 10).
        """
        standards = list(programme.standard_amounts.all())
        # Texts by standard amount (the Tháng Công nhân), or Tết's for every amount.
        texts = getattr(spec, "circumstances", None) or {
            s.label: TET.circumstances for s in standards
        }
        span = (last_day - first_day).days
        for name in GRASSROOTS:
            unit = self.unit(name, where)
            rng = random.Random(f"welfare.seed:{programme.slug}:{name}")
            proposed_on = first_day + timedelta(days=rng.randint(0, span))
            pool = [m for m in self.members(unit) if m.admitted_on <= proposed_on]
            count = round(len(pool) * spec.share)
            if not count:
                continue
            members = self.draw(unit, rng, set(), where, count=count, on=proposed_on)
            proposer, reviewer = self.actors.officer_of(unit), self.actors.above(unit)
            approved, last = [], proposed_on
            for member in members:
                standard = rng.choices(standards, weights)[0]
                text = rng.choice(texts[standard.label])
                grant = self.propose(
                    where, self._gift(programme, unit, member, standard, text), proposer
                )
                self.review(where, services.approve_grant, grant, reviewer)
                day = proposed_on + timedelta(days=rng.randint(0, 2))
                reviewed_on = day + timedelta(days=rng.randint(1, 4))
                self.backdate(grant, self.at(day, rng), self.at(reviewed_on, rng))
                approved.append(grant)
                last = max(last, reviewed_on)
            handed = min(last + timedelta(days=rng.randint(2, 8)), last_day + timedelta(days=10))
            self.hand_over(where, programme, unit, approved, handed, proposer)

    # Tết -------------------------------------------------------------------------------

    def _tet_dates(self, starts_on: date) -> tuple[int, int]:
        """The programme's year (when it starts) and the year of the Tết it prepares."""
        return starts_on.year, starts_on.year + (1 if starts_on.month >= 3 else 0)

    def tet_last_year(self) -> None:
        spec, where = TET_LAST_YEAR, "welfare/demo/programmes.yaml, tet_last_year"
        starts_on = self.today - timedelta(days=TET.starts + 365)
        year, tet_year = self._tet_dates(starts_on)
        programme = self.programme(
            spec,
            name=spec.name.format(lunar=lunar_name(tet_year), tet_year=tet_year),
            description=spec.description.format(lunar=lunar_name(tet_year), tet_year=tet_year),
            year=year,
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=TET.lasts),
            kind=TET.kind,
            standards=TET.standards,
            where=where,
        )
        if programme is None:
            return
        self.quotas(programme, spec.quotas, where)
        self._gifts_by_share(
            programme,
            spec,
            where,
            first_day=starts_on + timedelta(days=3),
            last_day=starts_on + timedelta(days=30),
            weights=spec.standard_weights,
        )
        self.settle(programme)
        self.remember_grants(programme)

    def tet(self) -> None:
        spec, where = TET, "welfare/demo/programmes.yaml, tet"
        starts_on = self.today - timedelta(days=spec.starts)
        year, tet_year = self._tet_dates(starts_on)
        names = {"lunar": lunar_name(tet_year), "tet_year": tet_year}
        programme = self.programme(
            spec,
            name=spec.name.format(**names),
            description=spec.description.format(**names),
            year=year,
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=spec.lasts),
            where=where,
        )
        if programme is None:
            return
        self.quotas(programme, (*spec.quotas, *spec.passed_down), where)
        standards = {standard.label: standard for standard in programme.standard_amounts.all()}
        application = _form_pdf(programme, "ĐƠN ĐỀ NGHỊ HỖ TRỢ", "Hoàn cảnh của đoàn viên")
        handed_on = self.today - timedelta(days=spec.handed_over_days)
        for entry in spec.proposals:
            unit = self.unit(entry.unit, where)
            rng = random.Random(f"welfare.seed:{programme.slug}:{entry.unit}")
            steps = (
                ["handed_over"] * entry.handed_over
                + ["approved"] * entry.approved
                + ["returned"] * entry.returned
                + ["rejected"] * entry.rejected
                + ["proposed"] * entry.proposed
            )
            members = self.draw(unit, rng, set(), where, count=len(steps))
            proposer, reviewer = self.actors.officer_of(unit), self.actors.above(unit)
            handed = []
            for step, member in zip(steps, members, strict=True):
                standard = (
                    standards.get(entry.standard)
                    or rng.choices(list(standards.values()), spec.standard_weights)[0]
                )
                grant = self._gift(
                    programme,
                    unit,
                    member,
                    standard,
                    rng.choice(spec.circumstances),
                    entry.in_kind,
                    spec.in_kind_what,
                )
                # The proposals still waiting carry the application, as the form asks.
                files = ()
                if step == "proposed":
                    files = [
                        (
                            GrantFile.Kind.APPLICATION,
                            SimpleUploadedFile(
                                f"Đơn đề nghị – {member.full_name}.pdf",
                                application,
                                content_type="application/pdf",
                            ),
                        )
                    ]
                grant = self.propose(where, grant, proposer, files=files)
                if step == "proposed":
                    day = self.today - timedelta(days=rng.randint(0, 6))
                    self.backdate(grant, self.at(day, rng))
                    continue
                latest = handed_on - timedelta(days=2) if step == "handed_over" else self.today
                day = starts_on + timedelta(days=rng.randint(1, (latest - starts_on).days - 2))
                reviewed = min(day + timedelta(days=rng.randint(1, 2)), latest)
                if step in ("approved", "handed_over"):
                    self.review(where, services.approve_grant, grant, reviewer)
                elif step == "returned":
                    self.review(
                        where, services.return_grant, grant, reviewer, reason=spec.return_reason
                    )
                else:
                    self.review(
                        where, services.reject_grant, grant, reviewer, reason=spec.reject_reason
                    )
                self.backdate(grant, self.at(day, rng), self.at(reviewed, rng))
                if step == "handed_over":
                    handed.append(grant)
            if handed:
                self.hand_over(where, programme, unit, handed, handed_on, proposer)
        self.remember_grants(programme)

    # Tháng Công nhân -------------------------------------------------------------------

    def workers_month(self) -> None:
        spec, where = WORKERS_MONTH, "welfare/demo/programmes.yaml, workers_month"
        year = self.today.year if self.today >= date(self.today.year, 6, 1) else self.today.year - 1
        programme = self.programme(
            spec,
            name=spec.name.format(year=year),
            description=spec.description.format(year=year),
            year=year,
            starts_on=date(year, 4, 20),
            ends_on=date(year, 5, 31),
            where=where,
        )
        if programme is None:
            return
        self._gifts_by_share(
            programme,
            spec,
            where,
            first_day=date(year, 4, 22),
            last_day=date(year, 5, 12),
            weights=spec.standard_weights,
        )
        self.settle(programme)
        self.remember_grants(programme)

    # Mái ấm Công đoàn ------------------------------------------------------------------

    def housing(self) -> None:
        spec, where = HOUSING, "welfare/demo/programmes.yaml, housing"
        year = self.today.year
        programme = self.programme(
            spec,
            name=spec.name.format(year=year),
            year=year,
            starts_on=date(year, 1, 1),
            ends_on=date(year, 12, 31),
            housing_repeat_years=spec.repeat_years,
            where=where,
        )
        if programme is None:
            return
        build, repair = list(programme.standard_amounts.all())
        for house in spec.houses:
            at = f"{where}, house {house.address}"
            unit = self.unit(house.unit, at)
            rng = random.Random(f"welfare.seed:{programme.slug}:{house.address}")
            days = [self.today - timedelta(days=d) for d in house.days]
            prefer = _minority if house.minority else None
            (member,) = self.draw(unit, rng, set(), at, on=days[0], prefer=prefer)
            self.new["houses"] += 1
            proposer, reviewer = self.actors.officer_of(unit), self.actors.above(unit)
            standard = build if house.work == HousingAid.Work.BUILD else repair
            own = house.own if house.own is not None else rng.randrange(15, 61, 5) * 1_000_000
            details = HousingAid(
                work=house.work,
                address=house.address,
                own_contribution=own,
                other_support=house.other,
                other_support_from=house.other_from,
            )
            grant = Grant(
                programme=programme,
                unit=unit,
                member=member,
                standard=standard,
                cash_amount=standard.amount,
                circumstances=spec.circumstances[house.work],
            )
            grant = self.propose(at, grant, proposer, housing=details)
            if len(days) == 1:
                self.backdate(grant, self.at(days[0], rng))
                continue
            self.review(at, services.approve_grant, grant, reviewer)
            self.backdate(grant, self.at(days[0], rng), self.at(days[1], rng))
            if len(days) >= 4:  # the money is handed over when the work starts
                self.hand_over(at, programme, unit, [grant], days[3], proposer)
            if len(days) >= 3:  # the steps, as the union's officer records them
                housing = HousingAid.objects.get(grant=grant)
                try:
                    housing = services.record_house_steps(
                        housing=housing,
                        user=proposer,
                        surveyed_on=days[2],
                        work_started_on=days[3] if len(days) >= 4 else None,
                        handed_over_on=days[4] if house.handed_over else None,
                        total_cost=(house.total_cost or standard.amount + own + house.other)
                        if house.handed_over
                        else None,
                    )
                except (ValidationError, PermissionDenied) as error:
                    raise _refusal(at, error) from error
                for stage in house.photos:
                    self.photo(at, housing, stage, proposer)
        self.remember_grants(programme)

    def photo(self, where, housing: HousingAid, stage: str, user) -> None:
        scene, palette = PHOTO_SCENES[stage]
        picture = draw_picture(
            scene,
            PALETTES[palette],
            seed=f"mai-am:{housing.address}:{stage}",
            size=PHOTO_SIZE,
        )
        try:
            services.add_house_photo(
                housing=housing,
                user=user,
                stage=stage,
                image=ContentFile(picture, name=f"nha-{stage}.jpg"),
                alt=HOUSING.photo_alt[stage],
                caption=HOUSING.photo_caption[stage],
            )
        except (ValidationError, PermissionDenied) as error:
            raise _refusal(where, error) from error
        self.new["photos"] += 1

    # Scholarships ----------------------------------------------------------------------

    def scholarships(self) -> None:
        spec, where = SCHOLARSHIPS, "welfare/demo/programmes.yaml, scholarships"
        ceremony = self.today - timedelta(days=spec.ceremony)
        school_year = ceremony.year if ceremony.month >= 8 else ceremony.year - 1
        programme = self.programme(
            spec,
            name=spec.name.format(school_year=f"{school_year}–{school_year + 1}"),
            year=school_year,
            starts_on=ceremony - timedelta(days=40),
            ends_on=max(date(school_year + 1, 5, 31), self.today),
            where=where,
        )
        if programme is None:
            return
        (standard,) = programme.standard_amounts.all()
        rng = random.Random(f"welfare.seed:{programme.slug}")
        levels = {level.level: level for level in spec.levels}
        drawn = [level.level for level in spec.levels for _n in range(level.count)]
        rng.shuffle(drawn)
        orphans = set(rng.sample(range(len(drawn)), spec.orphans))
        minorities = set(rng.sample(range(len(drawn)), spec.minorities))
        per_unit = _spread(
            {name: len(self.members(self.unit(name, where))) for name in GRASSROOTS},
            len(drawn),
        )
        used: set[int] = set()
        handed = defaultdict(list)
        index = 0
        for name, count in per_unit.items():
            unit = self.unit(name, where)
            proposer, reviewer = self.actors.officer_of(unit), self.actors.above(unit)
            for _n in range(count):
                level = levels[drawn[index]]
                grant, details = self._scholarship(
                    programme,
                    unit,
                    level,
                    standard,
                    used,
                    rng,
                    where,
                    school_year,
                    orphan=index in orphans,
                    minority=index in minorities,
                )
                index += 1
                grant = self.propose(where, grant, proposer, scholarship=details)
                self.review(where, services.approve_grant, grant, reviewer)
                day = ceremony - timedelta(days=rng.randint(15, 35))
                reviewed = day + timedelta(days=rng.randint(2, 9))
                self.backdate(grant, self.at(day, rng), self.at(reviewed, rng))
                handed[unit].append(grant)
        for unit, grants in handed.items():
            self.hand_over(where, programme, unit, grants, ceremony)
        for later in spec.later:
            unit = self.unit(later.unit, where)
            grant, details = self._scholarship(
                programme, unit, levels[later.level], standard, used, rng, where, school_year
            )
            grant = self.propose(where, grant, self.actors.officer_of(unit), scholarship=details)
            if later.status == "approved":
                self.review(where, services.approve_grant, grant, self.actors.above(unit))
                day = ceremony + timedelta(days=rng.randint(10, 20))
                reviewed = min(day + timedelta(days=rng.randint(3, 8)), self.today)
                self.backdate(grant, self.at(min(day, self.today), rng), self.at(reviewed, rng))
            else:
                day = self.today - timedelta(days=rng.randint(1, 6))
                self.backdate(grant, self.at(day, rng))
        self.settle(programme, ProgrammeStatus.CLOSED)
        self.remember_grants(programme)

    def _scholarship(
        self,
        programme,
        unit,
        level,
        standard,
        used,
        rng,
        where,
        year,
        *,
        orphan=False,
        minority=False,
    ):
        """A member's child at the level's age, named after the father's family (of a Thái
        or Mông family when `minority` and the union has such a parent to draw)."""
        age = level.age + rng.randint(-1, 1)
        born = year - age

        def fits(member):
            parent = member.date_of_birth.year if member.date_of_birth else born - 30
            return born - 42 <= parent <= born - 20 and (not minority or _minority(member))

        (member,) = self.draw(unit, rng, used, where, prefer=fits)
        gender = rng.choice((Gender.FEMALE, Gender.MALE))
        family = member.full_name.split(" ", 1)[0]
        origin = next(
            (o for o, names in FAMILY.items() if any(n == family for n, _w in names)), "kinh"
        )
        if member.gender != Gender.MALE:  # the child bears the father's family name
            family = rng.choices(*zip(*FAMILY[origin], strict=True))[0]
        child = f"{family} {_person_name(rng, origin, gender).split(' ', 1)[1]}"
        if orphan:
            text = SCHOLARSHIPS.orphan_circumstances[
                "female" if member.gender == Gender.FEMALE else "male"
            ]
        else:
            text = rng.choice(SCHOLARSHIPS.circumstances)
        grant = Grant(
            programme=programme,
            unit=unit,
            person_name=child,
            relation=Relation.CHILD,
            for_member=member,
            standard=standard,
            cash_amount=standard.amount,
            circumstances=text,
        )
        details = Scholarship(
            school=rng.choice(level.schools),
            level=level.level,
            school_year=f"{year}–{year + 1}",
            results=rng.choice(SCHOLARSHIPS.results),
        )
        return grant, details

    # Loans -----------------------------------------------------------------------------

    def loans(self) -> None:
        where = "welfare/demo/loans.yaml"
        for spec in TERMS:
            if not LoanTerms.objects.filter(valid_from=spec.valid_from).exists():
                terms = LoanTerms(
                    valid_from=spec.valid_from,
                    ceiling=spec.ceiling,
                    monthly_rate=spec.monthly_rate,
                    max_term_months=spec.max_term_months,
                    source=spec.source,
                )
                terms.full_clean()
                terms.save()
                remember(terms)
        first = min(self.today - timedelta(days=loan.disbursed) for loan in LOAN_LIST)
        programme = self.programme(
            LOAN_PROGRAMME,
            name=LOAN_PROGRAMME.name,
            year=self.today.year,
            starts_on=date(first.year, 1, 1),
            ends_on=date(self.today.year, 12, 31),
            where=f"{where}, programme",
        )
        if programme is None:
            return
        used = set()
        for number, spec in enumerate(LOAN_LIST, start=1):
            at = f"{where}, loan {number} “{spec.purpose}”"
            unit = self.unit(spec.unit, at)
            rng = random.Random(f"welfare.seed:loan:{number}")
            disbursed = self.today - timedelta(days=spec.disbursed)
            (borrower,) = self.draw(unit, rng, used, at, on=disbursed)
            loan = Loan(
                programme=programme,
                borrower=borrower,
                unit=unit,
                purpose=spec.purpose,
                jobs_created=spec.jobs,
                principal=spec.principal,
                term_months=spec.term,
                disbursed_on=disbursed,
            )
            try:
                loan = services.create_loan(loan=loan, user=self.actors.staff)
                # Repayments are recorded by the federation's staff (the officer area
                # shows them; the admin records them).
                self._repay(loan, spec, self.actors.staff)
                if spec.state == "written-off":
                    services.write_off_loan(
                        loan=loan,
                        on=self.today - timedelta(days=spec.written_off),
                        reason=spec.reason,
                        user=self.actors.staff,
                    )
            except (ValidationError, PermissionDenied) as error:
                raise _refusal(at, error) from error
            self.new["loans"] += 1
        # Each loan is where the data says, as the officers will see it today.
        loans = programme.loans.with_position(self.today).order_by("pk")
        for number, (spec, loan) in enumerate(zip(LOAN_LIST, loans, strict=True), start=1):
            if loan.status_on(self.today) != spec.state:
                raise DemoDataError(
                    f"{where}, loan {number} “{spec.purpose}”: the repayments drawn leave it "
                    f"{loan.status_on(self.today)}."
                )
        remember_all(Loan, [loan.pk for loan in loans])

    def _repay(self, loan: Loan, spec, user) -> None:
        """Three instalments at a time (six for a loan no longer running), paid on the first
        one's due day, up to the day the borrower stopped paying (overdue, written off) or
        paid the rest off (repaid)."""
        schedule = list(loan.schedule.order_by("number"))
        if spec.state == "overdue":
            until = self.today - timedelta(days=spec.overdue)
        elif spec.state == "written-off":
            until = self.today - timedelta(days=spec.written_off + 90)
        elif spec.repaid is not None:
            until = self.today - timedelta(days=spec.repaid)
        else:
            until = self.today
        due = [row for row in schedule if row.due_on <= until]
        if spec.state == "overdue":
            due = [row for row in due if row.due_on < until]
        paid_principal = 0
        size = 3 if spec.state in ("current", "overdue") else 6
        for start in range(0, len(due), size):
            chunk = due[start : start + size]
            if spec.state == "current":  # paid ahead: the next three instalments
                chunk = schedule[start : start + size]
            principal = sum(row.principal_due for row in chunk)
            services.record_repayment(
                loan=loan,
                paid_on=chunk[0].due_on,
                user=user,
                principal=principal,
                interest=sum(row.interest_due for row in chunk),
            )
            paid_principal += principal
        if spec.state == "repaid" and spec.repaid is not None:
            following = next((row for row in schedule if row.due_on > until), None)
            services.record_repayment(
                loan=loan,
                paid_on=until,
                user=user,
                principal=loan.principal - paid_principal,
                interest=following.interest_due if following else 0,
            )

    # Partners --------------------------------------------------------------------------

    def partners(self) -> None:
        for order, spec in enumerate(PARTNERS["partners"], start=1):
            slug = slugify_vi(spec.name)
            if Partner.objects.filter(slug=slug).exists():
                continue
            start, end = spec.valid
            conditions = spec.conditions
            if spec.outlets > 1:
                conditions = f"{conditions} Áp dụng tại {spec.outlets} cơ sở trong tỉnh.".strip()
            scene, palette = spec.logo
            partner = Partner(
                name=spec.name,
                slug=slug,
                field=spec.field,
                offer=spec.offer,
                conditions=conditions,
                valid_from=None if start is None else self.today + timedelta(days=start),
                valid_until=None if end is None else self.today + timedelta(days=end),
                address=spec.address,
                province=PARTNERS["province"] or PROVINCE,
                commune=spec.commune,
                phone=spec.phone,
                website=spec.website,
                logo=ContentFile(
                    draw_picture(scene, PALETTES[palette], seed=f"doi-tac:{slug}", size=LOGO_SIZE),
                    name=f"{slug}.jpg",
                ),
                order=order * 10,
            )
            try:
                services.save_partner(partner=partner, user=self.actors.staff)
            except (ValidationError, PermissionDenied) as error:
                raise _refusal(f"welfare/demo/partners.yaml, {spec.name}", error) from error
            remember(partner)
            self.new["partners"] += 1


def _spread(weights: dict[str, int], total: int) -> dict[str, int]:
    """`total` shared out in proportion to `weights` (largest remainders), in order."""
    whole = sum(weights.values())
    shares = {name: total * weight / whole for name, weight in weights.items()}
    counts = {name: int(share) for name, share in shares.items()}
    rest = sorted(shares, key=lambda name: counts[name] - shares[name])
    for name in rest[: total - sum(counts.values())]:
        counts[name] += 1
    return {name: count for name, count in counts.items() if count}


def _form_pdf(programme: Programme, heading: str, appendix: str) -> bytes:
    """A one-page scan of the federation's form for a programme (a few kilobytes)."""
    day = programme.starts_on
    page = Page(
        header=(f"LĐLĐ TỈNH {PROVINCE.upper()}", "BAN CHÍNH SÁCH – PHÁP LUẬT"),
        right=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc"),
        number="…/DS-CĐCS",
        dated=f"{PROVINCE}, ngày {day.day} tháng {day.month} năm {day.year}",
        heading=heading,
        summary=programme.name,
        body=(
            f"Chương trình {programme.name} ({format_date(programme.starts_on)} – "
            f"{format_date(programme.ends_on)}).",
        ),
        capacity=("CHỦ TỊCH CÔNG ĐOÀN CƠ SỞ",),
        signer="",
        appendix=appendix,
    )
    return pdf_bytes(page)


def _summary(stdout, new: Counter) -> None:
    grants = Counter(Grant.objects.values_list("status", flat=True))
    loans = Loan.objects.with_position(timezone.localdate())
    states = Counter(loan.status_on() for loan in loans)
    stdout.write(
        f"Welfare: {Programme.objects.count()} programmes ({new['programmes']} new), "
        f"{sum(grants.values())} grants ({grants[GrantStatus.PROPOSED]} proposed, "
        f"{grants[GrantStatus.APPROVED]} approved, {grants[GrantStatus.HANDED_OVER]} handed "
        f"over, {grants[GrantStatus.RETURNED]} returned, {grants[GrantStatus.REJECTED]} "
        f"rejected), {HousingAid.objects.count()} houses with {HousingPhoto.objects.count()} "
        f"photos, {sum(states.values())} loans ({states[LoanStatus.CURRENT]} current, "
        f"{states[LoanStatus.OVERDUE]} overdue, {states[LoanStatus.REPAID]} repaid, "
        f"{states[LoanStatus.WRITTEN_OFF]} written off), {Partner.objects.count()} partners "
        f"({Partner.objects.public().count()} shown)."
    )
