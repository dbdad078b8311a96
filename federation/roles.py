"""Staff roles as Django groups, with the permissions each one holds.

The roles are the federation's staff jobs, so their names live here. The permissions a
role holds are contributed by the apps: each app grants, in its AppConfig.ready(), the
permissions of its own models to the roles that use them (`grant`), so adding an app
touches nothing in this module.

The groups are created and kept in step after every `migrate` (and `flush`): change what
an app grants and every database follows at the next migrate.
"""

from collections import defaultdict
from collections.abc import Iterable

ADMINISTRATOR = "Quản trị hệ thống"
NEWS_EDITOR = "Biên tập viên tin tức"
NEWS_APPROVER = "Người duyệt tin"
DOCUMENTS_CLERK = "Văn thư văn bản"
ORGANISATION_OFFICER = "Cán bộ tổ chức"
WELFARE_OFFICER = "Cán bộ phúc lợi"
CONGRESS_SECRETARY = "Thư ký đại hội"
LEGAL_ADVISER = "Tư vấn pháp luật"

ROLES = (
    ADMINISTRATOR,
    NEWS_EDITOR,
    NEWS_APPROVER,
    DOCUMENTS_CLERK,
    ORGANISATION_OFFICER,
    WELFARE_OFFICER,
    CONGRESS_SECRETARY,
    LEGAL_ADVISER,
)

_GRANTS: dict[str, set[str]] = defaultdict(set)


def crud(app_label: str, model: str, *actions: str) -> set[str]:
    """`crud("news", "tag", "view", "add")` -> {"news.view_tag", "news.add_tag"}."""
    return {f"{app_label}.{action}_{model}" for action in actions}


def grant(role: str, permissions: Iterable[str]) -> None:
    """Give `role` these "app_label.codename" permissions (called from an app's ready())."""
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}; the roles are {', '.join(ROLES)}")
    _GRANTS[role].update(permissions)


def grant_roles(grants: dict[str, Iterable[str]]) -> None:
    """`grant` for each role of an app's {role: permissions} table."""
    for role, permissions in grants.items():
        grant(role, permissions)


def role_permissions() -> dict[str, set[str]]:
    """Every role, with the permissions the installed apps grant it (possibly none)."""
    return {role: set(_GRANTS.get(role, ())) for role in ROLES}


def sync_roles(apps, using: str = "default") -> None:
    """Create the groups and give each exactly the permissions granted to it."""
    from django.contrib.auth.management import create_permissions

    # Permissions of models created in the same `migrate` run do not exist yet.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, wanted in role_permissions().items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        permissions = []
        for label in sorted(wanted):
            app_label, codename = label.split(".")
            permission = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if permission is not None:
                permissions.append(permission)
        group.permissions.set(permissions)
