"""Varnish in front of gunicorn, with the shipped VCL: hits, exact purges, passes.

gunicorn runs with the production cache (Redis) and PURGE_URLS pointing at
the Varnish; every write below goes through the application (its API or its
comment form), which purges by surrogate key once the write commits.
"""

import json
import time
import uuid

import pytest

from indicators.demo import ANNOUNCEMENT

from .servers import Gunicorn, child_env, django_eval, request
from .site_client import post_form_comment
from .varnish import Varnish, until_fresh

pytestmark = pytest.mark.slow

SLUG = ANNOUNCEMENT["slug"]
TEXT = f"/announcements/{SLUG}/"
UNRELATED = ["/indicators/", "/topics/", "/api/v1/indicators/"]


@pytest.fixture
def stack(demo_database, redis_cache):
    """gunicorn (Redis cache, purging to Varnish) and Varnish in front of it."""
    env = child_env(
        demo_database.url,
        **redis_cache,
        COMMENT_MIN_SECONDS="0",
        TRUSTED_PROXY_COUNT="1",
    )
    server = Gunicorn(env, workers=2)
    varnish = Varnish([server.port])
    # Every process of the site purges: the servers and a command's writes.
    env["PURGE_URLS"] = f"varnish://127.0.0.1:{varnish.port}"
    server.env["PURGE_URLS"] = env["PURGE_URLS"]
    server.start()
    varnish.start()
    yield server, varnish, env
    varnish.stop()
    server.close()


def token_for(env, role: str) -> str:
    code = (
        "from django.contrib.auth.models import Group, User\n"
        "from rest_framework.authtoken.models import Token\n"
        f"user, _ = User.objects.get_or_create(username='{role.lower()}-bot', "
        "defaults={'is_staff': True})\n"
        f"user.groups.add(Group.objects.get(name='{role}'))\n"
        "print(Token.objects.get_or_create(user=user)[0].key)"
    )
    return django_eval(env, code).strip()


