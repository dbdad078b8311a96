"""The union tree: materialized paths, one-query subtrees, and reforms that keep history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum

from members import scope, services
from members.models import Report, ReportPeriod, Unit, UnitMove, path_segment
from tests.helpers import vi
from tests.members.factories import (
    make_officer,
    make_organisation_officer,
    make_register,
    open_period,
    today,
)

pytestmark = pytest.mark.django_db


def names(units) -> list[str]:
    return [unit.name for unit in units]


def subtree_names(unit, **kwargs) -> set[str]:
    return {u.name for u in Unit.objects.subtree(unit, **kwargs)}


# ---------------------------------------------------------------------------------------
# Paths


def test_a_new_unit_gets_the_path_of_its_parent_and_its_own_id(tree):
    assert tree.province.path == f"{tree.province.pk:07d}."
    assert tree.ward.path == tree.province.path + path_segment(tree.ward.pk)
    assert tree.school.path == tree.ward.path + path_segment(tree.school.pk)
    assert tree.group.path == tree.section.path + path_segment(tree.group.pk)
    # What the database holds, not only the instance the service returned.
    stored = Unit.objects.get(pk=tree.group.pk)
    assert stored.path == tree.group.path
    assert stored.depth == 5
    assert stored.ancestor_ids == [
        tree.province.pk,
        tree.ward.pk,
        tree.school.pk,
        tree.section.pk,
    ]
    assert tree.province.depth == 1
    assert tree.power.depth == 2


def test_a_grassroots_union_needs_a_sector(tree):
    unit = Unit(name="Công đoàn cơ sở Trường Mầm non Hoa Ban", kind=tree.kinds["grassroots"])
    unit.parent = tree.ward
    with pytest.raises(ValidationError) as raised:
        services.save_unit(unit=unit)
    assert raised.value.message_dict["sector"] == [vi("Choose the sector of a grassroots union.")]
    assert not Unit.objects.filter(name="Công đoàn cơ sở Trường Mầm non Hoa Ban").exists()


# ---------------------------------------------------------------------------------------
# Subtrees


def test_the_subtree_of_a_unit_is_every_unit_below_it_at_any_depth(tree):
    assert subtree_names(tree.ward) == {
        "Công đoàn phường Mường Thanh",
        "Công đoàn cơ sở Trường THPT Phan Đình Giót",
        "Công đoàn bộ phận Tổ Toán – Tin",
        "Tổ công đoàn Giáo viên Toán",
        "Công đoàn cơ sở Công ty Cổ phần Xây dựng Mường Thanh",
    }
    assert subtree_names(tree.ward, include_self=False) == subtree_names(tree.ward) - {
        tree.ward.name
    }
    assert subtree_names(tree.group) == {"Tổ công đoàn Giáo viên Toán"}
    assert len(subtree_names(tree.province)) == Unit.objects.count() == 11
    # The sibling second-level unit's branch is not part of it.
    assert not subtree_names(tree.ward) & subtree_names(tree.commune)


def test_listing_a_whole_subtree_is_one_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        listed = [(unit.name, unit.depth) for unit in Unit.objects.subtree(tree.province)]
    assert len(listed) == 11
    with django_assert_num_queries(1):
        deep = list(Unit.objects.subtree(tree.ward))
    assert tree.group in deep


def test_a_subtree_comes_in_tree_order_parents_before_their_children(tree):
    listed = list(Unit.objects.subtree(tree.ward))
    assert listed[0] == tree.ward
    assert listed.index(tree.school) < listed.index(tree.section) < listed.index(tree.group)
    for unit in listed[1:]:
        parent = next(u for u in listed if u.pk == unit.parent_id)
        assert listed.index(parent) < listed.index(unit)


# ---------------------------------------------------------------------------------------
# Moving a unit (a reform)


def test_moving_a_unit_moves_its_whole_subtree(tree):
    staff = make_organisation_officer()
    old_school_path = tree.school.path

    services.move_unit(unit=tree.school, new_parent=tree.commune, user=staff)

    tree.refresh()
    assert tree.school.parent == tree.commune
    assert tree.school.path == tree.commune.path + path_segment(tree.school.pk)
    assert tree.section.path == tree.school.path + path_segment(tree.section.pk)
    assert tree.group.path == tree.section.path + path_segment(tree.group.pk)
    assert tree.group.depth == 5  # same depth: both second-level unions sit at level 2
    assert tree.school.name in subtree_names(tree.commune)
    assert tree.group.name in subtree_names(tree.commune)
    assert subtree_names(tree.ward) == {
        "Công đoàn phường Mường Thanh",
        "Công đoàn cơ sở Công ty Cổ phần Xây dựng Mường Thanh",
    }
    # Nothing else moved.
    assert tree.builder.path == tree.ward.path + path_segment(tree.builder.pk)
    assert tree.clinic.path == tree.commune.path + path_segment(tree.clinic.pk)

    move = UnitMove.objects.get()
    assert move.unit == tree.school
    assert move.old_parent == tree.ward
    assert move.new_parent == tree.commune
    assert move.old_path == old_school_path
    assert move.moved_by == staff
    assert move.moved_on == today()


def test_moving_a_unit_up_a_level_shortens_the_paths_below_it(tree):
    services.move_unit(unit=tree.section, new_parent=tree.ward)
    tree.refresh()
    assert tree.section.depth == 3
    assert tree.group.depth == 4
    assert tree.group.path == tree.ward.path + path_segment(tree.section.pk) + path_segment(
        tree.group.pk
    )
    assert tree.group.name not in subtree_names(tree.school)


def test_members_follow_their_unit_when_it_moves(tree):
    make_register(tree)
    before = services.subtree_figures(tree.commune)["members"]
    services.move_unit(unit=tree.school, new_parent=tree.commune)
    tree.refresh()
    assert services.subtree_figures(tree.commune)["members"] == before + 2
    assert services.subtree_figures(tree.ward)["members"] == 2


@pytest.mark.parametrize("target", ["ward", "school", "group"])
def test_a_unit_cannot_be_moved_under_itself_or_its_descendants(tree, target):
    paths = dict(Unit.objects.values_list("pk", "path"))
    with pytest.raises(ValidationError) as raised:
        services.move_unit(unit=tree.ward, new_parent=getattr(tree, target))
    assert raised.value.message_dict["parent"] == [vi("A unit cannot be placed under itself.")]
    assert dict(Unit.objects.values_list("pk", "path")) == paths
    assert Unit.objects.get(pk=tree.ward.pk).parent == tree.province
    assert not UnitMove.objects.exists()


def test_a_report_made_before_a_move_still_counts_under_the_old_parent(tree):
    make_register(tree)
    before_reform = open_period("Báo cáo 6 tháng đầu năm", kind="half-year")
    school_report = Report.objects.get(period=before_reform, unit=tree.school)
    old_ward_path = tree.ward.path
    # The round is over before the reform.
    ReportPeriod.objects.filter(pk=before_reform.pk).update(is_open=False)

    services.move_unit(unit=tree.school, new_parent=tree.commune)
    tree.refresh()

    school_report.refresh_from_db()
    assert school_report.unit_path == old_ward_path + path_segment(tree.school.pk)
    assert school_report.unit_path != tree.school.path

    def reported_under(unit, period):
        return Report.objects.filter(period=period, unit_path__startswith=unit.path).aggregate(
            total=Sum("total_members")
        )["total"]

    # The period before the reform: the school (2 members) still counts under the ward.
    assert reported_under(tree.ward, before_reform) == 2 + 2
    assert reported_under(tree.commune, before_reform) == 1 + 3
    # A period opened after the reform puts it under its new parent.
    after_reform = open_period("Báo cáo năm sau sắp xếp", kind="other")
    assert reported_under(tree.ward, after_reform) == 2
    assert reported_under(tree.commune, after_reform) == 1 + 3 + 2


def test_a_draft_of_an_open_period_follows_the_unit_to_its_new_parent(tree):
    make_register(tree)
    period = open_period("Báo cáo năm đang mở", kind="year")
    services.move_unit(unit=tree.school, new_parent=tree.commune)
    tree.refresh()
    draft = Report.objects.get(period=period, unit=tree.school)
    assert draft.unit_path == tree.school.path  # reminders and reviews go to the new parent


def test_save_unit_with_a_new_parent_goes_through_move_unit(tree):
    staff = make_organisation_officer()
    school = Unit.objects.get(pk=tree.school.pk)  # as the admin form loads it
    school.parent = tree.commune
    school.chairperson = "Lường Văn Dũng"

    services.save_unit(unit=school, user=staff)

    tree.refresh()
    assert tree.school.parent == tree.commune
    assert tree.school.chairperson == "Lường Văn Dũng"
    assert tree.group.path.startswith(tree.commune.path)
    move = UnitMove.objects.get()
    assert (move.unit, move.old_parent, move.new_parent, move.moved_by) == (
        tree.school,
        tree.ward,
        tree.commune,
        staff,
    )


def test_save_unit_without_a_new_parent_records_no_move(tree):
    school = Unit.objects.get(pk=tree.school.pk)
    school.employees = 90
    services.save_unit(unit=school)
    assert not UnitMove.objects.exists()
    assert Unit.objects.get(pk=tree.school.pk).employees == 90
    assert Unit.objects.get(pk=tree.group.pk).path == tree.group.path


def test_save_unit_refuses_a_parent_below_the_unit(tree):
    ward = Unit.objects.get(pk=tree.ward.pk)
    ward.parent = tree.school
    with pytest.raises(ValidationError) as raised:
        services.save_unit(unit=ward)
    assert raised.value.message_dict["parent"] == [vi("A unit cannot be placed under itself.")]
    assert Unit.objects.get(pk=tree.ward.pk).parent == tree.province


def test_an_officer_of_the_new_parent_acts_on_a_moved_unit_and_the_old_one_no_longer_does(tree):
    ward_officer = make_officer("lo.van.thang", tree.ward)
    commune_officer = make_officer("ca.thi.xuan", tree.commune)
    services.move_unit(unit=tree.school, new_parent=tree.commune)
    tree.refresh()
    assert not scope.may_act_on(ward_officer, tree.group)
    assert scope.may_act_on(commune_officer, tree.group)
    assert tree.group in scope.visible_units(commune_officer)


def test_saving_a_unit_loaded_before_its_parent_moved_keeps_the_new_path(tree):
    school = Unit.objects.get(pk=tree.school.pk)  # e.g. a change form opened a moment ago
    services.move_unit(unit=tree.ward, new_parent=tree.commune)  # meanwhile, a reform
    school.chairperson = "Lò Thị Hương"
    services.save_unit(unit=school)

    tree.refresh()
    assert tree.school.path == tree.ward.path + path_segment(tree.school.pk)
    assert tree.school.name in subtree_names(tree.commune)


def test_a_unit_dissolved_before_it_was_founded_is_refused_beside_the_date(tree):
    clinic = Unit.objects.get(pk=tree.clinic.pk)
    clinic.founded_on, clinic.dissolved_on = date(2012, 3, 1), date(2011, 12, 31)
    with pytest.raises(ValidationError) as raised:
        services.save_unit(unit=clinic)
    assert "dissolved_on" in raised.value.message_dict
    assert "unit_dissolved_after_founded" not in " ".join(raised.value.messages)
