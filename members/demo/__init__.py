"""The demo register's content, read from the data files beside this module.

units.yaml (the tree), people.yaml and names.csv (how members are drawn), reports.yaml
(the branch reports' texts and the state of the open round). members/seed.py loads them
through the services; members/demo/people.py draws the people.
"""

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from federation.demo import (
    DemoDataError,
    build_spec,
    demo_list,
    entry_name,
    read_demo_data,
    shown_path,
)
from members.models import Gender, ReportStatus, Sector

DATA = Path(__file__).resolve().parent
UNITS_FILE, PEOPLE_FILE = DATA / "units.yaml", DATA / "people.yaml"
NAMES_FILE, REPORTS_FILE = DATA / "names.csv", DATA / "reports.yaml"


@dataclass(frozen=True)
class UpperUnit:
    name: str
    short_name: str
    kind: str
    commune: str
    address: str
    phone: str
    email: str
    chairperson: str
    founded_on: date


@dataclass(frozen=True)
class Branch:
    """A grassroots union: `size` members are admitted to it, `female` of them women."""

    name: str
    parent: str
    sector: str
    size: int
    female: float
    commune: str
    founded: int
    kind: str = ""  # set from the data: the grassroots kind unless it says otherwise
    employer: str | None = None  # default: the name without "Công đoàn "
    chairperson: str = ""  # default: its first member, drawn
    dissolved_on: date | None = None
    merged_into: str = ""

    @property
    def employer_name(self) -> str:
        if self.employer is not None:
            return self.employer
        return self.name.removeprefix("Công đoàn ")

    @property
    def upland(self) -> bool:
        return self.commune in UPLAND


def _kind(kinds: dict, role, where: str) -> str:
    if role not in kinds:
        raise DemoDataError(f"{where}: unknown kind “{role}” (one of {', '.join(kinds)}).")
    return kinds[role]["name"]


def _sector(value, where: str) -> str:
    if value not in Sector.values:
        raise DemoDataError(f"{where}: unknown sector “{value}”.")
    return Sector(value)


def _upper(entry, kinds, where: str) -> UpperUnit:
    if isinstance(entry, dict) and "kind" in entry:
        entry = {**entry, "kind": _kind(kinds, entry["kind"], where)}
    return build_spec(UpperUnit, entry, where)


def load_units(path: Path = UNITS_FILE) -> dict:
    """The tree of units.yaml, each name checked against the units above it."""
    data = read_demo_data(path)
    shown = shown_path(path)
    kinds = data.get("kinds")
    if not isinstance(kinds, dict):
        raise DemoDataError(f"{shown}: expected a mapping under “kinds”.")
    top = _upper(data.get("top"), kinds, f"{shown}, top")
    second = tuple(
        _upper(e, kinds, f"{shown}, second_level {entry_name(n, e)}")
        for n, e in enumerate(demo_list(data, "second_level", path), start=1)
    )
    uppers = {top.name} | {unit.name for unit in second}
    branches = []
    for number, entry in enumerate(demo_list(data, "branches", path), start=1):
        where = f"{shown}, branch {entry_name(number, entry)}"
        if isinstance(entry, dict):
            entry = {
                **entry,
                "kind": _kind(kinds, entry.get("kind", "grassroots"), where),
                "sector": _sector(entry.get("sector"), where),
            }
        branch = build_spec(Branch, entry, where)
        if branch.parent not in uppers:
            raise DemoDataError(f"{where}: unknown parent “{branch.parent}”.")
        branches.append(branch)
    names = {branch.name for branch in branches}
    inner = []
    for number, entry in enumerate(demo_list(data, "inner_units", path), start=1):
        where = f"{shown}, inner unit {entry_name(number, entry)}"
        if not isinstance(entry, dict) or set(entry) != {"unit", "kind", "name"}:
            raise DemoDataError(f"{where}: expected unit, kind and name.")
        if entry["unit"] not in names:
            raise DemoDataError(f"{where}: unknown unit “{entry['unit']}”.")
        inner.append((entry["unit"], _kind(kinds, entry["kind"], where), entry["name"]))
    for key in ("officer_school", "merged_school"):
        if data.get(key) not in names:
            raise DemoDataError(f"{shown}, {key}: unknown branch “{data.get(key)}”.")
    return {
        "kinds": {role: (kind["name"], kind["grassroots"]) for role, kind in kinds.items()},
        "top": top,
        "second_level": second,
        "branches": tuple(branches),
        "inner_units": tuple(inner),
        **{key: data[key] for key in ("province", "officer_school", "merged_school")},
        "streets": tuple(demo_list(data, "streets", path)),
        "street_communes": tuple(demo_list(data, "street_communes", path)),
        "coverage": {Sector(key): value for key, value in data["coverage"].items()},
        "upland": set(demo_list(data, "upland", path)),
    }


