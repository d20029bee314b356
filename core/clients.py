"""Who is asking: the client address every limit and log agrees on."""

import ipaddress

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
