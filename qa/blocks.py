"""The home page's "most asked" block: the most read answers."""

from django.utils.translation import gettext_lazy as _

from federation.home import HomeBlock

BLOCK_SIZE = 5
CACHE_SECONDS = 60


def most_asked(request):
    from qa.services import most_asked

    questions = most_asked(BLOCK_SIZE)
    return {"questions": questions} if questions else None


HOME_BLOCKS = [
    HomeBlock(
        "qa-most-asked",
        "qa/blocks/most_asked.html",
        most_asked,
        order=45,
        region="aside",
        cache_seconds=CACHE_SECONDS,
        label=_("Most asked legal questions"),
    ),
]
