"""Staff roles: the groups the migrations create and keep in step with what the apps grant."""

import django.apps
import pytest
from django.contrib.auth.models import Group, Permission

from federation import roles

ALL_ROLES = [
    roles.ADMINISTRATOR,
    roles.NEWS_EDITOR,
    roles.NEWS_APPROVER,
    roles.DOCUMENTS_CLERK,
    roles.ORGANISATION_OFFICER,
    roles.WELFARE_OFFICER,
    roles.CONGRESS_SECRETARY,
    roles.LEGAL_ADVISER,
]


def permissions_of(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def snapshot() -> dict[str, set[str]]:
    return {group.name: permissions_of(group.name) for group in Group.objects.all()}


pytestmark = pytest.mark.django_db


def test_the_seven_roles_exist_after_migrating_with_vietnamese_names():
    assert set(Group.objects.values_list("name", flat=True)) == set(ALL_ROLES)
    assert set(roles.role_permissions()) == set(ALL_ROLES)
    assert "Quản trị hệ thống" in ALL_ROLES
    assert "Biên tập viên tin tức" in ALL_ROLES
    assert "Thư ký đại hội" in ALL_ROLES


def test_the_congress_secretary_keeps_congresses_and_nothing_of_news_or_members(
    django_user_model,
):
    user = django_user_model.objects.create_user("thu.ky", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.CONGRESS_SECRETARY))
    assert user.has_perm("congress.change_congress")
    assert user.has_perm("congress.add_ballot")
    assert user.has_perm("congress.change_delegate")
    assert not user.has_perm("news.change_article")
    assert not user.has_perm("members.view_member")
    assert not user.has_perm("members.change_unit")


def test_each_role_holds_exactly_its_listed_permissions():
    for role, wanted in roles.role_permissions().items():
        assert permissions_of(role) == wanted, role


def test_the_administrator_role_can_edit_the_profile_and_unlock_accounts(django_user_model):
    user = django_user_model.objects.create_user("dieu.hanh", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    assert user.has_perm("federation.change_siteprofile")
    assert user.has_perm("axes.delete_accessattempt")
    assert not user.has_perm("federation.delete_siteprofile")
    assert not user.has_perm("auth.delete_user")


def test_sync_roles_twice_changes_nothing():
    before = snapshot()
    roles.sync_roles(django.apps.apps)
    roles.sync_roles(django.apps.apps)
    assert snapshot() == before
    assert Group.objects.count() == len(ALL_ROLES)


def test_sync_roles_restores_a_removed_permission_and_a_deleted_group():
    before = snapshot()
    administrator = Group.objects.get(name=roles.ADMINISTRATOR)
    administrator.permissions.remove(
        Permission.objects.get(content_type__app_label="federation", codename="change_siteprofile")
    )
    Group.objects.get(name=roles.NEWS_EDITOR).delete()

    roles.sync_roles(django.apps.apps)

    assert snapshot() == before


def test_sync_roles_takes_away_a_permission_given_by_hand():
    """The roles file is the single source: a permission added in the admin does not stay."""
    administrator = Group.objects.get(name=roles.ADMINISTRATOR)
    administrator.permissions.add(
        Permission.objects.get(content_type__app_label="auth", codename="delete_user")
    )

    roles.sync_roles(django.apps.apps)

    assert "auth.delete_user" not in permissions_of(roles.ADMINISTRATOR)


def test_users_keep_their_role_across_a_sync():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("bien.tap", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.NEWS_EDITOR))

    roles.sync_roles(django.apps.apps)

    assert list(user.groups.values_list("name", flat=True)) == [roles.NEWS_EDITOR]


@pytest.mark.django_db(transaction=True)
def test_roles_come_back_after_the_database_is_flushed():
    """`manage.py flush` empties every table; the roles must not vanish with the data."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)

    assert set(Group.objects.values_list("name", flat=True)) == set(ALL_ROLES)
    assert permissions_of(roles.ADMINISTRATOR) == roles.role_permissions()[roles.ADMINISTRATOR]