def api(port, method, path, token, payload=None):
    reply = request(
        port,
        method,
        path,
        body=json.dumps(payload).encode() if payload is not None else None,
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    assert reply.status < 300, (reply.status, reply.text[:300])
    return json.loads(reply.body or b"null")


def warm(varnish, paths):
    for path in paths:
        varnish.get(path)
    return {path: varnish.get(path).headers["x-cache"] for path in paths}


def test_an_anonymous_page_is_a_miss_then_a_hit(stack):
    _, varnish, _ = stack

    first = varnish.get(TEXT)
    second = varnish.get(TEXT)

    assert first.status == second.status == 200
    assert first.headers["x-cache"] == "miss"
    assert second.headers["x-cache"] == "hit"
    assert second.body == first.body
    assert "xkey" not in second.headers
    assert "set-cookie" not in second.headers


def test_approving_a_comment_shows_at_once_and_purges_nothing_else(stack):
    server, varnish, env = stack
    marker = f"varnish-{uuid.uuid4().hex[:8]}"
    posted = post_form_comment(
        varnish.port,
        SLUG,
        name="Li Na",
        email=f"{marker}@example.org",
        body=f"When is the next release? {marker}",
    )
    assert posted.status == 302
    comments = api(
        server.port,
        "GET",
        f"/api/v1/comments/?announcement={SLUG}&status=pending&page_size=100",
        token_for(env, "Moderators"),
    )
    comment_id = next(c["id"] for c in comments["results"] if marker in c["body"])
    assert warm(varnish, [TEXT, *UNRELATED]) == dict.fromkeys([TEXT, *UNRELATED], "hit")
    assert marker not in varnish.get(TEXT).text

    api(
        server.port,
        "PATCH",
        f"/api/v1/comments/{comment_id}/",
        token_for(env, "Moderators"),
        {"status": "approved"},
    )
    delay = until_fresh(lambda: varnish.get(TEXT), lambda reply: marker in reply.text)

    assert delay is not None and delay < 1.0
    assert {path: varnish.get(path).headers["x-cache"] for path in UNRELATED} == (
        dict.fromkeys(UNRELATED, "hit")
    )


def test_editing_a_text_through_the_api_shows_on_its_page_and_in_the_list(stack):
    server, varnish, env = stack
    summary = f"Summary revised {uuid.uuid4().hex[:8]}."
    warm(varnish, [TEXT, "/announcements/", "/indicators/"])

    api(
        server.port,
        "PATCH",
        f"/api/v1/announcements/{SLUG}/",
        token_for(env, "Editors"),
        {"summary": summary},
    )
    page_delay = until_fresh(lambda: varnish.get(TEXT), lambda r: summary in r.text)
    list_delay = until_fresh(
        lambda: varnish.get("/announcements/"), lambda r: summary in r.text
    )

    assert page_delay is not None and page_delay < 1.0
    assert list_delay is not None and list_delay < 1.0
    assert varnish.get("/indicators/").headers["x-cache"] == "hit"


def test_a_comment_post_through_varnish_is_taken_and_never_cached(stack):
    _, varnish, env = stack
    marker = f"post-{uuid.uuid4().hex[:8]}"

    replies = [
        post_form_comment(
            varnish.port,
            SLUG,
            name=f"Reader {n}",
            email=f"{marker}-{n}@example.org",
            body=f"Question {n} {marker}",
        )
        for n in range(2)
    ]
    after_redirect = varnish.get(
        TEXT, headers={"Cookie": f"messages={replies[1].cookies.get('messages', '')}"}
    )

    assert [reply.status for reply in replies] == [302, 302]
    assert all(reply.headers["x-cache"] == "pass" for reply in replies)
    stored = django_eval(
        env,
        "from announcements.models import Comment\n"
        f"print(Comment.objects.filter(body__contains={marker!r}).count())",
    )
    assert stored.strip() == "2"
    assert after_redirect.headers["x-cache"] == "pass"
    assert "awaiting moderation" in after_redirect.text


def test_staff_and_personal_requests_pass_through_and_poison_nothing(stack):
    _, varnish, _ = stack
    anonymous = warm(varnish, [TEXT])

    personal = [
        varnish.get(TEXT, headers={"Cookie": "sessionid=forged"}),
        varnish.get(TEXT, headers={"Authorization": "Token forged"}),
        varnish.get("/admin/login/"),
    ]
    afterwards = varnish.get(TEXT)

    assert anonymous == {TEXT: "hit"}
    assert [reply.headers["x-cache"] for reply in personal] == ["pass"] * 3
    assert afterwards.headers["x-cache"] == "hit"
    assert "public" in afterwards.headers["cache-control"]


def test_a_scheduled_text_appears_through_varnish_when_due(stack):
    _, varnish, env = stack
    marker = f"Embargoed briefing {uuid.uuid4().hex[:8]}"
    warm(varnish, ["/announcements/"])
    django_eval(
        env,
        "import datetime\n"
        "from django.utils import timezone\n"
        "from announcements.models import Announcement\n"
        f"Announcement.objects.create(title={marker!r}, slug='embargoed-briefing', "
        "body='Figures.', status='published', held_on=timezone.localdate(), "
        "published_at=timezone.now() + datetime.timedelta(seconds=3))",
    )
    assert marker not in varnish.get("/announcements/").text

    time.sleep(3)
    delay = until_fresh(
        lambda: varnish.get("/announcements/"), lambda reply: marker in reply.text
    )

    assert delay is not None and delay < 1.0


@pytest.fixture
def varnish_refusing_our_purges(demo_database):
    server = Gunicorn(child_env(demo_database.url), workers=1).start()
    varnish = Varnish([server.port], purgers=["192.0.2.1"]).start()
    yield varnish
    varnish.stop()
    server.close()


def test_a_purge_from_an_address_not_allowed_is_refused(varnish_refusing_our_purges):
    varnish = varnish_refusing_our_purges
    warm(varnish, [TEXT])

    refused = varnish.purge("pressroom")

    assert refused.status == 403
    assert varnish.get(TEXT).headers["x-cache"] == "hit"


def test_a_write_succeeds_at_once_while_varnish_is_down_and_readiness_says_so(
    stack,
):
    server, varnish, env = stack
    token = token_for(env, "Editors")
    varnish.stop()
    summary = f"Written while Varnish was down {uuid.uuid4().hex[:8]}."

    started = time.monotonic()
    api(
        server.port,
        "PATCH",
        f"/api/v1/announcements/{SLUG}/",
        token,
        {"summary": summary},
    )
    took = time.monotonic() - started
    ready = json.loads(server.get("/readyz").body)

    assert took < 1.0
    assert summary in server.get(TEXT).text
    assert ready["status"] == "degraded"
    assert ready["checks"]["purge"]["failures_last_5_minutes"] >= 1
