"""The demo union register that `seed_demo` loads: a believable tree, valid members, two rounds."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from federation.demo import is_demo, real_content
from federation.models import DemoRecord
from federation.seed import DEMO_LOGINS, seed_federation
from members import scope, services
from members.models import (
    Gender,
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
    path_segment,
)
from members.seed import OFFICER_SCHOOL, TOP, seed_members
from tests.factories import browser
from tests.helpers import loaded_for_reading, only_demo_steps

pytestmark = pytest.mark.django_db

Event = MembershipEvent.Kind
CARD = re.compile(r"^DB-(\d{4})-\d{6}$")


@pytest.fixture
def debug(settings):
    settings.DEBUG = True


def seed_register(*, logins: bool = True) -> str:
    """The federation step (the demo logins) and the register step: not the news pictures."""
    out = StringIO()
    seed_federation(out, logins=logins)
    seed_members(out, logins=logins)
    return out.getvalue()


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The register loaded once for a class of tests that only read it (each test's
    writes are still undone after it); a class that loads for itself does not use it."""
    with loaded_for_reading(django_db_blocker, tmp_path_factory.mktemp("seeded")):
        seed_register()
        yield


def counts() -> dict[str, int]:
    return {
        "kinds": UnitKind.objects.count(),
        "units": Unit.objects.count(),
        "members": Member.objects.count(),
        "member history": Member.history.count(),
        "events": MembershipEvent.objects.count(),
        "officers": Officer.objects.count(),
        "periods": ReportPeriod.objects.count(),
        "reports": Report.objects.count(),
        "report history": Report.history.count(),
        "demo records": DemoRecord.objects.count(),
        "users": get_user_model().objects.count(),
    }


def demo_user(username: str):
    return get_user_model().objects.get(username=username)


class TestTree:
    def test_the_federation_after_the_reform_with_about_sixty_grassroots_unions(self, seeded, db):
        top = Unit.objects.get(parent=None)
        assert top.name == TOP.name
        second = list(top.children.select_related("kind"))
        assert 6 <= len(second) <= 10
        kinds = Counter(unit.kind.name for unit in second)
        assert kinds["Công đoàn xã, phường"] >= 4
        assert kinds["Công đoàn ngành"] == 2
        assert "Công đoàn phường Điện Biên Phủ" in {unit.name for unit in second}

        grassroots = Unit.objects.grassroots()
        assert 55 <= grassroots.count() <= 65
        assert set(grassroots.values_list("sector", flat=True)) == set(Sector.values)
        assert grassroots.filter(kind__name="Nghiệp đoàn").exists()
        assert grassroots.filter(name__contains="Xi măng Điện Biên").exists()
        assert grassroots.filter(name__contains="May mặc").exists()
        assert not grassroots.filter(Q(employer="") & ~Q(kind__name="Nghiệp đoàn")).exists()
        assert not grassroots.filter(Q(chairperson="") | Q(commune="")).exists()
        assert not grassroots.filter(founded_on=None).exists()

    def test_every_path_is_the_parent_path_and_the_own_segment(self, seeded, db):
        units = {unit.pk: unit for unit in Unit.objects.all()}
        for unit in units.values():
            parent_path = units[unit.parent_id].path if unit.parent_id else ""
            assert unit.path == parent_path + path_segment(unit.pk), unit.name
        school = Unit.objects.get(name=OFFICER_SCHOOL)
        assert school.depth == 3
        assert Unit.objects.subtree(school, include_self=False).count() >= 3  # tổ công đoàn
        assert Unit.objects.subtree(Unit.objects.get(parent=None)).count() == len(units)

    def test_one_union_was_dissolved_into_another_and_its_members_followed(self, seeded, db):
        dissolved = Unit.objects.get(dissolved_on__isnull=False)
        assert dissolved.merged_into is not None
        assert dissolved.merged_into.dissolved_on is None
        assert not dissolved.members.exists()
        moved = MembershipEvent.objects.filter(unit=dissolved, kind=Event.TRANSFERRED_OUT)
        assert moved.count() >= 5
        assert set(moved.values_list("other_unit", flat=True)) == {dissolved.merged_into_id}
        assert not Report.objects.filter(unit=dissolved).exists()


