"""The demo welfare content, read from the data files beside this module.

programmes.yaml (the kinds of programme; this year's and last year's Tết Sum vầy, the
Tháng Công nhân, the Mái ấm Công đoàn houses, the scholarships), loans.yaml (the fund's
terms and 40 loans) and partners.yaml (8 partners). Every entry becomes a frozen spec
(federation.demo.build_spec) checked against the models' choices, the demo register's
units (members/demo/units.yaml), the stories and documents it links
(news/demo/stories.yaml, documents/demo/documents.yaml) and the drawings it asks for
(news/demo/pictures.py), so a mistake stops seed_demo with a message naming the file and
the entry. welfare/seed.py loads the specs through the services.
"""

import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from federation.demo import (
    DemoDataError,
    build_spec,
    demo_list,
    entry_name,
    read_demo_data,
    shown_path,
)
from members.demo import BRANCHES, SECOND_LEVEL, TOP
from news.demo.pictures import PALETTES, SCENES
from welfare.models import Behaviour, FundingSource, HousingAid, Partner, Scholarship

DATA = Path(__file__).resolve().parent
PROGRAMMES_FILE, LOANS_FILE = DATA / "programmes.yaml", DATA / "loans.yaml"
PARTNERS_FILE = DATA / "partners.yaml"
STORIES_FILE = DATA.parent.parent / "news" / "demo" / "stories.yaml"
DOCUMENTS_FILE = DATA.parent.parent / "documents" / "demo" / "documents.yaml"

# The unions that may propose (grassroots, not dissolved), and the units directly below
# the federation, which it hands quotas to.
GRASSROOTS = {branch.name: branch for branch in BRANCHES if not branch.dissolved_on}
BELOW_TOP = {unit.name for unit in SECOND_LEVEL} | {
    name for name, branch in GRASSROOTS.items() if branch.parent == TOP.name
}
LOAN_STATES = ("current", "overdue", "repaid", "written-off")
# The story that says the fund had no arrears was published this many days ago.
NO_ARREARS_STORY_DAYS = 98


@dataclass(frozen=True)
class KindSpec:
    slug: str
    name: str
    behaviour: str
    description: str = ""


@dataclass(frozen=True)
class FundingSpec:
    kind: str
    pledged: int
    sponsor: str = ""
    given: int | None = None
    note: str = ""


@dataclass(frozen=True)
class StandardSpec:
    label: str
    amount: int


@dataclass(frozen=True)
class QuotaSpec:
    unit: str
    places: int | None
    amount: int | None
    parent: str = ""  # the union that passes it down; "" for the federation


@dataclass(frozen=True)
class ProposalSpec:
    unit: str
    approved: int = 0
    handed_over: int = 0
    proposed: int = 0
    returned: int = 0
    rejected: int = 0
    standard: str = ""
    in_kind: int = 0


@dataclass(frozen=True)
class TetSpec:
    """This year's Tết: the plan of the news story, the first proposals of the unions."""

    kind: str
    name: str
    starts: int  # days before today
    lasts: int
    description: str
    eligibility: str
    standards: tuple[StandardSpec, ...]
    funding: tuple[FundingSpec, ...]
    quotas: tuple[QuotaSpec, ...]
    proposals: tuple[ProposalSpec, ...]
    return_reason: str
    reject_reason: str
    circumstances: tuple[str, ...]
    standard_weights: tuple[int, ...]
    handed_over_days: int = 2
    in_kind_what: str = ""
    passed_down: tuple[QuotaSpec, ...] = ()
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class LastTetSpec:
    """Last year's Tết: settled; `share` of every union's members had a gift."""

    name: str
    share: float
    standard_weights: tuple[int, ...]
    description: str
    eligibility: str
    funding: tuple[FundingSpec, ...]
    quotas: tuple[QuotaSpec, ...]


