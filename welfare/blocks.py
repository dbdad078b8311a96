"""The welfare block of the home page: the public programmes running today, with their
headline totals ("5.196 suất quà đã duyệt, trị giá 2,87 tỷ đồng")."""

from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from federation.home import HomeBlock
from welfare.figures import headline, totals_for
from welfare.models import Programme

CACHE_SECONDS = 30
SHOWN = 3


def running_programmes(today):
    """Public programmes open for proposals whose dates hold today: the federation's first
    (the shortest path), then the latest started."""
    return (
        Programme.objects.public()
        .open()
        .filter(starts_on__lte=today, ends_on__gte=today)
        .select_related("kind", "unit")
        .order_by(Length("unit__path"), "-starts_on", "pk")
    )


def welfare_block(request) -> dict | None:
    programmes = list(running_programmes(timezone.localdate())[:SHOWN])
    if not programmes:
        return None
    totals = totals_for(programmes)
    return {
        "programmes": [
            {
                "name": programme.name,
                "url": programme.get_absolute_url(),
                "ends_on": programme.ends_on,
                "headline": headline(programme, totals.get(programme.pk)),
            }
            for programme in programmes
        ]
    }


HOME_BLOCKS = [
    HomeBlock(
        "welfare",
        "welfare/public/block.html",
        welfare_block,
        order=23,
        cache_seconds=CACHE_SECONDS,
        label=_("Welfare programmes running"),
    ),
]