class TestMembers:
    def test_about_fifteen_hundred_members_with_valid_unique_id_numbers(self, seeded, db):
        members = list(Member.objects.select_related("unit__kind"))
        assert 1400 <= len(members) <= 1600
        ids = [member.national_id for member in members]
        assert len(set(ids)) == len(ids)
        for member in members:
            number, born = member.national_id, member.date_of_birth
            assert re.fullmatch(r"011\d{9}", number), number
            century = 2 if born.year >= 2000 else 0
            assert int(number[3]) == century + (1 if member.gender == Gender.FEMALE else 0)
            assert number[4:6] == f"{born.year % 100:02d}"
            assert member.unit.kind.is_grassroots
            assert born < member.admitted_on <= timezone.localdate()
            assert member.search_name
        # The model's own validation passes too (ID format, unique card, dates).
        for member in members[::50]:
            member.full_clean()

    def test_names_cards_phones_and_dates_look_like_the_province(self, seeded, db):
        members = Member.objects.all()
        families = Counter(name.split()[0] for name in members.values_list("full_name", flat=True))
        for family in ("Nguyễn", "Lò", "Quàng", "Cầm", "Lường", "Vừ", "Giàng", "Thào", "Mùa"):
            assert families[family] > 0, family
        cards = [card for card in members.values_list("card_number", flat=True) if card]
        assert len(cards) == len(set(cards))
        assert len(members) * 0.5 < len(cards) < len(members)
        assert all(CARD.match(card) for card in cards)
        assert members.exclude(phone="").count() > len(members) * 0.7
        assert all(
            re.fullmatch(r"0\d{9}", phone)
            for phone in members.values_list("phone", flat=True)
            if phone
        )
        this_year = members.filter(admitted_on__year=timezone.localdate().year).count()
        assert 30 <= this_year <= 250
        years = set(members.values_list("admitted_on__year", flat=True))
        assert len(years) > 15
        assert members.filter(position="Chủ tịch công đoàn cơ sở").count() >= 50
        assert members.filter(position="Tổ trưởng công đoàn").exists()

    def test_women_are_most_of_the_schools_and_garment_companies(self, seeded, db):
        def female_share(condition):
            figures = Member.objects.filter(condition).aggregate(
                total=Count("pk"), female=Count("pk", filter=Q(gender=Gender.FEMALE))
            )
            return figures["female"] / figures["total"]

        assert female_share(Q(unit__name__contains="Trường")) > 0.55
        assert female_share(Q(unit__name__contains="May mặc")) > 0.7
        assert female_share(Q(unit__name__contains="Xe ôm")) < 0.2

    def test_the_register_is_consistent_with_the_events(self, seeded, db):
        members = Member.objects.all()
        admitted = MembershipEvent.objects.filter(kind=Event.ADMITTED)
        assert admitted.count() == members.count()
        assert not members.exclude(events__kind=Event.ADMITTED).exists()
        for event in admitted.select_related("member")[:200]:
            assert event.happened_on == event.member.admitted_on
        carded = members.exclude(card_number=None)
        issued = MembershipEvent.objects.filter(kind=Event.CARD_ISSUED)
        assert issued.count() == carded.count()
        assert set(issued.values_list("note", flat=True)) == set(
            carded.values_list("card_number", flat=True)
        )

        left = members.filter(status=MemberStatus.LEFT)
        assert 3 <= left.count() <= 10
        assert not left.filter(left_on=None).exists()
        assert MembershipEvent.objects.filter(kind=Event.LEFT).count() == left.count()

        outs = MembershipEvent.objects.filter(kind=Event.TRANSFERRED_OUT)
        ins = MembershipEvent.objects.filter(kind=Event.TRANSFERRED_IN)
        assert outs.count() == ins.count() >= 8
        # A transferred member is where the last transfer took them.
        for event in ins.select_related("member"):
            assert event.member.unit_id == event.unit_id


