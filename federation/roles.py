"""Staff roles as Django groups, with the permissions each one holds.

The groups are created and kept in step by data migrations (and again after every
`migrate`): change ROLE_PERMISSIONS here, add a migration that calls sync_roles, and
every database follows.
"""

ADMINISTRATOR = "Quản trị hệ thống"
NEWS_EDITOR = "Biên tập viên tin tức"
NEWS_APPROVER = "Người duyệt tin"
DOCUMENTS_CLERK = "Văn thư văn bản"
ORGANISATION_OFFICER = "Cán bộ tổ chức"
WELFARE_OFFICER = "Cán bộ phúc lợi"


def _crud(app_label: str, model: str, *actions: str) -> set[str]:
    return {f"{app_label}.{action}_{model}" for action in actions}


# Editors write, submit and illustrate articles; they read categories and tags.
_NEWS_WRITING = (
    _crud("news", "article", "view", "add", "change")
    | _crud("news", "photo", "view", "add", "change", "delete")
    | _crud("news", "tag", "view", "add")
    | _crud("news", "category", "view")
    | _crud("news", "comment", "view")
    | _crud("news", "errorreport", "view")
)
# Approvers also publish, return, feature, moderate comments and keep the categories.
_NEWS_APPROVING = (
    _NEWS_WRITING
    | {"news.publish_article", "news.delete_article"}
    | _crud("news", "category", "add", "change")
    | _crud("news", "tag", "change", "delete")
    | _crud("news", "comment", "change", "delete")
    | _crud("news", "errorreport", "change")
    | _crud("news", "newspreferences", "view", "change")
)

# The documents clerk files documents and keeps the lists they are filed under. Files
# can be removed (a wrong scan); documents are withdrawn by making them private.
_DOCUMENTS_FILING = (
    _crud("documents", "document", "view", "add", "change")
    | _crud("documents", "documentfile", "view", "add", "change", "delete")
    | _crud("documents", "documenttype", "view", "add", "change")
    | _crud("documents", "issuer", "view", "add", "change")
    | _crud("documents", "field", "view", "add", "change")
    | _crud("documents", "signer", "view", "add", "change")
)

# The organisation officer keeps the register and runs the reporting rounds.
_REGISTER_KEEPING = (
    _crud("members", "unitkind", "view", "add", "change")
    | _crud("members", "unit", "view", "add", "change")
    | _crud("members", "unitmove", "view")
    | _crud("members", "member", "view", "add", "change")
    | _crud("members", "membershipevent", "view")
    | _crud("members", "officer", "view", "add", "change", "delete")
    | _crud("members", "reportperiod", "view", "add", "change")
    | _crud("members", "report", "view", "change")
    | _crud("members", "reportattachment", "view")
    | _crud("members", "personaldataexport", "view")
)

# "app_label.codename" of each role's permissions; later issues fill these in.
ROLE_PERMISSIONS: dict[str, set[str]] = {
    ADMINISTRATOR: {
        "federation.view_siteprofile",
        "federation.change_siteprofile",
        "federation.view_dailyvisits",
        "federation.view_outgoingmail",
        "federation.retry_outgoingmail",
        "auth.view_user",
        "auth.add_user",
        "auth.change_user",
        "auth.view_group",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        *_NEWS_APPROVING,
        *_DOCUMENTS_FILING,
        "documents.delete_document",
        *_REGISTER_KEEPING,
    },
    NEWS_EDITOR: _NEWS_WRITING,
    NEWS_APPROVER: _NEWS_APPROVING,
    DOCUMENTS_CLERK: _DOCUMENTS_FILING,
    ORGANISATION_OFFICER: _REGISTER_KEEPING,
    WELFARE_OFFICER: set(),
}


def sync_roles(apps, using: str = "default") -> None:
    """Create the groups and give each exactly the permissions listed for it."""
    from django.contrib.auth.management import create_permissions

    # Permissions of models created in the same `migrate` run do not exist yet.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, wanted in ROLE_PERMISSIONS.items():
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
