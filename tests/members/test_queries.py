"""Every officer-area page and /thong-ke/ runs a fixed number of queries, whatever the size
of the register: measured with 10 members in 3 extra units, then again with 200 members
in 30 extra units (new second-level unions with their own grassroots unions, reports in
every state, more attachments and a longer membership history).
"""

import re
from collections import Counter

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members import services
from members.models import (
    Member,
    MembershipEvent,
    Officer,
    Report,
    ReportAttachment,
    ReportStatus,
    Sector,
    Unit,
)
from tests.factories import browser
from tests.files import pdf_bytes, upload
from tests.helpers import logged_in
from tests.members.factories import (
    make_many_members,
    make_officer,
    make_register,
    make_tree,
    make_unit,
    open_period,
    today,
)

pytestmark = pytest.mark.django_db

SECTORS = [Sector.PUBLIC, Sector.STATE, Sector.NON_STATE, Sector.FOREIGN]


class World:
    """The register, grown on demand; `pages` are what is measured."""

    def __init__(self):
        self.tree = tree = make_tree()
        self.register = make_register(tree)
        self.people = {
            "province": make_officer("nguyen.duc.anh", tree.province, role=Officer.Role.CHAIR),
            "ward": make_officer("lo.thi.huong", tree.ward),
            "school": make_officer("lo.van.thang", tree.school),
            "builder": make_officer("tran.van.hai", tree.builder),
        }
        self.clients = {
            name: logged_in(user, address=f"10.0.5.{index}")
            for index, (name, user) in enumerate(self.people.items(), start=1)
        }
        self.units_added = 0
        self.members_added = 0
        self.files = 0
        self.period = open_period()
        self.grow(units=3, members=0, files=1, transfers=0)

    def grow(self, *, units: int, members: int, files: int, transfers: int) -> None:
        tree = self.tree
        kinds = tree.kinds
        new_grassroots = []
        for number in range(self.units_added, self.units_added + units):
            if number % 3 == 0:
                # A new second-level union (a commune formed in a reform).
                make_unit(f"Công đoàn xã Mường Phăng {number}", kinds["commune"], tree.province)
            else:
                parents = list(
                    Unit.objects.filter(parent=tree.province, kind=kinds["commune"]).order_by("pk")
                )
                parent = parents[number % len(parents)]
                new_grassroots.append(
                    make_unit(
                        f"Công đoàn cơ sở Công ty TNHH Nông sản Điện Biên {number}",
                        kinds["grassroots"],
                        parent,
                        sector=SECTORS[number % 4],
                        employees=500,
                    )
                )
        self.units_added += units
        homes = [tree.school, tree.builder, tree.clinic, tree.garment, *new_grassroots]
        for index in range(members):
            make_many_members(homes[index % len(homes)], 1, start=self.members_added + index)
        self.members_added += members
        # The new unions owe their report; reports move through every state.
        services.open_period(period=self.period)
        reports = list(
            Report.objects.filter(period=self.period)
            .exclude(unit__in=[tree.school, tree.builder])
            .order_by("pk")
        )
        for index, report in enumerate(reports):
            status = [
                ReportStatus.DRAFT,
                ReportStatus.SUBMITTED,
                ReportStatus.ACCEPTED,
                ReportStatus.RETURNED,
            ][index % 4]
            Report.objects.filter(pk=report.pk).update(status=status)
        # The builder's report is submitted (reviewed by the ward); both carry files.
        school = Report.objects.get(period=self.period, unit=tree.school)
        builder = Report.objects.get(period=self.period, unit=tree.builder)
        Report.objects.filter(pk=builder.pk).update(status=ReportStatus.DRAFT)
        builder.status = ReportStatus.DRAFT
        for number in range(self.files, self.files + files):
            for report, who in ((school, "school"), (builder, "builder")):
                services.attach_to_report(
                    report=report,
                    upload=upload(
                        f"Phụ lục {number} – {report.unit.short_name or 'báo cáo'}.pdf",
                        pdf_bytes(f"Phu luc {number} {report.pk}"),
                        "application/pdf",
                    ),
                    user=self.people[who],
                )
        self.files += files
        Report.objects.filter(pk=builder.pk).update(status=ReportStatus.SUBMITTED)
        # Hương moves back and forth: a longer history, with the other union on each line.
        huong = self.register.huong
        for _ in range(transfers):
            huong = services.transfer_member(member=huong, to_unit=tree.builder, on=today())
            huong = services.transfer_member(member=huong, to_unit=tree.school, on=today())

    def pages(self) -> dict[str, tuple[str, str]]:
        tree = self.tree
        school = Report.objects.get(period=self.period, unit=tree.school)
        builder = Report.objects.get(period=self.period, unit=tree.builder)
        return {
            "dashboard of the province": ("province", f"/co-so/don-vi/{tree.province.pk}/"),
            "dashboard of a grassroots union": ("school", f"/co-so/don-vi/{tree.school.pk}/"),
            "member list of the province": (
                "province",
                f"/co-so/don-vi/{tree.province.pk}/doan-vien/",
            ),
            "member list searched": (
                "province",
                f"/co-so/don-vi/{tree.province.pk}/doan-vien/?q=thi&gender=female&status=active",
            ),
            "member list of a grassroots union": (
                "school",
                f"/co-so/don-vi/{tree.school.pk}/doan-vien/",
            ),
            "member page": ("ward", f"/co-so/doan-vien/{self.register.huong.pk}/"),
            "report page for its union": ("school", f"/co-so/bao-cao/{school.pk}/"),
            "report page for the reviewer": ("ward", f"/co-so/bao-cao/{builder.pk}/"),
            "period progress of the province": (
                "province",
                f"/co-so/don-vi/{tree.province.pk}/ky-bao-cao/{self.period.pk}/",
            ),
            "period progress of a second-level union": (
                "ward",
                f"/co-so/don-vi/{tree.ward.pk}/ky-bao-cao/{self.period.pk}/",
            ),
            "public figures": (None, "/thong-ke/"),
        }

    def measure(self, page: str) -> list[str]:
        """The SQL of one request, with every cache empty (after a first request warmed
        the process-wide caches the same way for both sizes)."""
        who, path = self.pages()[page]
        client = self.clients[who] if who else browser(address="203.113.1.1")
        cache.clear()
        assert client.get(path).status_code == 200, path
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        return [query["sql"] for query in queries.captured_queries]