class TestOfficers:
    def test_the_grassroots_login_chairs_a_school_the_upper_login_is_above_it(self, seeded, db):
        coso, phuong = demo_user("canbo.coso"), demo_user("canbo.phuong")
        chair = Officer.objects.select_related("unit__kind").get(user=coso)
        assert chair.role == Officer.Role.CHAIR
        school = chair.unit
        assert school.name == OFFICER_SCHOOL
        assert school.kind.is_grassroots
        assert 35 <= school.members.filter(status=MemberStatus.ACTIVE).count() <= 45
        assert school.chairperson == f"{coso.first_name} {coso.last_name}"
        assert school.members.filter(full_name=school.chairperson, position__startswith="Chủ tịch")

        upper = Officer.objects.select_related("unit__kind").get(user=phuong)
        assert not upper.unit.kind.is_grassroots
        assert upper.unit.parent.parent_id is None  # second level
        assert school.path.startswith(upper.unit.path)
        assert coso.email
        assert phuong.email
        assert not coso.groups.exists()
        assert not phuong.groups.exists()
        assert is_demo(chair)
        assert is_demo(upper)

    def test_every_other_grassroots_chair_has_an_account_that_cannot_log_in(self, seeded, db):
        existing = Unit.objects.grassroots().filter(dissolved_on=None)
        chairs = Officer.objects.filter(unit__in=existing, role=Officer.Role.CHAIR)
        assert chairs.count() == existing.count()
        for officer in chairs.select_related("user", "unit").exclude(user__username="canbo.coso"):
            user = officer.user
            assert user.username.startswith("cs.")
            assert f"{user.first_name} {user.last_name}" == officer.unit.chairperson
            assert user.email or officer.unit.reports.filter(status=ReportStatus.RETURNED)
            assert not user.has_usable_password()
            assert not user.is_staff
            assert is_demo(user)
            assert is_demo(officer)

    def test_the_rules_give_each_officer_their_own_part_of_the_tree(self, seeded, db):
        coso, phuong = demo_user("canbo.coso"), demo_user("canbo.phuong")
        school = Unit.objects.get(name=OFFICER_SCHOOL)
        report = Report.objects.get(unit=school, period__is_open=True)
        assert scope.may_act_on(coso, school)
        assert not services.may_review(coso, report)
        assert services.may_review(phuong, report)
        ward = scope.visible_units(phuong)
        assert ward.grassroots().count() >= 5
        assert ward.count() < Unit.objects.count()
        assert list(scope.visible_units(coso).grassroots()) == [school]

    def test_the_officer_logins_reach_their_dashboards(self, seeded, db):
        for username in ("canbo.coso", "canbo.phuong"):
            client = browser()
            response = client.post(
                "/tai-khoan/dang-nhap/", {"username": username, "password": "CanBo@2026"}
            )
            assert response.status_code == 302, username
            unit = Officer.objects.get(user__username=username).unit
            page = client.get(f"/co-so/don-vi/{unit.pk}/")
            assert page.status_code == 200, username
            assert unit.name in page.content.decode()


