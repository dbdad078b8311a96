"""The one access rule: an officer acts on their units and everything below them; staff
with the model permission act on all; anyone else on nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from members import scope, services
from members.models import Member, Officer, Report, Unit
from tests.factories import make_editor, make_user
from tests.members.factories import (
    fresh,
    make_officer,
    make_organisation_officer,
    open_period,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(tree):
    return {
        "ward": make_officer("lo.thi.huong", tree.ward, role=Officer.Role.CHAIR),
        "commune": make_officer("ca.van.on", tree.commune),
        "builder": make_officer("tran.van.hai", tree.builder),
        "school": make_officer("lo.van.thang", tree.school),
        "province": make_officer("nguyen.duc.anh", tree.province),
        "staff": make_organisation_officer(),
        "editor": make_editor(),  # staff, but not of the register
        "nobody": make_user("dang.van.nam", staff=False),
    }


def visible(user) -> set[str]:
    return {unit.name for unit in scope.visible_units(user)}


def names(units) -> set[str]:
    return {unit.name for unit in units}


def test_an_officer_of_a_second_level_union_sees_it_and_everything_below(tree, people):
    assert visible(people["ward"]) == names(
        [tree.ward, tree.school, tree.section, tree.group, tree.builder]
    )
    assert visible(people["commune"]) == names(
        [tree.commune, tree.clinic, tree.garment, tree.cooperative]
    )
    # Neither sees the other's branch, the province above, or the union beside them.
    assert not visible(people["ward"]) & visible(people["commune"])
    for outside in (tree.province, tree.power, tree.clinic):
        assert outside.name not in visible(people["ward"])


def test_an_officer_of_a_grassroots_union_sees_only_it_and_its_own_sections(tree, people):
    assert visible(people["builder"]) == {tree.builder.name}
    assert visible(people["school"]) == names([tree.school, tree.section, tree.group])


def test_an_officer_of_the_province_sees_the_whole_tree(tree, people):
    assert visible(people["province"]) == names(Unit.objects.all())


def test_staff_with_the_permission_see_everything(tree, people):
    assert visible(people["staff"]) == names(Unit.objects.all())
    assert scope.sees_everything(people["staff"])


def test_a_user_with_only_the_view_permission_sees_everything(tree):
    clerk = make_user("bui.thi.lan", staff=False)
    clerk.user_permissions.add(Permission.objects.get(codename="view_unit"))
    assert visible(fresh(clerk)) == names(Unit.objects.all())


@pytest.mark.parametrize("who", ["nobody", "editor"])
def test_anyone_else_sees_nothing(tree, register, people, who):
    user = people[who]
    assert visible(user) == set()
    assert not scope.scope(Member.objects.all(), user).exists()
    assert not any(scope.may_act_on(user, unit) for unit in Unit.objects.all())


def test_an_anonymous_visitor_sees_nothing(tree, register):
    anonymous = AnonymousUser()
    assert visible(anonymous) == set()
    assert scope.officer_units(anonymous) == []
    assert not scope.scope(Member.objects.all(), anonymous).exists()
    assert not scope.may_act_on(anonymous, tree.school)


def test_a_deactivated_staff_account_loses_the_permission(tree, people):
    staff = people["staff"]
    staff.is_active = False
    staff.save()
    assert visible(fresh(staff)) == set()


def test_an_officer_of_two_units_sees_both_branches(tree, people):
    officer = people["builder"]
    Officer.objects.create(user=officer, unit=tree.clinic)
    assert visible(fresh(officer)) == names([tree.builder, tree.clinic])


def test_members_are_scoped_by_the_same_rule(tree, register, people):
    def member_names(user) -> set[str]:
        return {member.full_name for member in scope.scope(Member.objects.all(), user)}

    # Én has left but is still in the school's register.
    assert member_names(people["ward"]) == {
        "Lò Thị Hương",
        "Quàng Văn Ơn",
        "Cà Thị Én",
        "Nguyễn Văn Dũng",
        "Trần Thị Mai",
    }
    assert member_names(people["builder"]) == {"Nguyễn Văn Dũng", "Trần Thị Mai"}
    assert member_names(people["commune"]) == {
        "Phạm Thu Trang",
        "Hoàng Thị Ánh",
        "Vũ Hồng Nhung",
        "Điêu Văn Hải",
    }
    assert len(member_names(people["staff"])) == Member.objects.count() == 10
    assert len(member_names(people["province"])) == 10


def test_a_transferred_member_leaves_the_old_officers_scope(tree, register, people):
    services.transfer_member(member=register.mai, to_unit=tree.clinic, on=register.mai.admitted_on)
    ward_members = scope.scope(Member.objects.all(), people["ward"])
    commune_members = scope.scope(Member.objects.all(), people["commune"])
    assert not ward_members.filter(pk=register.mai.pk).exists()
    assert commune_members.filter(pk=register.mai.pk).exists()


def test_reports_are_scoped_by_the_same_rule(tree, register, people):
    period = open_period()
    ward_reports = scope.scope(
        Report.objects.all(), people["ward"], permission="members.view_report"
    )
    assert {report.unit for report in ward_reports} == {tree.school, tree.builder}
    staff_reports = scope.scope(
        Report.objects.all(), people["staff"], permission="members.view_report"
    )
    assert staff_reports.count() == Report.objects.filter(period=period).count() == 5


def test_may_act_on_follows_the_rule(tree, people):
    ward = people["ward"]
    assert scope.may_act_on(ward, tree.ward)
    assert scope.may_act_on(ward, tree.group)  # four levels down is still below
    assert not scope.may_act_on(ward, tree.province)  # above
    assert not scope.may_act_on(ward, tree.clinic)  # the sibling's branch
    assert not scope.may_act_on(ward, tree.commune)
    builder = people["builder"]
    assert scope.may_act_on(builder, tree.builder)
    assert not scope.may_act_on(builder, tree.ward)
    assert not scope.may_act_on(builder, tree.school)
    assert all(scope.may_act_on(people["staff"], unit) for unit in Unit.objects.all())
    assert all(scope.may_act_on(people["province"], unit) for unit in Unit.objects.all())


def test_may_review_is_for_the_units_above_not_the_unit_itself(tree, register, people):
    period = open_period()
    school_report = Report.objects.get(period=period, unit=tree.school)
    clinic_report = Report.objects.get(period=period, unit=tree.clinic)

    assert services.may_review(people["ward"], school_report)
    assert services.may_review(people["province"], school_report)
    assert services.may_review(people["staff"], school_report)
    assert not services.may_review(people["school"], school_report)  # their own
    assert not services.may_review(people["commune"], school_report)  # a sibling's branch
    assert not services.may_review(people["builder"], school_report)
    assert not services.may_review(people["nobody"], school_report)
    assert not services.may_review(people["ward"], clinic_report)
    assert services.may_review(people["commune"], clinic_report)


def test_seeing_every_unit_does_not_make_a_reviewer(tree, register):
    """Staff review with the report permission, not with the permission to see units."""
    clerk = make_user("bui.thi.lan", staff=False)
    clerk.user_permissions.add(Permission.objects.get(codename="view_unit"))
    clerk = fresh(clerk)
    period = open_period()
    report = Report.objects.get(period=period, unit=tree.school)
    assert scope.may_act_on(clerk, tree.school)
    assert not services.may_review(clerk, report)


def test_the_rule_follows_the_tree_after_a_reform(tree, register, people):
    services.move_unit(unit=tree.builder, new_parent=tree.commune)
    ward, commune = fresh(people["ward"]), fresh(people["commune"])
    assert tree.builder.name not in visible(ward)
    assert tree.builder.name in visible(commune)
    assert not scope.scope(Member.objects.all(), ward).filter(unit=tree.builder).exists()
    assert scope.scope(Member.objects.all(), commune).filter(unit=tree.builder).count() == 2
