"""A union's periodic report takes its welfare figures from the grants approved in the
period, with the source named; the register does not import welfare to do it."""

from datetime import date, timedelta

import pytest

from members import services as member_services
from members.models import Report, ReportPeriod
from tests.helpers import logged_in, shows, vi
from tests.welfare.factories import propose, today
from welfare import services


def open_round() -> ReportPeriod:
    year = today().year
    period = ReportPeriod(
        name=f"Báo cáo công tác công đoàn năm {year}",
        kind=ReportPeriod.Kind.YEAR,
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
        deadline=date(year, 12, 31) + timedelta(days=15),
    )
    member_services.open_period(period=period)
    return period


@pytest.fixture
def approved(tet, tree, members, school_officer, ward_officer, builder_officer):
    """Two of the school's members approved (1.000.000 and 1.500.000 đồng), one waiting."""
    for key, amount in (("huong", 1_000_000), ("on", 1_500_000)):
        grant = propose(tet, tree.school, members[key], user=school_officer, cash_amount=amount)
        services.approve_grant(grant=grant, user=ward_officer)
    propose(tet, tree.builder, members["mai"], user=builder_officer)


def test_a_round_opens_with_the_welfare_figures_of_the_approved_grants(tree, approved):
    period = open_round()
    school = Report.objects.get(period=period, unit=tree.school)
    assert (school.welfare_members, school.welfare_amount) == (2, 2_500_000)
    assert school.prefilled["welfare_amount"] == 2_500_000
    # The builder's proposal is not approved: its union reports what it gave itself.
    builder = Report.objects.get(period=period, unit=tree.builder)
    assert (builder.welfare_members, builder.welfare_amount) == (0, 0)
    assert "welfare_members" not in builder.prefilled


def test_the_report_form_follows_the_approved_lists_and_names_the_source(
    tet, tree, members, school_officer, ward_officer
):
    period = open_round()
    report = Report.objects.get(period=period, unit=tree.school)
    assert report.welfare_members == 0
    # Approved after the round opened: the draft follows, the source is named.
    grant = propose(tet, tree.school, members["huong"], user=school_officer)
    services.approve_grant(grant=grant, user=ward_officer)
    response = logged_in(school_officer).get(report.get_absolute_url())
    page = response.content.decode()
    assert 'name="welfare_members" value="1"' in page
    assert 'name="welfare_amount" value="1000000"' in page
    assert shows(response, vi("From the approved lists of the welfare programmes"))


def test_a_welfare_figure_the_union_changes_needs_no_note(tree, approved, school_officer):
    period = open_round()
    report = Report.objects.get(period=period, unit=tree.school)
    report.welfare_members = 5  # it also gave from its own funds
    member_services.save_report(report=report, user=school_officer)
    assert Report.objects.get(pk=report.pk).welfare_members == 5