def load_names(path: Path = NAMES_FILE):
    """Family, middle and given names by origin (and gender), with their weights."""
    family, middle, given, second = {}, {}, {}, []
    with path.open(encoding="utf-8", newline="") as file:
        for line, row in enumerate(csv.DictReader(file), start=2):
            where = f"{shown_path(path)}, line {line}"
            part, origin, name = row["part"], row["origin"], row["name"]
            if not name or part not in ("family", "middle", "given", "second_middle"):
                raise DemoDataError(f"{where}: a part (family, middle, given) and a name.")
            if part == "family":
                family.setdefault(origin, []).append((name, int(row["weight"])))
            elif part == "second_middle":
                second.append(name)
            else:
                key = (origin, Gender(row["gender"]))
                if part == "middle":
                    middle.setdefault(key, []).append((name, int(row["weight"])))
                else:
                    given.setdefault(key, []).append(name)
    freeze = lambda found: {key: tuple(values) for key, values in found.items()}  # noqa: E731
    return freeze(family), freeze(middle), {k: list(v) for k, v in given.items()}, tuple(second)


UNITS = load_units()
KINDS = tuple(UNITS["kinds"].values())
KIND = {role: name for role, (name, _grassroots) in UNITS["kinds"].items()}
GRASSROOTS, TRADE, TEAM = KIND["grassroots"], KIND["trade"], KIND["team"]
PROVINCE, TOP, SECOND_LEVEL = UNITS["province"], UNITS["top"], UNITS["second_level"]
BRANCHES, INNER_UNITS = UNITS["branches"], UNITS["inner_units"]
STREETS, STREET_COMMUNES = UNITS["streets"], UNITS["street_communes"]
COVERAGE, UPLAND = UNITS["coverage"], UNITS["upland"]
OFFICER_SCHOOL, MERGED_SCHOOL = UNITS["officer_school"], UNITS["merged_school"]
# The officer demo's ward union: the one above the officer school.
DIEN_BIEN_PHU = next(b.parent for b in BRANCHES if b.name == OFFICER_SCHOOL)

FAMILY, MIDDLE, GIVEN, SECOND_MIDDLE = load_names()
PEOPLE = read_demo_data(PEOPLE_FILE)
ORIGINS = {
    upland: tuple(PEOPLE["origins"][key].items())
    for upland, key in ((False, "lowland"), (True, "upland"))
}
RECENT_SHARE, CARD_SHARE = PEOPLE["recent_share"], PEOPLE["card_share"]
PHONE_SHARE = PEOPLE["phone_share"]
MOBILE_PREFIXES = tuple(PEOPLE["mobile_prefixes"].split())
POSITION = PEOPLE["positions"]
CHAIR, VICE_CHAIR = POSITION["chair"], POSITION["vice_chair"]
TRADE_CHAIR, TRADE_VICE_CHAIR = POSITION["trade_chair"], POSITION["trade_vice_chair"]
TEAM_LEADER, COMMITTEE = POSITION["team_leader"], POSITION["committee"]
# (reason, sectors they are drawn from, born before this year or None)
LEAVERS = tuple(
    (leaver["reason"], tuple(Sector(s) for s in leaver["sectors"]), leaver["born_before"])
    for leaver in PEOPLE["leavers"]
)
TEACHER_MOVES = PEOPLE["teacher_moves"]

REPORTS = read_demo_data(REPORTS_FILE)
RESULTS, DIFFICULTIES = REPORTS["results"], REPORTS["difficulties"]
PROPOSALS, RETURN_REASON = REPORTS["proposals"], REPORTS["return_reason"]
CHANGED_EMPLOYEES_NOTE = REPORTS["changed_employees_note"]
CHANGED_EMPLOYEES, RETURNED_UNIT = REPORTS["changed_employees"], REPORTS["returned_unit"]
WARD_ROUND = {unit: ReportStatus(status) for unit, status in REPORTS["ward_round"].items()}
ELSEWHERE_SUBMITTED = REPORTS["elsewhere_submitted"]
ELSEWHERE_ACCEPTED = REPORTS["elsewhere_accepted"]