class TestReports:
    def test_an_open_round_part_way_through_and_a_closed_round_all_accepted(self, seeded, db):
        open_period = ReportPeriod.objects.get(is_open=True)
        closed = ReportPeriod.objects.get(is_open=False)
        assert open_period.name.startswith("Báo cáo năm")
        assert closed.name.startswith("Báo cáo 6 tháng đầu năm")
        assert closed.ends_on < open_period.ends_on <= open_period.deadline
        existing = Unit.objects.grassroots().existing_on(open_period.ends_on).count()
        assert open_period.reports.count() == existing

        statuses = Counter(open_period.reports.values_list("status", flat=True))
        assert statuses[ReportStatus.RETURNED] == 1
        assert 3 <= statuses[ReportStatus.ACCEPTED] <= 10
        assert 5 <= statuses[ReportStatus.SUBMITTED] <= 20
        assert statuses[ReportStatus.DRAFT] > existing / 2
        assert set(closed.reports.values_list("status", flat=True)) == {ReportStatus.ACCEPTED}

        returned = open_period.reports.get(status=ReportStatus.RETURNED)
        assert returned.return_reason
        assert returned.reviewed_by.username == "canbo.phuong"
        for report in open_period.reports.filter(
            status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.RETURNED]
        ).select_related("unit", "submitted_by", "reviewed_by"):
            assert report.unit.officers.filter(user=report.submitted_by).exists()
            assert report.reviewed_by != report.submitted_by
        school = open_period.reports.get(unit__name=OFFICER_SCHOOL)
        assert school.status == ReportStatus.DRAFT  # for canbo.coso to submit
        assert closed.reports.get(unit__name=OFFICER_SCHOOL).submitted_by.username == "canbo.coso"

    def test_reports_went_through_the_workflow_with_sound_figures(self, seeded, db):
        now = timezone.now()
        for report in Report.objects.select_related("period"):
            report.full_clean()
            if report.status == ReportStatus.DRAFT:
                assert report.submitted_at is None
                continue
            assert report.submitted_by is not None
            assert report.period.opened_at <= report.submitted_at <= now
            assert report.results
            assert not services.changed_figures(report) or report.change_note
            if report.status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED):
                assert report.submitted_at < report.reviewed_at <= now
                assert report.reviewed_by is not None
        submitted = Report.objects.filter(status=ReportStatus.SUBMITTED).first()
        assert submitted.history.filter(status=ReportStatus.SUBMITTED).exists()


class TestRunningAgain:
    def test_a_second_run_adds_nothing(self, debug):
        seed_register()
        first = counts()

        output = seed_register()

        assert counts() == first
        assert "(0 new;" in output
        assert real_content() == []

    def test_without_logins_the_same_register_and_no_accounts(self):
        output = seed_register(logins=False)

        assert not get_user_model().objects.exists()
        assert not Officer.objects.exists()
        assert 55 <= Unit.objects.grassroots().count() <= 65
        assert Member.objects.count() >= 1400
        statuses = set(
            ReportPeriod.objects.get(is_open=True).reports.values_list("status", flat=True)
        )
        assert statuses == set(ReportStatus.values)
        assert "Union register:" in output
        first = counts()
        seed_register(logins=False)
        assert counts() == first

    def test_a_real_federation_of_the_same_name_is_left_alone(self, debug):
        kind = UnitKind.objects.create(name="Liên đoàn Lao động tỉnh")
        services.save_unit(unit=Unit(name=TOP.name, kind=kind))

        output = seed_register()

        assert "Skipped the demo union register" in output
        assert Unit.objects.count() == 1
        assert not Member.objects.exists()
        assert not ReportPeriod.objects.exists()


def test_loading_sends_no_mail(debug, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        seed_register()

    assert mailoutbox == []


def test_seed_demo_prints_the_upper_level_officer_login(debug, monkeypatch):
    only_demo_steps(monkeypatch, "federation", "members")
    out = StringIO()
    call_command("seed_demo", stdout=out)
    output = out.getvalue()

    assert "Union register:" in output
    login = next(login for login in DEMO_LOGINS if login[0] == "canbo.phuong")
    assert login[-1] == "cán bộ công đoàn cấp trên"
    assert re.search(r"cán bộ công đoàn cấp trên\s+canbo\.phuong\s+/ CanBo@2026", output)
    assert real_content() == []
