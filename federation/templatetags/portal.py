"""Filters and tags every template may use: Vietnamese money, dates, ordinals, statistics."""

from datetime import datetime

from django import template
from django.utils import timezone

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
