from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Union units and members")
    url_prefix = ""  # its URLs spell out /co-so/… and /thong-ke/

    def ready(self):
        from federation import demo, home, menu, roles
        from members.models import Member, Unit
        from members.roles import GRANTS

        roles.grant_roles(GRANTS)
        menu.register_menu_item(menu.MenuItem(_("Figures"), "members:figures", order=50))

        home.register_home_block(
            home.HomeBlock(
                "members-figures",
                "members/blocks/figures.html",
                _figures_block,
                order=60,
                region="aside",
                label=_("Figures of the register"),
            )
        )
        # Register edits do not restart the page cache: officers save all day, and the
        # public figures are recomputed every few minutes (members/figures.py) anyway.
        demo.watch_for_real_content(Unit)
        demo.watch_for_real_content(Member)
        demo.register_demo_step(demo.DemoStep(name="members", run=_seed_members, order=40))


def _figures_block(request):
    from members.figures import public_figures

    figures = public_figures()
    return figures if figures["headline"]["members"] else None


def _seed_members(stdout, **options):
    from members.seed import seed_members

    seed_members(stdout, **options)