@dataclass(frozen=True)
class MonthSpec:
    """The last Tháng Công nhân: settled; `share` of every union's members had a gift."""

    kind: str
    name: str
    share: float
    standard_weights: tuple[int, ...]
    description: str
    eligibility: str
    standards: tuple[StandardSpec, ...]
    funding: tuple[FundingSpec, ...]
    circumstances: dict  # standard label → texts
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class HouseSpec:
    unit: str
    work: str
    address: str
    days: tuple[int, ...]  # before today: proposed, approved, surveyed, started, handed over
    minority: bool = False
    photos: tuple[str, ...] = ()
    total_cost: int | None = None
    own: int | None = None
    other: int = 0
    other_from: str = ""

    @property
    def handed_over(self) -> bool:
        return len(self.days) == 5


@dataclass(frozen=True)
class HousingSpec:
    kind: str
    name: str
    repeat_years: int
    description: str
    eligibility: str
    standards: tuple[StandardSpec, ...]
    funding: tuple[FundingSpec, ...]
    houses: tuple[HouseSpec, ...]
    circumstances: dict
    photo_alt: dict
    photo_caption: dict
    articles: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class LevelSpec:
    level: str
    count: int
    age: int
    schools: tuple[str, ...]


@dataclass(frozen=True)
class LaterSpec:
    unit: str
    status: str  # approved or proposed
    level: str


@dataclass(frozen=True)
class ScholarshipsSpec:
    kind: str
    name: str
    ceremony: int  # days before today
    handed_over: int
    description: str
    eligibility: str
    standards: tuple[StandardSpec, ...]
    funding: tuple[FundingSpec, ...]
    levels: tuple[LevelSpec, ...]
    results: tuple[str, ...]
    circumstances: tuple[str, ...]
    minorities: int
    orphans: int
    orphan_circumstances: dict
    later: tuple[LaterSpec, ...] = ()
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermsSpec:
    valid_from: date
    ceiling: int
    monthly_rate: Decimal
    max_term_months: int
    source: str = ""


@dataclass(frozen=True)
class LoanProgrammeSpec:
    kind: str
    name: str
    description: str
    eligibility: str
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoanSpec:
    unit: str
    purpose: str
    principal: int
    term: int
    disbursed: int  # days before today
    state: str
    jobs: int = 0
    overdue: int | None = None
    repaid: int | None = None
    written_off: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class PartnerSpec:
    name: str
    field: str
    offer: str
    outlets: int
    address: str
    commune: str
    valid: tuple  # (from, until) in days from today, None for open
    logo: tuple[str, str]  # (scene, palette)
    conditions: str = ""
    phone: str = ""
    website: str = ""


# ---------------------------------------------------------------------------------------
# Reading and checking.


def _text(value) -> str:
    """A folded YAML text with its paragraphs (blank lines) kept, each on one line."""
    paragraphs = str(value or "").split("\n\n")
    return "\n\n".join(" ".join(part.split()) for part in paragraphs if part.strip())


def _mapping(entry, where: str) -> dict:
    if not isinstance(entry, dict):
        raise DemoDataError(f"{where}: expected a mapping of fields, found {entry!r}.")
    return dict(entry)


def _list(entry, where: str) -> list:
    if entry is None:
        return []
    if not isinstance(entry, list):
        raise DemoDataError(f"{where}: expected a list, found {entry!r}.")
    return entry


def _unit(name, where: str, allowed, what: str) -> str:
    if name not in allowed:
        raise DemoDataError(f"{where}: “{name}” is not {what} of members/demo/units.yaml.")
    return name


def _grassroots(name, where: str) -> str:
    return _unit(name, where, GRASSROOTS, "a grassroots union")


