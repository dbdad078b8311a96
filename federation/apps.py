from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib.auth import get_user_model

        from federation import demo, home, pagecache
        from federation.models import SiteProfile

        post_migrate.connect(_sync_roles_after_migrate, sender=self)
        home.register_home_block(
            home.HomeBlock(
                name="federation-intro",
                template="federation/blocks/intro.html",
                context=_intro_block,
                order=90,
                region="aside",
            )
        )
        pagecache.invalidate_on_change(SiteProfile)
        demo.watch_for_real_content(SiteProfile)
        demo.watch_for_real_content(get_user_model())
        demo.register_demo_step(demo.DemoStep(name="federation", run=_seed_federation, order=0))
        # Last: texts that state the federation's size read it from the loaded register.
        demo.register_demo_step(
            demo.DemoStep(name="federation-size", run=_seed_federation_size, order=90)
        )


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