def shape(sql: str) -> str:
    """A query with its literal values and IN lists folded, to compare the kinds of query."""
    sql = re.sub(r'"s\d+_x\d+"', "?", sql)  # savepoint names
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"\((?:\?, )+\?\)", "(?)", sql)


CHILDREN_ONLY = (
    "`unit.children...only('name', 'path')` leaves out the parent foreign key, and the "
    "related manager reads `parent_id` of every row to attach the parent it already "
    "knows: one extra SELECT per unit directly below (deferred-field load). Fix: "
    "`.only('name', 'path', 'parent')` or `Unit.objects.filter(parent=unit)`."
)

PAGES = [
    "dashboard of the province",
    "dashboard of a grassroots union",
    "member list of the province",
    "member list searched",
    "member list of a grassroots union",
    "member page",
    "report page for its union",
    "report page for the reviewer",
]


@pytest.fixture
def world(db):
    return World()


def grow_large(world) -> None:
    world.grow(units=27, members=190, files=3, transfers=4)
    assert Unit.objects.count() >= 11 + 30


def compare(small: list[str], big: list[str]) -> str | None:
    if len(big) == len(small):
        return None
    extra = Counter(map(shape, big)) - Counter(map(shape, small))
    return f"{len(small)} → {len(big)} queries; extra: {dict(extra)}"


def test_the_officer_pages_run_the_same_queries_for_a_small_and_a_large_register(world):
    """One register grown once: every page measured before and after."""
    small = {page: world.measure(page) for page in PAGES}
    grow_large(world)
    big = {page: world.measure(page) for page in PAGES}
    differences = {page: compare(small[page], big[page]) for page in PAGES}
    assert {page: text for page, text in differences.items() if text} == {}


@pytest.mark.parametrize(
    ("page", "where"),
    [
        ("period progress of the province", "services/figures.py progress_by_child"),
        ("period progress of a second-level union", "services/figures.py progress_by_child"),
        ("public figures", "members/figures.py _by_second_level"),
    ],
)
def test_pages_listing_the_units_below_run_the_same_queries(world, page, where):
    small = world.measure(page)
    grow_large(world)
    big = world.measure(page)
    assert compare(small, big) is None, where


def test_the_large_register_is_really_large(world):
    world.grow(units=27, members=190, files=3, transfers=4)
    assert Member.objects.count() == 200
    assert Unit.objects.filter(parent=world.tree.province).count() >= 3 + 10
    assert Report.objects.filter(period=world.period).count() >= 5 + 20
    assert set(Report.objects.values_list("status", flat=True)) == set(ReportStatus.values)
    assert ReportAttachment.objects.count() == 8
    assert world.register.huong.events.count() >= 10
    assert (
        MembershipEvent.objects.filter(
            member=world.register.huong, other_unit__isnull=False
        ).count()
        == 16
    )