def _kinds(data: dict, path: Path) -> tuple[KindSpec, ...]:
    shown = shown_path(path)
    kinds = []
    for number, entry in enumerate(demo_list(data, "kinds", path), start=1):
        spec = build_spec(KindSpec, entry, f"{shown}, kind {entry_name(number, entry)}")
        if spec.behaviour not in Behaviour.values:
            raise DemoDataError(
                f"{shown}, kind {spec.name}: unknown behaviour “{spec.behaviour}” "
                f"(one of {', '.join(Behaviour.values)})."
            )
        kinds.append(spec)
    if len({kind.slug for kind in kinds}) != len(kinds):
        raise DemoDataError(f"{shown}, kinds: two kinds share an address (slug).")
    return tuple(kinds)


def _funding(entries, where: str) -> tuple[FundingSpec, ...]:
    found = []
    for number, entry in enumerate(_list(entries, f"{where}, funding"), start=1):
        at = f"{where}, funding {entry_name(number, entry, 'sponsor')}"
        spec = build_spec(FundingSpec, entry, at)
        if spec.kind not in FundingSource.Kind.values:
            raise DemoDataError(f"{at}: unknown kind “{spec.kind}”.")
        if spec.kind == FundingSource.Kind.SPONSOR and not spec.sponsor:
            raise DemoDataError(f"{at}: a sponsor is named.")
        if spec.given is not None and spec.given > spec.pledged:
            raise DemoDataError(f"{at}: given more than pledged.")
        found.append(spec)
    if not found:
        raise DemoDataError(f"{where}: a programme has a budget (funding).")
    return tuple(found)


def _standards(entries, where: str) -> tuple[StandardSpec, ...]:
    return tuple(
        build_spec(StandardSpec, entry, f"{where}, standard {entry_name(n, entry, 'label')}")
        for n, entry in enumerate(_list(entries, f"{where}, standards"), start=1)
    )


def _limits(value, where: str) -> tuple[int | None, int | None]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(v is None or (isinstance(v, int) and v > 0) for v in value)
        or value == [None, None]
    ):
        raise DemoDataError(f"{where}: a quota is [suất, đồng], each a number or null.")
    return value[0], value[1]


def _quotas(entries, where: str, budget: int) -> tuple[QuotaSpec, ...]:
    quotas = []
    for unit, value in _mapping(entries, f"{where}, quotas").items():
        at = f"{where}, quotas, {unit}"
        _unit(unit, at, BELOW_TOP, "a union directly below the federation")
        quotas.append(QuotaSpec(unit, *_limits(value, at)))
    handed = sum(quota.amount or 0 for quota in quotas)
    if handed > budget:
        raise DemoDataError(f"{where}, quotas: {handed} đồng handed out, more than the budget.")
    return tuple(quotas)


def _passed_down(entries, where: str, quotas) -> tuple[QuotaSpec, ...]:
    found = []
    own = {quota.unit: quota for quota in quotas}
    for parent, children in _mapping(entries or {}, f"{where}, passed_down").items():
        if parent not in own:
            raise DemoDataError(f"{where}, passed_down: {parent} has no quota to pass down.")
        rows = []
        for unit, value in _mapping(children, f"{where}, passed_down, {parent}").items():
            at = f"{where}, passed_down, {parent}, {unit}"
            if GRASSROOTS.get(unit) is None or GRASSROOTS[unit].parent != parent:
                raise DemoDataError(f"{at}: not a grassroots union directly below {parent}.")
            rows.append(QuotaSpec(unit, *_limits(value, at), parent=parent))
        for field in ("places", "amount"):
            limit = getattr(own[parent], field)
            if limit is not None and sum(getattr(row, field) or 0 for row in rows) > limit:
                raise DemoDataError(f"{where}, passed_down, {parent}: more {field} than its quota.")
        found.extend(rows)
    return tuple(found)


def _titles(path: Path = STORIES_FILE) -> set[str]:
    stories = demo_list(read_demo_data(path), "stories", path)
    return {_text(story.get("title")) for story in stories if isinstance(story, dict)}


