"""Who is asking: the client address behind the reverse proxies we trust."""

from django.conf import settings


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or the entry our own proxies appended.

    Only the last TRUSTED_PROXY_COUNT entries of X-Forwarded-For were written by
    proxies we run; anything to their left came from the client and can be forged.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def visitor_of(request):
    """The request's visitor as the plain values services take (federation.services.Visitor)."""
    from federation.services import make_visitor

    # Worked out once per request: the middleware and the view both count with it.
    visitor = getattr(request, "_visitor", None)
    if visitor is None:
        visitor = make_visitor(
            address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            reading=request.method == "GET",
        )
        request._visitor = visitor
    return visitor
