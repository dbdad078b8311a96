"""Public pages of the library: albums, a photo in the viewer, videos."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from federation.pagecache import cached_page
from federation.paging import paginate
from gallery import services
from gallery.models import Album, Video

ALBUMS_PER_PAGE = 12
VIDEOS_PER_PAGE = 12


def _album_or_404(request, slug) -> Album:
    albums = services.albums_for_lists(Album.objects.visible_to(request.user))
    album = albums.filter(slug=slug).first()
    if album is None:
        raise Http404(_("There is no such album."))
    return album


@cached_page()
def album_list(request):
    page = paginate(request, services.albums_for_lists(Album.objects.published()), ALBUMS_PER_PAGE)
    page.object_list = services.attach_covers(page.object_list)
    return render(request, "gallery/album_list.html", {"page": page})


@cached_page()
def album_detail(request, slug):
    album = _album_or_404(request, slug)
    photos = list(album.photos.only(*services.PHOTO_FIELDS))
    return render(request, "gallery/album_detail.html", {"album": album, "photos": photos})


@cached_page()
def photo_detail(request, slug, number):
    album = _album_or_404(request, slug)
    shown = services.photo_page(album, number)
    if shown is None:
        raise Http404(_("The album has no photo %(number)s.") % {"number": number})
    return render(request, "gallery/photo_detail.html", {"album": album, "shown": shown})


@cached_page()
def video_list(request):
    videos = Video.objects.published().only(
        "title",
        "slug",
        "date",
        "description",
        "external_url",
        "file",
        "poster_small",
        "poster_small_width",
        "poster_small_height",
    )
    page = paginate(request, videos, VIDEOS_PER_PAGE)
    return render(request, "gallery/video_list.html", {"page": page})


@cached_page()
def video_detail(request, slug):
    video = Video.objects.visible_to(request.user).filter(slug=slug).first()
    if video is None:
        raise Http404(_("There is no such video."))
    return render(request, "gallery/video_detail.html", {"video": video})