def _numbers(path: Path = DOCUMENTS_FILE) -> set[str]:
    documents = demo_list(read_demo_data(path), "documents", path)
    return {str(entry.get("number")) for entry in documents if isinstance(entry, dict)}


def _links(fields: dict, where: str, titles: set[str], numbers: set[str]) -> None:
    fields["articles"] = tuple(_text(title) for title in _list(fields.get("articles"), where))
    for title in fields["articles"]:
        if title not in titles:
            raise DemoDataError(f"{where}: no story “{title}” in news/demo/stories.yaml.")
    if "documents" in fields:
        fields["documents"] = tuple(str(n) for n in _list(fields["documents"], where))
        for number in fields["documents"]:
            if number not in numbers:
                raise DemoDataError(
                    f"{where}: no document {number} in documents/demo/documents.yaml."
                )


def _common(fields: dict, where: str, titles, numbers) -> dict:
    """The fields every programme has: texts, funding, standard amounts, links."""
    for key in ("description", "eligibility"):
        fields[key] = _text(fields.get(key))
    fields["funding"] = _funding(fields.get("funding"), where)
    if "standards" in fields:
        fields["standards"] = _standards(fields["standards"], where)
    if "circumstances" in fields and isinstance(fields["circumstances"], list):
        fields["circumstances"] = tuple(_text(text) for text in fields["circumstances"])
    _links(fields, where, titles, numbers)
    return fields


def _budget(funding) -> int:
    return sum(source.pledged for source in funding)


def _tet(data: dict, shown: str, titles, numbers) -> TetSpec:
    where = f"{shown}, tet"
    fields = _common(_mapping(data.get("tet"), where), where, titles, numbers)
    fields["quotas"] = _quotas(fields.get("quotas"), where, _budget(fields["funding"]))
    fields["passed_down"] = _passed_down(fields.get("passed_down"), where, fields["quotas"])
    labels = {standard.label for standard in fields["standards"]}
    proposals, seen = [], set()
    for number, entry in enumerate(_list(fields.get("proposals"), where), start=1):
        at = f"{where}, proposals {entry_name(number, entry, 'unit')}"
        spec = build_spec(ProposalSpec, entry, at)
        _grassroots(spec.unit, at)
        if spec.unit in seen:
            raise DemoDataError(f"{at}: the union is listed twice.")
        seen.add(spec.unit)
        if spec.standard and spec.standard not in labels:
            raise DemoDataError(f"{at}: no standard amount “{spec.standard}”.")
        proposals.append(spec)
    fields["proposals"] = tuple(proposals)
    fields["standard_weights"] = _weights(
        fields.get("standard_weights"), len(fields["standards"]), where
    )
    for key in ("return_reason", "reject_reason"):
        fields[key] = _text(fields.get(key))
    spec = build_spec(TetSpec, fields, where)
    if not any(p.returned for p in spec.proposals) or not any(p.rejected for p in spec.proposals):
        raise DemoDataError(f"{where}: the demo shows a returned and a rejected proposal.")
    return spec


def _weights(value, standards: int, where: str) -> tuple[int, ...]:
    if not isinstance(value, list) or len(value) != standards or not any(value):
        raise DemoDataError(f"{where}: standard_weights has a weight for each standard amount.")
    return tuple(value)


def _last_tet(data: dict, shown: str, tet: TetSpec) -> LastTetSpec:
    where = f"{shown}, tet_last_year"
    fields = _mapping(data.get("tet_last_year"), where)
    for key in ("description", "eligibility"):
        fields[key] = _text(fields.get(key))
    fields["funding"] = _funding(fields.get("funding"), where)
    fields["quotas"] = _quotas(fields.get("quotas"), where, _budget(fields["funding"]))
    fields["standard_weights"] = _weights(fields.get("standard_weights"), len(tet.standards), where)
    spec = build_spec(LastTetSpec, fields, where)
    if not 0 < spec.share < 1:
        raise DemoDataError(f"{where}: share is a share of the members, between 0 and 1.")
    return spec


