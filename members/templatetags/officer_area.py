"""Template helpers of the officer area."""

from django import template

from members import scope

register = template.Library()


@register.simple_tag(takes_context=True)
def member_rights(context, unit):
    """{% member_rights unit as rights %}: rights.view, .add, .change, .export on its members."""
    if not unit:
        return {}
    return scope.member_rights(context["request"].user, unit)
