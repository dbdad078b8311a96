"""How many wrong passwords django-axes allows (settings.AXES_FAILURE_LIMIT points here).

Axes counts failures per (username, address) pair (AXES_LOCKOUT_PARAMETERS), so guessing
an officer's password from one place locks neither that officer elsewhere nor the other
people behind the same address. One address trying many usernames is stopped by a second,
higher limit on all its failures together: once it passes LOGIN_ADDRESS_FAILURE_LIMIT
within the cool-off, every login from it is refused until the cool-off ends.
"""

from axes.attempts import get_cool_off_threshold
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def address_failures(request) -> int:
    """Failed logins from the request's address within the cool-off, whatever the username."""
    return (
        AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        ).aggregate(total=Sum("failures_since_start"))["total"]
        or 0
    )


def failure_limit(request, credentials=None) -> int:
    """The failures a (username, address) pair may have: none left once the address is over
    its own limit, LOGIN_FAILURE_LIMIT otherwise."""
    if address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        return 0
    return settings.LOGIN_FAILURE_LIMIT
