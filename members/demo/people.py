"""People of the demo register, drawn from a fixed seed: the same people on every run."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from members.demo import (
    BRANCHES,
    CARD_SHARE,
    CHAIR,
    COMMITTEE,
    FAMILY,
    GIVEN,
    INNER_UNITS,
    MIDDLE,
    MOBILE_PREFIXES,
    ORIGINS,
    PHONE_SHARE,
    RECENT_SHARE,
    SECOND_MIDDLE,
    TEAM,
    TEAM_LEADER,
    TRADE,
    TRADE_CHAIR,
    TRADE_VICE_CHAIR,
    VICE_CHAIR,
    Branch,
)
from members.models import Gender

KINH = "kinh"


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _person_name(rng: random.Random, origin: str, gender: str) -> str:
    family = _pick(rng, FAMILY[origin])
    middle = _pick(rng, MIDDLE[(origin, gender)])
    given = rng.choice(GIVEN[(origin, gender)])
    second = rng.random()
    if origin == KINH and gender == Gender.FEMALE and middle == "Thị" and second < 0.2:
        middle = f"{middle} {rng.choice(SECOND_MIDDLE)}"
    return f"{family} {middle} {given}"


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _between(rng_value: float, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=int(rng_value * ((last - first).days + 1)))


@dataclass
class Person:
    full_name: str
    gender: str
    date_of_birth: date
    national_id: str
    phone: str
    admitted_on: date
    card: bool
    serial: int  # the person's place in the whole plan: card numbers are unique by it
    position: str = ""


def plan_people(today: date) -> dict[str, list[Person]]:
    """Everyone the demo admits, by grassroots union: the same people on every run.

    Names, genders, births and ID numbers come from a fixed seed; admission dates also
    depend on today (some members are admitted this year), with the same number of draws
    whatever the day, so the ID numbers never change.
    """
    rng = random.Random("members.seed:people")
    year_start = date(today.year, 1, 1)
    seen_ids: set[str] = set()
    plan: dict[str, list[Person]] = {}
    for branch in BRANCHES:
        founded = date(branch.founded, 1, 1)
        latest = branch.dissolved_on - timedelta(days=1) if branch.dissolved_on else None
        teams = sum(
            1 for parent, kind, _name in INNER_UNITS if parent == branch.name and kind == TEAM
        )
        people = []
        for index in range(branch.size):
            gender = Gender.FEMALE if rng.random() < branch.female else Gender.MALE
            chair = index == 0 and branch.chairperson
            if chair:
                gender = _gender_of(branch.chairperson)
            origin = _pick(rng, ORIGINS[branch.upland])
            full_name = _person_name(rng, origin, gender)
            if chair:
                full_name = branch.chairperson
            # Women retire earlier: the oldest working women are born around 1970.
            # Women retire earlier; officers are older hands.
            youngest = 1988 if index < 2 else 2003
            birth_year = rng.randint(1970 if gender == Gender.FEMALE else 1966, youngest)
            date_of_birth = date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
            national_id = _national_id(rng, gender, birth_year, seen_ids)
            phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"
            has_phone = rng.random() < PHONE_SHARE
            card = rng.random() < CARD_SHARE
            recent, when = rng.random(), rng.random()

            start = max(_add_years(date_of_birth, 20), founded, date(1993, 1, 1))
            if recent < RECENT_SHARE and latest is None and index > 1:
                first, last = max(start, year_start), today
            else:
                first, last = start, min(latest or today, year_start - timedelta(days=1))
            admitted_on = _between(when, first, max(first, last))
            admitted_on = min(admitted_on, latest or today, today)
            people.append(
                Person(
                    full_name=full_name,
                    gender=gender,
                    date_of_birth=date_of_birth,
                    national_id=national_id,
                    phone=phone if has_phone else "",
                    admitted_on=admitted_on,
                    card=card or index < 2,
                    serial=len(seen_ids),
                    position=_position(branch, index, teams),
                )
            )
        plan[branch.name] = people
    return plan


def _gender_of(full_name: str) -> str:
    return Gender.FEMALE if " Thị " in f" {full_name} " else Gender.MALE


def _national_id(rng: random.Random, gender: str, birth_year: int, seen: set[str]) -> str:
    """A 12-digit citizen ID number as issued in Điện Biên.

    "011" is the province, then the gender and century digit (0 man / 1 woman born in
    the 1900s, 2 / 3 in the 2000s), two digits of the birth year, six random digits.
    """
    digit = (1 if gender == Gender.FEMALE else 0) + (2 if birth_year >= 2000 else 0)
    while True:
        number = f"011{digit}{birth_year % 100:02d}{rng.randrange(10**6):06d}"
        if number not in seen:
            seen.add(number)
            return number


def _position(branch: Branch, index: int, teams: int) -> str:
    trade = branch.kind == TRADE
    if branch.dissolved_on:
        return ""  # its officers' mandate ended with it
    if index == 0:
        return TRADE_CHAIR if trade else CHAIR
    if index == 1 and branch.size >= 16:
        return TRADE_VICE_CHAIR if trade else VICE_CHAIR
    if 2 <= index < 2 + teams:
        return TEAM_LEADER
    if index == 2 + teams and branch.size >= 30:
        return COMMITTEE
    return ""
