"""Test data for delegates and elections: a congress of the province, a known delegate
list whose composition is worked out by hand, caps, ballots and officers.

Plain functions (pytest reads fixtures from conftest.py only): each test module turns the
ones it needs into fixtures.
"""

import io
from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from congress.models import Ballot, Candidate, Congress, Delegate, DelegateCap, Education, Guest
from congress.services import save_congress
from congress.services.delegates import COLUMNS
from federation import roles
from members.models import Gender, Sector
from tests.factories import make_staff

Kind = Delegate.Kind
Credentials = Delegate.Credentials
F, M = Gender.FEMALE, Gender.MALE
EX, EL, AP = Kind.EX_OFFICIO, Kind.ELECTED, Kind.APPOINTED
UNI, POST = Education.UNIVERSITY, Education.POSTGRADUATE

# Opened on 10/10/2023: ages are counted in 2023.
OPENING = date(2023, 10, 10)


def make_congress(unit, *, ordinal=12, term_start=2023, starts_on=OPENING, **fields) -> Congress:
    return save_congress(
        Congress(
            unit=unit,
            ordinal=ordinal,
            term_start=term_start,
            term_end=term_start + 5,
            starts_on=starts_on,
            ends_on=starts_on,
            motto="Đổi mới – Dân chủ – Đoàn kết – Phát triển",
            **fields,
        )
    )


@dataclass(frozen=True)
class Person:
    name: str
    gender: str
    ethnicity: str
    birth_year: int
    kind: str
    party: bool = False
    sector: str = ""
    education: str = ""
    credentials: str = Credentials.ACCEPTED
    reason: str = ""


# The known list: seven accepted, one pending, one refused (ages in 2023 in brackets).
#   women 4/7 = 57,14 %; ethnic minorities 3/7 = 42,86 %; party members 2/7 = 28,57 %
#   under 30: Bình (27), Nga (29); 30–40: Páo (30), Hương (38); 41–50: Lan (44), Mai (50);
#   over 50: Dũng (53). Youngest Bình, oldest Dũng. Kinds: 2 ex officio, 4 elected, 1 appointed.
KNOWN_LIST = (
    Person("Lò Thị Hương", F, "Thái", 1985, EX, True, Sector.PUBLIC, UNI),
    Person("Nguyễn Văn Bình", M, "Kinh", 1996, EL, False, Sector.NON_STATE, "upper-secondary"),
    Person("Quàng Văn Dũng", M, "Thái", 1970, EX, True, Sector.STATE, POST),
    Person("Trần Thị Lan", F, "Kinh", 1979, EL, False, Sector.FOREIGN, Education.COLLEGE),
    Person("Giàng A Páo", M, "Mông", 1993, EL, False, Sector.PUBLIC, Education.VOCATIONAL),
    Person("Đỗ Thị Mai", F, "Kinh", 1973, AP, False, Sector.PUBLIC, UNI),
    Person("Nguyễn Thị Nga", F, "Kinh", 1994, EL, False, Sector.NON_STATE, UNI),
    Person("Lê Văn Tùng", M, "Kinh", 1972, Kind.ELECTED, credentials=Credentials.PENDING),
    Person(
        "Phạm Văn Hải", M, "Kinh", 1980, Kind.ELECTED, credentials=Credentials.REFUSED,
        reason="Đã chuyển công tác khỏi ngành trước ngày khai mạc.",
    ),
)  # fmt: skip


def make_delegate(congress, person: Person, number: int | None = None) -> Delegate:
    delegate = Delegate(
        congress=congress,
        number=number,
        full_name=person.name,
        gender=person.gender,
        ethnicity=person.ethnicity,
        birth_year=person.birth_year,
        kind=person.kind,
        party_member=person.party,
        sector=person.sector,
        education=person.education,
        credentials=person.credentials,
        credentials_reason=person.reason,
    )
    delegate.full_clean()
    delegate.save()
    return delegate


def make_known_list(congress) -> list[Delegate]:
    delegates = [
        make_delegate(congress, person, number) for number, person in enumerate(KNOWN_LIST, 1)
    ]
    Guest.objects.create(
        congress=congress, full_name="Vũ Văn Khánh", position="Phó Chủ tịch Tổng Liên đoàn"
    )
    return delegates


def make_cap(kind, max_delegates=250, *, rule="Hướng dẫn 65/HD-TLĐ, mục 2.3", **fields):
    cap = DelegateCap(
        rule=rule,
        kind=kind,
        max_delegates=max_delegates,
        valid_from=fields.pop("valid_from", date(2023, 1, 1)),
        **fields,
    )
    cap.full_clean()
    cap.save()
    return cap


def make_ballot(congress, body, *, seats, issued, valid, votes, round=1) -> Ballot:
    """A ballot saved as the admin would, candidates in the order given: (name, votes)."""
    ballot = Ballot.objects.create(
        congress=congress,
        body=body,
        round=round,
        seats=seats,
        ballots_issued=issued,
        ballots_valid=valid,
    )
    for order, (name, count) in enumerate(votes, start=1):
        Candidate.objects.create(ballot=ballot, full_name=name, votes=count, order=order)
    return ballot


def make_secretary(username="dinh.thi.thao"):
    """Federation staff in the congress secretary's role."""
    return make_staff(username, roles.CONGRESS_SECRETARY, first_name="Đinh Thị", last_name="Thảo")


HEADINGS = [heading for _key, heading in COLUMNS]


def xlsx_upload(rows, *, headings=HEADINGS, name="danh-sach-dai-bieu.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(headings)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


FAMILY = ("Lò", "Quàng", "Nguyễn", "Trần", "Cà", "Lường", "Vì", "Hoàng")
MIDDLE = ("Thị", "Văn", "Minh", "Đức", "Thanh", "Ngọc", "Hữu", "Kim")
GIVEN = ("Hoa", "Minh", "Thu", "Sơn", "Hạnh", "Toàn", "Yến", "Khải", "Lan", "Dũng")


def delegate_rows(count: int, *, unit_name="Công đoàn phường Mường Thanh", start=1) -> list:
    """`count` clean rows of the template, each a different person (up to 640)."""
    rows = []
    for index in range(start, start + count):
        name = " ".join((FAMILY[index % 8], MIDDLE[(index // 8) % 8], GIVEN[(index // 64) % 10]))
        rows.append(
            [
                index,
                name,
                unit_name,
                "Ủy viên Ban Chấp hành",
                "Nữ" if index % 2 else "Nam",
                "Thái" if index % 3 == 0 else "Kinh",
                1960 + index % 40,
                "Đại học",
                "x" if index % 4 == 0 else "",
                "Được bầu",
            ]
        )
    return rows
