from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleryConfig(AppConfig):
    name = "gallery"
    verbose_name = _("Photos and videos")
    url_prefix = ""  # its URLs spell out /thu-vien-anh/… and /video/…

    def ready(self):
        from federation import demo, home, menu, pagecache, roles, search, sitemaps
        from gallery import blocks
        from gallery.embeds import embed_albums
        from gallery.models import Album, AlbumPhoto, Video
        from gallery.roles import GRANTS
        from gallery.search import AlbumSearch, VideoSearch
        from gallery.sitemaps import AlbumSitemap, LibrarySitemap, VideoSitemap
        from news.rendering import register_body_embed

        roles.grant_roles(GRANTS)
        # After the figures (50), before the contact page (90).
        menu.register_menu_item(
            menu.MenuItem(_("Media library"), "gallery:albums", order=60, children=menu_children)
        )
        for block in blocks.HOME_BLOCKS:
            home.register_home_block(block)
        search.register_search_provider("albums", AlbumSearch())
        search.register_search_provider("videos", VideoSearch())
        sitemaps.register_sitemap("library", LibrarySitemap)
        sitemaps.register_sitemap("albums", AlbumSitemap)
        sitemaps.register_sitemap("videos", VideoSitemap)
        register_body_embed(embed_albums)
        pagecache.invalidate_on_change(Album, AlbumPhoto, Video)
        demo.watch_for_real_content(Album)
        demo.watch_for_real_content(Video)
        # After the about pages (70): the library is the demo's last part.
        demo.register_demo_step(demo.DemoStep(name="gallery", run=_seed_gallery, order=80))


def menu_children() -> list[dict]:
    from django.urls import reverse

    return [
        {"label": _("Photo library"), "url": reverse("gallery:albums")},
        {"label": _("Videos"), "url": reverse("gallery:videos")},
    ]


def _seed_gallery(stdout, **options):
    from gallery.seed import seed_gallery

    seed_gallery(stdout, **options)
