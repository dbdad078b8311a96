"""{{ user|full_name }}: a person as Vietnamese names them (federation/accounts.py)."""

from django import template

from federation import accounts

register = template.Library()


@register.filter
def full_name(user) -> str:
    return accounts.full_name(user)
