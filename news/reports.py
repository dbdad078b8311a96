"""The posting-activity report editors hand to leadership: per author, per category, views."""

from datetime import date, datetime, time

from django.db.models import Count, Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from federation.spreadsheets import XLSX, WorkbookWriter
from federation.text import format_date
from news.models import Article


def posting_activity(start: date, end: date) -> dict:
    """Articles published between two dates (inclusive, local time), summed by the database."""
    tz = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), tz)
    until = timezone.make_aware(datetime.combine(end, time.max), tz)
    articles = Article.objects.filter(
        status=Article.Status.PUBLISHED, published_at__range=(since, until)
    )
    by_author = list(
        articles.values("author__username", "author__first_name", "author__last_name")
        .annotate(articles=Count("pk"), views=Sum("views"))
        .order_by("-articles", "author__username")
    )
    for row in by_author:
        name = f"{row['author__first_name']} {row['author__last_name']}".strip()
        row["name"] = name or row["author__username"] or _("(no author)")
    by_category = list(
        articles.values("category__name")
        .annotate(articles=Count("pk"), views=Sum("views"))
        .order_by("-articles", "category__name")
    )
    totals = articles.aggregate(articles=Count("pk"), views=Sum("views", default=0))
    return {
        "start": start,
        "end": end,
        "by_author": by_author,
        "by_category": by_category,
        "totals": totals,
    }


def posting_activity_xlsx(report: dict) -> HttpResponse:
    workbook = WorkbookWriter()
    sheet = workbook.sheet(_("Posting activity"), widths=(40, 14, 14))
    sheet.append(
        [
            _("Posting activity from %(start)s to %(end)s")
            % {
                "start": format_date(report["start"], with_weekday=False),
                "end": format_date(report["end"], with_weekday=False),
            }
        ],
        bold=True,
        size=13,
    )
    sheet.append([])
    for title, rows, key in (
        (_("By author"), report["by_author"], "name"),
        (_("By category"), report["by_category"], "category__name"),
    ):
        sheet.append([title], bold=True)
        sheet.append([_("Name"), _("Articles"), _("Views")], bold=True)
        for row in rows:
            # Names and categories are typed by people: the writer keeps them text.
            sheet.append([row[key], row["articles"], row["views"] or 0])
        sheet.append([])
    sheet.append([_("Total"), report["totals"]["articles"], report["totals"]["views"]], bold=True)
    response = HttpResponse(workbook.to_bytes(), content_type=XLSX)
    filename = f"hoat-dong-dang-bai-{report['start']:%Y%m%d}-{report['end']:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
