"""The public API of members.scope, as congress and welfare will call it: one row in or
out of scope, an act refused, the units above a unit, rows reached through another model."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from members import scope, services
from members.models import Member, Officer, Report, ReportAttachment, in_subtree
from tests.factories import make_user
from tests.files import pdf_bytes, upload
from tests.members.factories import (
    make_officer,
    make_organisation_officer,
    make_register,
    open_period,
)

pytestmark = pytest.mark.django_db


def test_one_row_is_found_in_scope_and_answered_404_outside_it(tree):
    make_register(tree)
    ward = make_officer("lo.thi.huong", tree.ward)
    inside = Member.objects.filter(unit=tree.school).first()
    outside = Member.objects.filter(unit=tree.clinic).first()
    assert scope.get_in_scope(Member.objects.all(), ward, inside.pk) == inside
    with pytest.raises(Http404):
        scope.get_in_scope(Member.objects.all(), ward, outside.pk)
    staff = make_organisation_officer()
    assert scope.get_in_scope(Member.objects.all(), staff, outside.pk) == outside


def test_an_act_without_the_right_is_refused_with_the_message_given(tree):
    school = make_officer("lo.van.thang", tree.school)
    scope.require(school, tree.group)  # below their union: allowed
    with pytest.raises(PermissionDenied, match="Không được"):
        scope.require(school, tree.ward, scope.CHANGE_MEMBERS, "Không được")
    editor = make_user("dang.van.nam", staff=True)
    with pytest.raises(PermissionDenied):
        scope.require(editor, tree.school, scope.VIEW_MEMBERS)


def test_a_unit_is_overseen_from_above_not_by_its_own_officers(tree):
    ward = make_officer("lo.thi.huong", tree.ward, role=Officer.Role.CHAIR)
    assert scope.oversees(ward, tree.school)
    assert not scope.oversees(ward, tree.ward)
    assert scope.is_officer_of(ward, tree.ward)
    assert not scope.is_officer_of(ward, tree.school)
    assert scope.may_enter(ward)
    assert not scope.may_enter(make_user("dang.van.nam", staff=False))


def test_rows_reached_through_another_model_are_scoped_by_that_way(tree):
    period = open_period()
    school_officer = make_officer("lo.van.thang", tree.school)
    clinic_officer = make_officer("pham.thu.trang", tree.clinic)
    for officer, unit in ((school_officer, tree.school), (clinic_officer, tree.clinic)):
        report = Report.objects.get(period=period, unit=unit)
        services.attach_to_report(
            report=report, upload=upload(f"{unit.pk}.pdf", pdf_bytes()), user=officer
        )
    ward = make_officer("lo.thi.huong", tree.ward)
    seen = scope.scope(ReportAttachment.objects.all(), ward, unit_field="report__unit")
    assert [a.report.unit for a in seen] == [tree.school]
    assert (
        ReportAttachment.objects.filter(
            in_subtree([tree.ward, tree.commune], "report__unit")
        ).count()
        == 2
    )
    assert not ReportAttachment.objects.filter(in_subtree([], "report__unit")).exists()
