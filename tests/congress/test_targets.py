"""Targets of the term: measured from the register and accepted reports, or recorded."""

from datetime import date
from decimal import Decimal

from congress.models import Target
from congress.services.targets import targets_progress
from members import services as member_services
from members.models import Report, ReportStatus, Sector, Unit
from tests.congress.factories import add_target, make_ward_congress, record_progress, year
from tests.helpers import vi
from tests.members.factories import make_register, open_period

Measure = Target.Measure


def figures(status) -> dict[int, Decimal]:
    return {item.year: item.value for item in status.years}


def test_members_admitted_during_the_term_add_up_year_by_year(twelfth, tree):
    make_register(tree)  # six admitted last year, four this year
    target = add_target(
        twelfth, "Kết nạp mới 12 đoàn viên", 12, "đoàn viên", measure=Measure.MEMBERS_ADMITTED
    )
    [status] = targets_progress(twelfth)
    assert status.target == target
    assert figures(status) == {year() - 3: 0, year() - 2: 0, year() - 1: 6, year(): 10}
    assert status.percent == 83.3
    assert not status.met
    assert status.source == vi(
        "Member register: admissions recorded since 1 January %(year)d", year=year() - 3
    )


def test_a_yearly_target_counts_each_year_alone(twelfth, tree):
    make_register(tree)
    add_target(
        twelfth,
        "Mỗi năm kết nạp ít nhất 4 đoàn viên",
        4,
        "đoàn viên",
        group=Target.Group.YEARLY,
        measure=Measure.MEMBERS_ADMITTED,
    )
    [status] = targets_progress(twelfth)
    assert figures(status)[year()] == 4
    assert status.met


def test_members_in_the_register_at_each_year_end(twelfth, tree):
    make_register(tree)  # one of the ten left today
    add_target(twelfth, "Đạt 9 đoàn viên", 9, "đoàn viên", measure=Measure.MEMBERS_TOTAL)
    [status] = targets_progress(twelfth)
    assert figures(status)[year() - 1] == 6
    assert figures(status)[year()] == 9
    assert status.met
    assert status.percent == 100.0


def test_a_ward_congress_counts_only_below_the_ward(tree):
    make_register(tree)
    ward = make_ward_congress(tree)
    add_target(ward, "Kết nạp đoàn viên", 10, "đoàn viên", measure=Measure.MEMBERS_ADMITTED)
    [status] = targets_progress(ward)
    # school and builder: Ơn, Én, Mai last year, Hương and Dũng this year (10 in the province)
    assert status.latest.value == 5


def test_grassroots_unions_founded_during_the_term(twelfth, tree):
    founded = Unit(
        name="Công đoàn cơ sở Công ty TNHH Chè Mường Ảng",
        kind=tree.kinds["grassroots"],
        parent=tree.commune,
        sector=Sector.NON_STATE,
        founded_on=date(year() - 1, 3, 8),
    )
    member_services.save_unit(unit=founded)
    add_target(twelfth, "Thành lập mới 5 CĐCS", 5, "CĐCS", measure=Measure.NEW_GRASSROOTS)
    [status] = targets_progress(twelfth)
    assert status.latest.value == 1
    assert status.percent == 20.0
    assert "%s" % (year() - 3) in status.source


def accepted_reports(tree, *, agreements, dialogues):
    """This year's round, every report accepted, with these answers.

    The report workflow (officers fill in, the unit above accepts) has its own tests in
    tests/members; here only the accepted figures matter.
    """
    open_period()
    for report in Report.objects.select_related("unit"):
        report.collective_agreement = report.unit in agreements
        report.dialogues_held = 2 if report.unit in dialogues else 0
        report.status = ReportStatus.ACCEPTED
        report.save()


def test_shares_come_from_the_accepted_reports(twelfth, tree):
    make_register(tree)
    accepted_reports(
        tree,
        agreements=[tree.garment, tree.power, tree.school],  # the school is not an enterprise
        dialogues=[tree.school, tree.garment],
    )
    add_target(twelfth, "95% doanh nghiệp có TƯLĐTT", 95, "%", measure=Measure.AGREEMENT_SHARE)
    add_target(twelfth, "40% CĐCS đối thoại", 40, "%", measure=Measure.DIALOGUE_SHARE, order=2)
    agreement, dialogue = targets_progress(twelfth)
    # enterprises: builder (no), garment (yes), power (yes)
    assert figures(agreement) == {year(): Decimal("66.7")}
    assert not agreement.met
    # five existing grassroots unions reported; two held a dialogue
    assert figures(dialogue) == {year(): Decimal("40.0")}
    assert dialogue.met
    assert dialogue.source == vi(
        "Accepted reports: grassroots unions that held at least one worker dialogue"
    )


def test_a_report_not_yet_accepted_does_not_count(twelfth, tree):
    make_register(tree)
    open_period()  # drafts only
    add_target(twelfth, "95% doanh nghiệp có TƯLĐTT", 95, "%", measure=Measure.AGREEMENT_SHARE)
    [status] = targets_progress(twelfth)
    assert status.years == ()
    assert status.percent == 0


def test_a_target_staff_fill_in_shows_their_figures(twelfth):
    target = add_target(twelfth, "100% CĐCS có quỹ xã hội", 100, "%")
    record_progress(target, y2024="62.5", y2025="78")
    [status] = targets_progress(twelfth)
    assert [(item.year, item.text) for item in status.years] == [(2024, "62,5"), (2025, "78")]
    assert status.percent == 78.0
    assert status.source == vi("Recorded by the federation's staff")


def test_the_figures_cost_one_query_per_measure_whatever_the_targets(
    twelfth, tree, django_assert_num_queries
):
    make_register(tree)
    for number in range(6):
        add_target(twelfth, f"Chỉ tiêu {number}", 10, "đoàn viên", measure=Measure.MEMBERS_ADMITTED)
        record_progress(add_target(twelfth, f"Chỉ tiêu tự nhập {number}", 5, "%"), y2025="3")
    # the targets, their recorded progress, one query for the admissions
    with django_assert_num_queries(3):
        statuses = targets_progress(twelfth)
    assert len(statuses) == 12