def _month(data: dict, shown: str, titles, numbers) -> MonthSpec:
    where = f"{shown}, workers_month"
    fields = _common(_mapping(data.get("workers_month"), where), where, titles, numbers)
    fields["standard_weights"] = _weights(
        fields.get("standard_weights"), len(fields.get("standards") or ()), where
    )
    texts = _mapping(fields.get("circumstances"), f"{where}, circumstances")
    if set(texts) != {standard.label for standard in fields["standards"]}:
        raise DemoDataError(f"{where}, circumstances: texts for each standard amount, by label.")
    fields["circumstances"] = {
        label: tuple(_text(text) for text in _list(values, f"{where}, circumstances"))
        for label, values in texts.items()
    }
    spec = build_spec(MonthSpec, fields, where)
    if not 0 < spec.share < 1:
        raise DemoDataError(f"{where}: share is a share of the members, between 0 and 1.")
    return spec


def _house(entry, where: str) -> HouseSpec:
    spec = build_spec(HouseSpec, entry, where)
    _grassroots(spec.unit, where)
    if spec.work not in HousingAid.Work.values:
        raise DemoDataError(f"{where}: work is one of {', '.join(HousingAid.Work.values)}.")
    days = spec.days
    if not 1 <= len(days) <= 5 or any(a <= b for a, b in itertools.pairwise(days)):
        raise DemoDataError(
            f"{where}: days are 1 to 5 steps (proposed, approved, surveyed, started, handed "
            "over), each fewer days before today than the one before."
        )
    if days[-1] < 0:
        raise DemoDataError(f"{where}: days count before today.")
    if not set(spec.photos) <= {"before", "after"}:
        raise DemoDataError(f"{where}: photos are before and after.")
    if "after" in spec.photos and not spec.handed_over:
        raise DemoDataError(f"{where}: a photo after the work needs the house handed over.")
    return spec


def _housing(data: dict, shown: str, titles, numbers) -> HousingSpec:
    where = f"{shown}, housing"
    fields = _common(_mapping(data.get("housing"), where), where, titles, numbers)
    fields["houses"] = tuple(
        _house(entry, f"{where}, house {entry_name(n, entry, 'address')}")
        for n, entry in enumerate(_list(fields.get("houses"), where), start=1)
    )
    works = set(HousingAid.Work.values)
    for key in ("circumstances", "photo_alt", "photo_caption"):
        wanted = works if key == "circumstances" else {"before", "after"}
        value = _mapping(fields.get(key), f"{where}, {key}")
        if set(value) != wanted:
            raise DemoDataError(f"{where}, {key}: a text for each of {', '.join(sorted(wanted))}.")
        fields[key] = {name: _text(text) for name, text in value.items()}
    labels = [standard.label for standard in fields["standards"]]
    if len(labels) != len(works):
        raise DemoDataError(f"{where}: a standard amount to build, then one to repair.")
    units = [house.unit for house in fields["houses"]]
    if len(set(units)) != len(units):
        raise DemoDataError(f"{where}: one house per union (each a different member).")
    return build_spec(HousingSpec, fields, where)


