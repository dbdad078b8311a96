"""Filters and tags every template may use: Vietnamese money, dates, ordinals, statistics."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from federation import text
from federation.services import visitor_stats as current_visitor_stats

register = template.Library()


@register.filter
def money(value):
    """{{ 705000000|money }} → 705.000.000 đồng"""
    return text.format_money(value)


@register.filter
def money_short(value):
    """{{ 2870000000|money_short }} → 2,87 tỷ đồng"""
    return text.format_money_short(value)


@register.filter
def vi_date(value):
    """{{ moment|vi_date }} → Thứ ba, 10/10/2023 06:49"""
    return text.format_date(value)


@register.filter
def html_datetime(value):
    """<time datetime="{{ moment|html_datetime }}"> → 2023-10-10T06:49:00+07:00 (no microseconds)"""
    return text.machine_date(value)


@register.filter
def or_dash(value):
    """{{ member.phone|or_dash }} → the value, or "—" where there is none (the one empty mark)"""
    return text.or_empty_mark(value)


@register.filter
def number(value):
    """{{ 43512|number }} → 43.512"""
    return text.format_number(value)


@register.filter
def roman(value):
    """{{ 12|roman }} → XII"""
    return text.roman(value)


@register.inclusion_tag("includes/visitor_stats.html")
def visitor_stats():
    return {"stats": current_visitor_stats()}


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced: keeps filters across pages."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return "?" + query.urlencode()


@register.filter
def short_date(value):
    """{{ day|short_date }} → 10/10/2023, the day alone, also of a moment.

    For dense lists, and for dates that are facts about a person or a paper rather than
    events: dates of birth, admission and issue never carry a weekday.
    """
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return text.format_date(value, with_weekday=False)


@register.filter
def accessible(field):
    """The field's widget tied to its hint and error messages for screen readers."""
    described = []
    attrs = {}
    if field.errors:
        attrs["aria-invalid"] = "true"
        described.append(f"{field.auto_id}_error")
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


class ScrollRegionNode(template.Node):
    def __init__(self, label, nodelist):
        self.label = label
        self.nodelist = nodelist

    def render(self, context):
        return format_html(
            '<div class="table-scroll" tabindex="0" role="region" aria-label="{}">{}</div>',
            self.label.resolve(context),
            self.nodelist.render(context),
        )


@register.tag
def scroll_region(parser, token):
    """A wide table's sideways-scrolling box, reachable and named for keyboard users.

    {% scroll_region _("Members by sector") %}<table>…</table>{% endscroll_region %}
    The box takes the focus (tabindex 0) so the arrow keys scroll it, and a screen reader
    announces it as a region with the label.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the table's label")
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(parser.compile_filter(bits[1]), nodelist)


@register.simple_tag
def picture(image, *, alt="", sizes="", loading="", **attributes):
    """An <img> of a Picture (federation.images) with the size of the file it names.

    {% picture article.cover_picture alt=article.cover_alt sizes="(max-width: 48rem) 100vw" %}
    width and height are those of the src file, and srcset offers every rendition with
    its width, so the browser keeps the room for the picture before it arrives.
    """
    if image is None:
        return ""
    extra = dict(attributes)
    if image.srcset:
        extra["srcset"] = image.srcset
        if sizes:
            extra["sizes"] = sizes
    if loading:
        extra["loading"] = loading
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}"{}>',
        image.src,
        image.width,
        image.height,
        alt,
        format_html_join(
            "", ' {}="{}"', ((name.replace("_", "-"), value) for name, value in extra.items())
        ),
    )
