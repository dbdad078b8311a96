"""The demo congresses, read from congresses.yaml beside this module.

Every entry becomes a frozen spec (federation.demo.build_spec) checked against the
models' choices, the demo register's units (members/demo/units.yaml) and the demo
documents (documents/demo/documents.yaml), so a mistake stops seed_demo with a message
naming the file and the entry. congress/seed.py loads the specs through the services.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from congress.models import (
    Ballot,
    CongressDocument,
    Delegate,
    Session,
    Subcommittee,
    Target,
)
from federation.demo import (
    DemoDataError,
    build_spec,
    demo_list,
    entry_name,
    read_demo_data,
    shown_path,
)
from members.demo import BRANCHES, KINDS, OFFICER_SCHOOL, SECOND_LEVEL, TOP

DATA = Path(__file__).resolve().parent
CONGRESSES_FILE = DATA / "congresses.yaml"
DOCUMENTS_FILE = DATA.parent.parent / "documents" / "demo" / "documents.yaml"


@dataclass(frozen=True)
class CapSpec:
    rule: str
    kind: str
    max_delegates: int
    valid_from: date
    members_from: int = 0
    members_to: int | None = None
    valid_until: date | None = None


@dataclass(frozen=True)
class SessionSpec:
    kind: str
    day: date
    at: str
    title: str
    until: str = ""
    presenter: str = ""


@dataclass(frozen=True)
class DocumentSpec:
    role: str
    number: str


@dataclass(frozen=True)
class BallotSpec:
    body: str
    seats: int
    candidates: int
    issued: int
    valid: int
    held_on: date | None = None


@dataclass(frozen=True)
class PositionsSpec:
    chair: str
    vice_chairs: int = 0
    standing: int = 0


@dataclass(frozen=True)
class TargetSpec:
    group: str
    text: str
    value: Decimal
    unit: str
    measure: str = ""
    progress: tuple = ()  # (year, value, note) for a target staff fill in


@dataclass(frozen=True)
class TaskSpec:
    title: str
    deadline: date
    done_on: date | None = None


@dataclass(frozen=True)
class SubcommitteeSpec:
    kind: str
    name: str
    head: str
    description: str = ""
    members: tuple[str, ...] = ()
    tasks: tuple[TaskSpec, ...] = ()


@dataclass(frozen=True)
class ProvincialSpec:
    """A congress of the provincial federation: held (with delegates, ballots, positions,
    targets) or planned (with its subcommittees at work)."""

    ordinal: int
    term: tuple[int, int]
    starts_on: date
    ends_on: date
    venue: str
    motto: str
    summary: str
    title: str = ""  # as the federation writes it, instead of the title built from the unit
    recognised_on: date | None = None
    cover: str | None = None
    delegates: int = 0
    kinds: tuple = ()  # (delegate kind, how many)
    refused: int = 0
    refused_reason: str = ""
    results: str = ""
    sessions: tuple[SessionSpec, ...] = ()
    documents: tuple[DocumentSpec, ...] = ()
    ballots: tuple[BallotSpec, ...] = ()
    positions: PositionsSpec | None = None
    targets: tuple[TargetSpec, ...] = ()
    subcommittees: tuple[SubcommitteeSpec, ...] = ()

    @property
    def held(self) -> bool:
        return self.recognised_on is not None


@dataclass(frozen=True)
class WardBallotSpec:
    candidates: int
    issued: int
    valid: int


@dataclass(frozen=True)
class HeldWardSpec:
    unit: str
    days: int  # before today
    recognised_after: int
    venue: str
    delegates: int
    kinds: tuple
    ballot: WardBallotSpec
    vice_chairs: int = 0
    article: str = ""
    summary: str = ""


@dataclass(frozen=True)
class PlannedWardSpec:
    unit: str
    days: int  # ahead of today
    venue: str = ""


@dataclass(frozen=True)
class WardsSpec:
    ordinal: int
    term: tuple[int, int]
    executive_seats: int
    motto: str
    held: tuple[HeldWardSpec, ...] = ()
    planned: tuple[PlannedWardSpec, ...] = ()


@dataclass(frozen=True)
class SeasonSpec:
    name: str
    term: tuple[int, int]
    starts_on: date
    deadline: date
    pilots: tuple[str, ...]
    pilots_held: int
    held_share: float
    held_between: tuple[int, int]
    planned_share: float
    planned_between: tuple[int, int]
    reviewed_within: tuple[int, int]
    returned_in: str
    return_reason: str


# ---------------------------------------------------------------------------------------
# Reading and checking.

GRASSROOTS_UNITS = {branch.name for branch in BRANCHES if not branch.dissolved_on}
WARDS = {unit.name for unit in SECOND_LEVEL if unit.kind == "Công đoàn xã, phường"}


def _choice(value, choices, what: str, where: str) -> str:
    if value not in choices:
        raise DemoDataError(
            f"{where}: unknown {what} “{value}” (one of {', '.join(map(str, choices))})."
        )
    return value


def _term(value, where: str) -> tuple[int, int]:
    if not (
        isinstance(value, (list, tuple))
        and len(value) == 2
        and all(isinstance(year, int) for year in value)
        and value[0] < value[1]
    ):
        raise DemoDataError(f"{where}: a term is [start year, end year], not {value!r}.")
    return tuple(value)


def _days_range(value, where: str, key: str) -> tuple[int, int]:
    if not (
        isinstance(value, (list, tuple))
        and len(value) == 2
        and all(isinstance(days, int) and days >= 0 for days in value)
    ):
        raise DemoDataError(f"{where}: {key} is two numbers of days, not {value!r}.")
    return tuple(value)


def _kinds(value, total: int, where: str) -> tuple:
    if not isinstance(value, dict):
        raise DemoDataError(f"{where}: kinds is a mapping of kind of delegate to a number.")
    for kind in value:
        _choice(kind, Delegate.Kind.values, "kind of delegate", where)
    if sum(value.values()) != total:
        raise DemoDataError(
            f"{where}: the kinds add up to {sum(value.values())}, not the {total} delegates."
        )
    return tuple(value.items())


def _mapping(entry, where: str) -> dict:
    if not isinstance(entry, dict):
        raise DemoDataError(f"{where}: expected a mapping of fields, found {entry!r}.")
    return dict(entry)


def load_caps(data: dict, path: Path) -> tuple[CapSpec, ...]:
    caps = []
    for number, entry in enumerate(demo_list(data, "caps", path), start=1):
        where = f"{shown_path(path)}, cap {entry_name(number, entry, 'rule')}"
        cap = build_spec(CapSpec, entry, where)
        _choice(cap.kind, [name for name, _grassroots in KINDS], "kind of unit", where)
        caps.append(cap)
    return tuple(caps)


def _ballot(entry, where: str, delegates: int) -> BallotSpec:
    ballot = build_spec(BallotSpec, entry, where)
    _choice(ballot.body, Ballot.Body.values, "body", where)
    if not ballot.seats <= ballot.candidates:
        raise DemoDataError(f"{where}: fewer candidates than seats.")
    if not ballot.valid <= ballot.issued <= delegates:
        raise DemoDataError(
            f"{where}: the ballots must be valid ≤ issued ≤ the {delegates} delegates accepted."
        )
    return ballot


def _target(entry, where: str) -> TargetSpec:
    fields = _mapping(entry, where)
    try:
        fields["value"] = Decimal(str(fields.get("value")))
    except InvalidOperation as error:
        raise DemoDataError(f"{where}: the value is a number.") from error
    progress = fields.get("progress") or {}
    if not isinstance(progress, dict) or not all(
        isinstance(year, int) and isinstance(row, list) and len(row) == 2
        for year, row in progress.items()
    ):
        raise DemoDataError(f"{where}: progress is {{year: [value, source]}}.")
    fields["progress"] = tuple(
        (year, Decimal(str(v)), note) for year, (v, note) in progress.items()
    )
    target = build_spec(TargetSpec, fields, where)
    _choice(target.group, Target.Group.values, "group", where)
    _choice(target.measure, Target.Measure.values, "measure", where)
    if target.measure and target.progress:
        raise DemoDataError(f"{where}: a measured target has no progress typed in.")
    return target


def _subcommittee(entry, where: str) -> SubcommitteeSpec:
    fields = _mapping(entry, where)
    fields["tasks"] = [
        build_spec(TaskSpec, task, f"{where}, task {entry_name(n, task, 'title')}")
        for n, task in enumerate(fields.get("tasks") or (), start=1)
    ]
    spec = build_spec(SubcommitteeSpec, fields, where)
    _choice(spec.kind, Subcommittee.Kind.values, "kind of subcommittee", where)
    return spec


def _provincial(entry, where: str, documents: set[str]) -> ProvincialSpec:
    fields = _mapping(entry, where)
    fields["term"] = _term(fields.get("term"), where)
    delegates = fields.get("delegates", 0)
    if "kinds" in fields:
        fields["kinds"] = _kinds(fields["kinds"], delegates, where)
    fields["sessions"] = [
        build_spec(SessionSpec, s, f"{where}, session {n}")
        for n, s in enumerate(fields.get("sessions") or (), start=1)
    ]
    for number, session in enumerate(fields["sessions"], start=1):
        _choice(session.kind, Session.Kind.values, "session", f"{where}, session {number}")
    fields["documents"] = [
        build_spec(DocumentSpec, d, f"{where}, document {n}")
        for n, d in enumerate(fields.get("documents") or (), start=1)
    ]
    for number, document in enumerate(fields["documents"], start=1):
        at = f"{where}, document {number}"
        _choice(document.role, CongressDocument.Role.values, "role", at)
        if document.number not in documents:
            raise DemoDataError(
                f"{at}: no document numbered “{document.number}” in {shown_path(DOCUMENTS_FILE)}."
            )
    accepted = delegates - fields.get("refused", 0)
    fields["ballots"] = [
        _ballot(b, f"{where}, ballot {n}", accepted)
        for n, b in enumerate(fields.get("ballots") or (), start=1)
    ]
    if fields.get("positions") is not None:
        fields["positions"] = build_spec(PositionsSpec, fields["positions"], f"{where}, positions")
    fields["targets"] = [
        _target(t, f"{where}, target {entry_name(n, t, 'text')}")
        for n, t in enumerate(fields.get("targets") or (), start=1)
    ]
    fields["subcommittees"] = [
        _subcommittee(s, f"{where}, subcommittee {entry_name(n, s)}")
        for n, s in enumerate(fields.get("subcommittees") or (), start=1)
    ]
    spec = build_spec(ProvincialSpec, fields, where)
    if spec.held:
        _check_held(spec, where)
    if spec.refused and not spec.refused_reason.strip():
        raise DemoDataError(f"{where}: refused credentials need a refused_reason.")
    return spec


def _check_held(spec: ProvincialSpec, where: str) -> None:
    bodies = {ballot.body: ballot for ballot in spec.ballots}
    executive = bodies.get(Ballot.Body.EXECUTIVE)
    if executive is None or spec.positions is None:
        raise DemoDataError(f"{where}: a held congress has an executive ballot and positions.")
    if spec.positions.chair != TOP.chairperson:
        raise DemoDataError(
            f"{where}, positions: the chair is the federation's chairperson in the register "
            f"({TOP.chairperson}), not {spec.positions.chair}."
        )
    if 1 + spec.positions.vice_chairs + spec.positions.standing > executive.seats:
        raise DemoDataError(f"{where}, positions: more positions than executive seats.")
    ex_officio = dict(spec.kinds).get(Delegate.Kind.EX_OFFICIO, 0)
    if ex_officio < 1 + len(SECOND_LEVEL):
        raise DemoDataError(
            f"{where}: the ex officio delegates include the chair and the {len(SECOND_LEVEL)} "
            "chairs of the unions below the federation."
        )


def _held_ward(entry, where: str) -> HeldWardSpec:
    fields = _mapping(entry, where)
    delegates = fields.get("delegates", 0)
    fields["kinds"] = _kinds(fields.get("kinds"), delegates, where)
    fields["ballot"] = build_spec(WardBallotSpec, fields.get("ballot"), f"{where}, ballot")
    spec = build_spec(HeldWardSpec, fields, where)
    if not spec.ballot.valid <= spec.ballot.issued <= delegates:
        raise DemoDataError(f"{where}, ballot: valid ≤ issued ≤ the delegates.")
    return spec


def load_wards(data: dict, path: Path) -> WardsSpec:
    shown = shown_path(path)
    fields = _mapping(data.get("wards"), f"{shown}, wards")
    fields["term"] = _term(fields.get("term"), f"{shown}, wards")
    fields["held"] = [
        _held_ward(e, f"{shown}, wards, held {entry_name(n, e, 'unit')}")
        for n, e in enumerate(fields.get("held") or (), start=1)
    ]
    fields["planned"] = [
        build_spec(PlannedWardSpec, e, f"{shown}, wards, planned {entry_name(n, e, 'unit')}")
        for n, e in enumerate(fields.get("planned") or (), start=1)
    ]
    spec = build_spec(WardsSpec, fields, f"{shown}, wards")
    for ward in (*spec.held, *spec.planned):
        if ward.unit not in WARDS:
            raise DemoDataError(
                f"{shown}, wards: “{ward.unit}” is not a ward union of members/demo/units.yaml."
            )
    for ward in spec.held:
        if ward.ballot.candidates < spec.executive_seats:
            raise DemoDataError(f"{shown}, wards, {ward.unit}: fewer candidates than seats.")
    return spec


def load_season(data: dict, path: Path) -> SeasonSpec:
    where = f"{shown_path(path)}, season"
    fields = _mapping(data.get("season"), where)
    fields["term"] = _term(fields.get("term"), where)
    for key in ("held_between", "planned_between", "reviewed_within"):
        fields[key] = _days_range(fields.get(key), where, key)
    spec = build_spec(SeasonSpec, fields, where)
    for pilot in spec.pilots:
        if pilot not in GRASSROOTS_UNITS:
            raise DemoDataError(f"{where}: the pilot “{pilot}” is not a grassroots union.")
    if OFFICER_SCHOOL in spec.pilots:
        raise DemoDataError(f"{where}: the officer school plans its congress; not a pilot.")
    if not (
        spec.held_share >= 0
        and spec.planned_share >= 0
        and spec.held_share + spec.planned_share <= 1
    ):
        raise DemoDataError(
            f"{where}: held_share and planned_share are shares adding up to 1 at most."
        )
    if spec.returned_in not in WARDS:
        raise DemoDataError(f"{where}: returned_in “{spec.returned_in}” is not a ward union.")
    if (
        spec.held_between[0] <= spec.held_between[1]
        or spec.planned_between[0] > spec.planned_between[1]
    ):
        raise DemoDataError(f"{where}: a range of days is written [farther, nearer].")
    return spec


def load_ethnicities(data: dict, path: Path) -> dict[str, str]:
    """Family name -> ethnicity; every other family is Kinh."""
    where = f"{shown_path(path)}, ethnicities"
    found = data.get("ethnicities")
    if not isinstance(found, dict) or not all(isinstance(v, list) for v in found.values()):
        raise DemoDataError(f"{where}: a mapping of ethnicity to a list of family names.")
    return {family: ethnicity for ethnicity, families in found.items() for family in families}


def document_numbers(path: Path = DOCUMENTS_FILE) -> set[str]:
    return {
        str(entry.get("number"))
        for entry in demo_list(read_demo_data(path), "documents", path)
        if isinstance(entry, dict)
    }


def load_congresses(path: Path = CONGRESSES_FILE) -> dict:
    data = read_demo_data(path)
    shown = shown_path(path)
    numbers = document_numbers()
    provincial = tuple(
        _provincial(entry, f"{shown}, provincial {entry_name(n, entry, 'ordinal')}", numbers)
        for n, entry in enumerate(demo_list(data, "provincial", path), start=1)
    )
    return {
        "caps": load_caps(data, path),
        "provincial": provincial,
        "wards": load_wards(data, path),
        "season": load_season(data, path),
        "ethnicities": load_ethnicities(data, path),
    }


CONGRESSES = load_congresses()
CAPS, PROVINCIAL = CONGRESSES["caps"], CONGRESSES["provincial"]
WARD_CONGRESSES, SEASON = CONGRESSES["wards"], CONGRESSES["season"]
ETHNICITIES = CONGRESSES["ethnicities"]


def ethnicity_of(full_name: str) -> str:
    """Thái, Mông or Kinh, read from the family name (congresses.yaml, ethnicities)."""
    return ETHNICITIES.get(full_name.split(" ", 1)[0], "Kinh")