def _scholarships(data: dict, shown: str, titles, numbers) -> ScholarshipsSpec:
    where = f"{shown}, scholarships"
    fields = _common(_mapping(data.get("scholarships"), where), where, titles, numbers)
    levels = []
    for level, value in _mapping(fields.get("levels"), f"{where}, levels").items():
        at = f"{where}, levels, {level}"
        if level not in Scholarship.Level.values:
            known = ", ".join(Scholarship.Level.values)
            raise DemoDataError(f"{at}: unknown level (one of {known}).")
        if not isinstance(value, list) or len(value) != 3 or not value[2]:
            raise DemoDataError(f"{at}: [how many, age of the child, schools].")
        levels.append(LevelSpec(level, int(value[0]), int(value[1]), tuple(value[2])))
    fields["levels"] = tuple(levels)
    fields["results"] = tuple(_text(text) for text in _list(fields.get("results"), where))
    fields["orphan_circumstances"] = {
        gender: _text(text)
        for gender, text in _mapping(
            fields.get("orphan_circumstances"), f"{where}, orphan_circumstances"
        ).items()
    }
    later = []
    for number, entry in enumerate(_list(fields.get("later"), where), start=1):
        at = f"{where}, later {entry_name(number, entry, 'unit')}"
        spec = build_spec(LaterSpec, entry, at)
        _grassroots(spec.unit, at)
        if spec.status not in ("approved", "proposed") or spec.level not in {
            level.level for level in levels
        }:
            raise DemoDataError(f"{at}: status approved or proposed, and a level listed above.")
        later.append(spec)
    fields["later"] = tuple(later)
    spec = build_spec(ScholarshipsSpec, fields, where)
    if sum(level.count for level in spec.levels) != spec.handed_over:
        raise DemoDataError(f"{where}: the levels add up to the {spec.handed_over} handed over.")
    if not 0 <= spec.minorities <= spec.handed_over:
        raise DemoDataError(f"{where}: minorities is how many of those handed over.")
    if not 0 <= spec.orphans <= spec.handed_over or set(spec.orphan_circumstances) != {
        "female",
        "male",
    }:
        raise DemoDataError(f"{where}: orphans, with a text for a mother and one for a father.")
    return spec


def load_programmes(path: Path = PROGRAMMES_FILE) -> dict:
    data = read_demo_data(path)
    shown = shown_path(path)
    titles, numbers = _titles(), _numbers()
    kinds = _kinds(data, path)
    tet = _tet(data, shown, titles, numbers)
    specs = {
        "kinds": kinds,
        "tet": tet,
        "tet_last_year": _last_tet(data, shown, tet),
        "workers_month": _month(data, shown, titles, numbers),
        "housing": _housing(data, shown, titles, numbers),
        "scholarships": _scholarships(data, shown, titles, numbers),
    }
    by_slug = {kind.slug: kind for kind in kinds}
    wanted = {
        "tet": Behaviour.GIFT,
        "workers_month": Behaviour.GIFT,
        "housing": Behaviour.HOUSING,
        "scholarships": Behaviour.SCHOLARSHIP,
    }
    for key, behaviour in wanted.items():
        kind = by_slug.get(specs[key].kind)
        if kind is None or kind.behaviour != behaviour:
            raise DemoDataError(f"{shown}, {key}: kind is the slug of a {behaviour} kind.")
    return specs


# ---------------------------------------------------------------------------------------
# Loans and partners.


def _terms(entry, where: str) -> TermsSpec:
    fields = _mapping(entry, where)
    try:
        fields["monthly_rate"] = Decimal(str(fields.get("monthly_rate")))
    except InvalidOperation as error:
        raise DemoDataError(f"{where}: monthly_rate is a number (% a month).") from error
    fields["source"] = _text(fields.get("source"))
    return build_spec(TermsSpec, fields, where)


def _loan(entry, where: str, terms: TermsSpec) -> LoanSpec:
    spec = build_spec(LoanSpec, entry, where)
    _grassroots(spec.unit, where)
    if spec.state not in LOAN_STATES:
        raise DemoDataError(f"{where}: state is one of {', '.join(LOAN_STATES)}.")
    if not 0 < spec.principal <= terms.ceiling or not 0 < spec.term <= terms.max_term_months:
        raise DemoDataError(f"{where}: within the terms' ceiling and longest term.")
    if spec.state == "overdue" and not (
        spec.overdue is not None and 35 <= spec.overdue < NO_ARREARS_STORY_DAYS
    ):
        raise DemoDataError(
            f"{where}: an overdue loan says since how many days it is unpaid (35 to "
            f"{NO_ARREARS_STORY_DAYS - 1})."
        )
    if spec.state == "written-off" and not (
        spec.written_off is not None and 0 < spec.written_off < spec.disbursed and spec.reason
    ):
        raise DemoDataError(f"{where}: a loan written off says when (after its disbursal) and why.")
    matured = spec.disbursed > spec.term * 31
    if spec.state == "repaid" and spec.repaid is None and not matured:
        raise DemoDataError(f"{where}: a repaid loan has matured, or says when it was repaid.")
    if spec.state in ("current", "overdue") and spec.disbursed >= spec.term * 28:
        raise DemoDataError(f"{where}: a loan still running has not matured.")
    if spec.repaid is not None and not 0 <= spec.repaid < spec.disbursed:
        raise DemoDataError(f"{where}: repaid after it was paid out.")
    return spec


