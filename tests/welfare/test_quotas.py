"""Quotas handed down the tree and the budget: approvals never go beyond either."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.helpers import vi
from tests.welfare.factories import make_programme, propose
from welfare import services
from welfare.models import GrantStatus, Programme, Quota


def message(error) -> str:
    return " ".join(error.value.messages)


def test_quotas_passed_down_never_add_up_to_more_than_the_quota_above(
    tree, tet, admin_user, ward_officer
):
    services.hand_out_quota(programme=tet, unit=tree.ward, places=10, user=admin_user)
    services.hand_out_quota(programme=tet, unit=tree.school, places=6, user=ward_officer)
    with pytest.raises(ValidationError) as error:
        services.hand_out_quota(programme=tet, unit=tree.builder, places=5, user=ward_officer)
    assert "11 suất" in message(error)
    assert "10 suất" in message(error)
    assert not Quota.objects.filter(unit=tree.builder).exists()
    quota = services.hand_out_quota(programme=tet, unit=tree.builder, places=4, user=ward_officer)
    assert quota.parent.unit == tree.ward


def test_a_quota_comes_only_from_the_unit_directly_above(
    tree, tet, admin_user, ward_officer, school_officer, commune_officer
):
    # The ward has no quota yet: the school cannot be given part of it.
    with pytest.raises(ValidationError) as error:
        services.hand_out_quota(programme=tet, unit=tree.school, places=2, user=admin_user)
    assert tree.ward.name in message(error)
    services.hand_out_quota(programme=tet, unit=tree.ward, places=10, user=admin_user)
    # Nobody gives their own unit a quota, nor a unit of another branch.
    with pytest.raises(PermissionDenied):
        services.hand_out_quota(programme=tet, unit=tree.school, places=2, user=school_officer)
    with pytest.raises(PermissionDenied):
        services.hand_out_quota(programme=tet, unit=tree.school, places=2, user=commune_officer)
    assert not Quota.objects.filter(unit=tree.school).exists()


def test_money_handed_out_never_exceeds_the_budget(tree, tet, admin_user):
    services.hand_out_quota(programme=tet, unit=tree.ward, amount=60_000_000, user=admin_user)
    with pytest.raises(ValidationError) as error:
        services.hand_out_quota(
            programme=tet, unit=tree.commune, amount=50_000_000, user=admin_user
        )
    assert "110.000.000 đồng" in message(error)
    assert "100.000.000 đồng" in message(error)


def test_approvals_stop_at_the_quota_of_every_unit_of_the_chain(
    tree, tet, members, admin_user, ward_officer, school_officer, builder_officer
):
    services.hand_out_quota(programme=tet, unit=tree.ward, places=2, user=admin_user)
    services.hand_out_quota(programme=tet, unit=tree.school, places=1, user=ward_officer)
    services.hand_out_quota(programme=tet, unit=tree.builder, places=1, user=ward_officer)
    first = propose(tet, tree.school, members["huong"], user=school_officer)
    second = propose(tet, tree.school, members["on"], user=school_officer)
    builder = propose(tet, tree.builder, members["mai"], user=builder_officer)

    services.approve_grant(grant=first, user=ward_officer)
    with pytest.raises(ValidationError) as error:
        services.approve_grant(grant=second, user=ward_officer)
    assert tree.school.name in message(error)
    second.refresh_from_db()
    assert second.status == GrantStatus.PROPOSED
    services.approve_grant(grant=builder, user=ward_officer)

    usage = {quota.unit_id: quota for quota in services.quota_usage(tet)}
    assert (usage[tree.ward.pk].used_places, usage[tree.ward.pk].left_places) == (2, 0)
    assert (usage[tree.school.pk].used_places, usage[tree.school.pk].left_places) == (1, 0)


def test_the_quota_above_binds_even_when_the_unit_has_room(
    tree, tet, members, admin_user, ward_officer, school_officer
):
    services.hand_out_quota(programme=tet, unit=tree.ward, amount=1_500_000, user=admin_user)
    services.hand_out_quota(programme=tet, unit=tree.school, places=5, user=ward_officer)
    first = propose(tet, tree.school, members["huong"], user=school_officer)
    second = propose(tet, tree.school, members["on"], user=school_officer)
    services.approve_grant(grant=first, user=ward_officer)
    with pytest.raises(ValidationError) as error:
        services.approve_grant(grant=second, user=ward_officer)
    assert "500.000 đồng" in message(error)


def test_approvals_never_exceed_the_budget(tree, admin_user, members, ward_officer, school_officer):
    small = make_programme(tree.province, name="Thăm hỏi ốm đau", budget=1_500_000)
    first = propose(small, tree.school, members["huong"], user=school_officer)
    second = propose(small, tree.school, members["on"], user=school_officer)
    services.approve_grant(grant=first, user=ward_officer)
    with pytest.raises(ValidationError) as error:
        services.approve_grant(grant=second, user=ward_officer)
    assert "500.000 đồng" in message(error)
    assert services.programme_totals(small)["amount"] == 1_000_000


def test_a_quota_cannot_drop_below_what_is_approved_under_it(
    tree, tet, members, admin_user, ward_officer, school_officer
):
    services.hand_out_quota(programme=tet, unit=tree.ward, places=3, user=admin_user)
    grant = propose(tet, tree.school, members["huong"], user=school_officer)
    services.approve_grant(grant=grant, user=ward_officer)
    grant = propose(tet, tree.school, members["on"], user=school_officer)
    services.approve_grant(grant=grant, user=ward_officer)
    with pytest.raises(ValidationError) as error:
        services.hand_out_quota(programme=tet, unit=tree.ward, places=1, user=admin_user)
    assert "2 suất" in message(error)
    assert Quota.objects.get(unit=tree.ward).places == 3


def test_a_unit_without_a_quota_cannot_propose_once_quotas_are_handed_out(
    tree, tet, members, admin_user, commune_officer
):
    services.hand_out_quota(programme=tet, unit=tree.ward, places=3, user=admin_user)
    clinic_officer_grant_unit = tree.clinic
    with pytest.raises(ValidationError) as error:
        propose(tet, clinic_officer_grant_unit, members["trang"], user=commune_officer)
    assert vi("This unit has no quota in this programme.") in message(error)


def test_totals_are_one_query_each(
    tree,
    tet,
    members,
    admin_user,
    ward_officer,
    school_officer,
    builder_officer,
    django_assert_num_queries,
):
    for member, officer, unit in (
        (members["huong"], school_officer, tree.school),
        (members["on"], school_officer, tree.school),
        (members["mai"], builder_officer, tree.builder),
    ):
        services.approve_grant(grant=propose(tet, unit, member, user=officer), user=ward_officer)
    with django_assert_num_queries(1):
        by_programme = services.totals_by_programme()
    assert by_programme[tet.pk]["places"] == 3
    assert by_programme[tet.pk]["amount"] == 3_000_000
    # By kind and by year: the programmes' rows added up, no grant summed again.
    programmes = list(Programme.objects.select_related("kind"))
    with django_assert_num_queries(0):
        by_kind = services.totals_by_kind_of(programmes, by_programme.values())
        by_year = services.totals_by_year_of(programmes, by_programme.values())
    assert by_kind[0]["beneficiaries"] == 3
    assert by_year[0]["programme__year"] == tet.year
    with django_assert_num_queries(2):  # the sums, then the names of the units below
        branches = services.totals_by_branch(tree.ward)
    assert [(row["unit"], row["amount"]) for row in branches] == [
        (tree.builder, 1_000_000),
        (tree.school, 2_000_000),
    ]


def test_totals_by_branch_count_the_unit_itself_and_every_unit_below(
    tree, tet, members, admin_user, ward_officer, school_officer, commune_officer
):
    gift = {"in_kind_value": 200_000, "in_kind": "Gạo"}
    for member, unit, proposer, reviewer in (
        (members["huong"], tree.school, school_officer, ward_officer),
        (members["on"], tree.school, school_officer, ward_officer),
        (members["trang"], tree.clinic, commune_officer, commune_officer),
    ):
        grant = propose(tet, unit, member, user=proposer, **gift)
        services.approve_grant(grant=grant, user=reviewer)
    # The ward proposes a worker not yet a member itself.
    own = propose(
        tet, tree.ward, user=ward_officer, person_name="Cà Thị Én", relation="worker", **gift
    )
    services.approve_grant(grant=own, user=admin_user)
    propose(tet, tree.builder, members["mai"], user=ward_officer)  # waiting: not counted
    rows = services.totals_by_branch(tree.province)
    assert [(row["unit"], row["places"], row["amount"], row["beneficiaries"]) for row in rows] == [
        (tree.ward, 3, 3_600_000, 3),
        (tree.commune, 1, 1_200_000, 1),
    ]
    rows = services.totals_by_branch(tree.ward, [tet])
    assert [(row["unit"], row["amount"]) for row in rows] == [
        (tree.ward, 1_200_000),  # the unit itself first
        (tree.school, 2_400_000),
    ]
    last_year = make_programme(tree.province, name="Tết năm trước", year=tet.year - 1)
    assert services.totals_by_branch(tree.province, [last_year]) == []
    assert services.totals_by_branch(tree.province, []) == []
