"""Who is asking: the client address every limit and log agrees on."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings


def client_ip(request) -> str | None:
    """Return the client's address, trusting X-Forwarded-For only behind proxies.

    With N trusted proxies, the N-th address from the right of the header is
    the one the outermost trusted proxy saw; anything to its left is
    client-supplied and may be forged.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def is_cross_site(request) -> bool:
    """Return whether the browser says another site's page sent this request.

    Browsers send `Sec-Fetch-Site` and `Origin` with every form POST; a
    client that sends neither (an old browser, a script) is not refused
    here. The origins of CSRF_TRUSTED_ORIGINS count as this site.
    """
    if request.headers.get("Sec-Fetch-Site", "") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if not origin:
        return False
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return False
    parts = urlsplit(origin)
    return parts.scheme != request.scheme or parts.netloc != request.get_host()