def load_loans(path: Path = LOANS_FILE, titles=None) -> dict:
    data = read_demo_data(path)
    shown = shown_path(path)
    terms = tuple(
        _terms(entry, f"{shown}, terms {number}")
        for number, entry in enumerate(demo_list(data, "terms", path), start=1)
    )
    if not terms:
        raise DemoDataError(f"{shown}: the fund's terms are given.")
    current = max(terms, key=lambda t: t.valid_from)
    where = f"{shown}, programme"
    fields = _mapping(data.get("programme"), where)
    for key in ("description", "eligibility"):
        fields[key] = _text(fields.get(key))
    _links(fields, where, _titles() if titles is None else titles, set())
    programme = build_spec(LoanProgrammeSpec, fields, where)
    loans = tuple(
        _loan(entry, f"{shown}, loan {entry_name(n, entry, 'purpose')}", current)
        for n, entry in enumerate(demo_list(data, "loans", path), start=1)
    )
    for state in LOAN_STATES:
        if not any(loan.state == state for loan in loans):
            raise DemoDataError(f"{shown}: the demo shows a loan {state}.")
    return {"terms": terms, "programme": programme, "loans": loans}


def load_partners(path: Path = PARTNERS_FILE) -> dict:
    data = read_demo_data(path)
    shown = shown_path(path)
    partners = []
    for number, entry in enumerate(demo_list(data, "partners", path), start=1):
        where = f"{shown}, partner {entry_name(number, entry)}"
        fields = _mapping(entry, where)
        fields["conditions"] = _text(fields.get("conditions"))
        spec = build_spec(PartnerSpec, fields, where)
        if spec.field not in Partner.Field.values:
            raise DemoDataError(f"{where}: field is one of {', '.join(Partner.Field.values)}.")
        start, end = spec.valid if len(spec.valid) == 2 else (0, -1)
        if start is not None and end is not None and end < start:
            raise DemoDataError(f"{where}: valid is [from, until] in days from today.")
        if len(spec.logo) != 2 or spec.logo[0] not in SCENES or spec.logo[1] not in PALETTES:
            raise DemoDataError(f"{where}: logo is [a scene, a palette] of news/demo/pictures.py.")
        if spec.outlets < 1:
            raise DemoDataError(f"{where}: outlets is how many shops honour the offer.")
        partners.append(spec)
    if len({partner.name for partner in partners}) != len(partners):
        raise DemoDataError(f"{shown}: two partners share a name.")
    return {"province": str(data.get("province") or ""), "partners": tuple(partners)}


PROGRAMMES = load_programmes()
KINDS, TET, TET_LAST_YEAR = PROGRAMMES["kinds"], PROGRAMMES["tet"], PROGRAMMES["tet_last_year"]
WORKERS_MONTH, HOUSING = PROGRAMMES["workers_month"], PROGRAMMES["housing"]
SCHOLARSHIPS = PROGRAMMES["scholarships"]
LOANS = load_loans()
TERMS, LOAN_PROGRAMME, LOAN_LIST = LOANS["terms"], LOANS["programme"], LOANS["loans"]
PARTNERS = load_partners()
