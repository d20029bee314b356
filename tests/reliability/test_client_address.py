"""Which address a request comes from, and the per-address comment limit."""

import pytest
from django.test import RequestFactory

from announcements.moderation import (
    ClientInfo,
    RateLimited,
    check_rate_limit,
    client_ip,
)


def request_from(remote_addr, forwarded_for=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "remote_addr", "forwarded_for", "expected"),
    [
        # No trusted proxy: the header is the client's own claim, ignored.
        (0, "203.0.113.5", "198.51.100.1", "203.0.113.5"),
        # One proxy: the address it appended is the client's.
        (1, "10.0.0.2", "198.51.100.1", "198.51.100.1"),
        # Whatever the client put in front of it is not believed.
        (1, "10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        # Two proxies: the outer one saw the client, the inner one saw the outer.
        (2, "10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.1", "198.51.100.1"),
        # Fewer entries than proxies: the request skipped a proxy; use the peer.
        (2, "10.0.0.2", "198.51.100.1", "10.0.0.2"),
        (1, "10.0.0.2", None, "10.0.0.2"),
        (1, "10.0.0.2", " , ", "10.0.0.2"),
        # Not an address at all: nothing to key a limit on.
        (1, "10.0.0.2", "<script>", None),
        (0, "not-an-address", None, None),
        # IPv6 is written one way, so one client has one counter.
        (1, "10.0.0.2", "2001:DB8:0:0::1", "2001:db8::1"),
    ],
)
def test_client_ip_trusts_forwarded_for_only_behind_the_configured_proxies(
    settings, proxies, remote_addr, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies

    assert client_ip(request_from(remote_addr, forwarded_for)) == expected


def test_comment_rate_limit_refuses_past_the_limit_with_a_retry_delay(settings):
    settings.COMMENT_RATE_LIMIT = 3
    settings.COMMENT_RATE_WINDOW_SECONDS = 600
    client = ClientInfo(ip="203.0.113.8")

    for _ in range(3):
        check_rate_limit(client)
    with pytest.raises(RateLimited) as refused:
        check_rate_limit(client)

    assert 0 < refused.value.retry_after <= 601
    check_rate_limit(ClientInfo(ip="203.0.113.9"))


def test_comment_rate_limit_can_be_switched_off(settings):
    settings.COMMENT_RATE_LIMIT = 1
    settings.COMMENT_RATE_LIMIT_ENABLED = False

    for _ in range(5):
        check_rate_limit(ClientInfo(ip="203.0.113.8"))
