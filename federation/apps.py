import axes.apps
import django_tasks_db.apps
from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_delete, post_migrate
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib.auth import get_user_model

        from federation import demo, files, home, menu, pagecache, roles
        from federation.models import HomeBlockPlacement, SiteProfile

        post_migrate.connect(_sync_roles_after_migrate, sender=self)
        # Every StoredFile model's bytes leave the disk with its row. Connected per model:
        # a receiver for every sender would stop Django's bulk deletes of all other rows.
        from federation.models import StoredFile

        for model in global_apps.get_models():
            if issubclass(model, StoredFile):
                post_delete.connect(
                    files.forget_file_of_deleted_row,
                    sender=model,
                    dispatch_uid=f"forget-stored-file:{model._meta.label}",
                )
        roles.grant(
            roles.ADMINISTRATOR,
            {
                "federation.view_siteprofile",
                "federation.change_siteprofile",
                "federation.view_dailyvisits",
                "federation.view_homeblockplacement",
                "federation.change_homeblockplacement",
                "auth.view_user",
                "auth.add_user",
                "auth.change_user",
                "auth.view_group",
                "axes.view_accessattempt",
                "axes.delete_accessattempt",
                "federation.view_outgoingmail",
                "federation.retry_outgoingmail",
            },
        )
        # Who lays out the front page: the administrator, and the approver who publishes.
        roles.grant(
            roles.NEWS_APPROVER,
            {"federation.view_homeblockplacement", "federation.change_homeblockplacement"},
        )
        menu.register_menu_item(menu.MenuItem(_("Home"), "home", order=0))
        home.register_home_block(
            home.HomeBlock(
                name="federation-intro",
                template="federation/blocks/intro.html",
                context=_intro_block,
                order=90,
                region="aside",
                label=_("About the federation"),
            )
        )
        pagecache.invalidate_on_change(SiteProfile, HomeBlockPlacement)
        demo.watch_for_real_content(SiteProfile)
        demo.watch_for_real_content(get_user_model())
        demo.register_demo_step(demo.DemoStep(name="federation", run=_seed_federation, order=0))
        demo.register_demo_step(demo.DemoStep(name="visits", run=_seed_visits, order=90))
        # Last: texts that state the federation's size read it from the loaded register.
        demo.register_demo_step(
            demo.DemoStep(name="federation-size", run=_seed_federation_size, order=95)
        )


class LoginLockoutConfig(axes.apps.AppConfig):
    """django-axes under a Vietnamese name: its section of the admin lists the lockouts.

    axes gives its app no translatable name, so the admin showed "AXES". Not the default
    configuration of this module (`default = False`): INSTALLED_APPS names it.
    """

    default = False
    verbose_name = _("Login lockouts")


class TaskQueueConfig(django_tasks_db.apps.TasksAppConfig):
    """The task queue's tables (django-tasks-db) under a Vietnamese name in the admin."""

    default = False
    verbose_name = _("Background tasks")


def _sync_roles_after_migrate(sender, using, apps=global_apps, **kwargs):
    # `migrate` passes the migration state's apps; `flush` (and so every transactional test)
    # passes none, like Django's own create_permissions receiver expects.
    from federation.roles import sync_roles

    sync_roles(apps, using=using)


def _seed_federation_size(stdout, **options):
    from federation.seed import seed_federation_size

    seed_federation_size(stdout, **options)


def _intro_block(request):
    from federation.models import SiteProfile

    profile = SiteProfile.current()
    return {"profile": profile} if profile.intro else None


def _seed_federation(stdout, **options):
    from federation.seed import seed_federation

    seed_federation(stdout, **options)


def _seed_visits(stdout, **options):
    from federation.seed import seed_visits

    seed_visits(stdout, **options)
