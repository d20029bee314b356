"""The /subscribe/ form: shared by every reader, guarded like the comment box."""

import time

import pytest

from announcements.moderation import sign_timestamp
from notices.models import Mail, Subscription
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def form(**fields):
    return {
        "email": "s@example.org",
        "kind": "all",
        "frequency": "immediate",
        "timestamp": sign_timestamp(time.time() - 10),
        **fields,
    }


def test_the_subscribe_page_is_the_same_for_every_reader(client):
    first = client.get("/subscribe/")
    second = client.get("/subscribe/")

    assert first.status_code == 200
    assert "public" in first["Cache-Control"]
    assert not first.cookies
    assert first.content == second.content


def test_the_answer_never_tells_whether_an_address_is_known(client):
    TopicFactory(slug="economy")
    new = client.post("/subscribe/", form())
    again = client.post("/subscribe/", form())
    bot = client.post("/subscribe/", form(email="bot@example.org", homepage="x"))

    assert new.status_code == again.status_code == bot.status_code == 200
    assert new.content == again.content == bot.content
    assert "private" in new["Cache-Control"]
    assert Mail.objects.filter(to="s@example.org").count() == 1
    assert not Subscription.objects.filter(email="bot@example.org").exists()


def test_a_post_from_another_site_is_refused(client):
    response = client.post(
        "/subscribe/", form(), HTTP_ORIGIN="https://evil.example.net"
    )

    assert response.status_code == 403
    assert not Subscription.objects.exists()


def test_signups_past_the_limit_per_client_are_refused(client, settings):
    settings.SUBSCRIPTION_RATE_LIMIT = 2
    answers = [
        client.post("/subscribe/", form(email=f"x{n}@example.org")).status_code
        for n in range(3)
    ]

    assert answers == [200, 200, 429]


def test_the_api_answers_alike_for_a_new_and_a_known_address(client):
    first = client.post(
        "/api/v1/subscriptions/",
        {"email": "t@example.org", "kind": "all"},
        content_type="application/json",
    )
    second = client.post(
        "/api/v1/subscriptions/",
        {"email": "t@example.org", "kind": "all"},
        content_type="application/json",
    )

    assert first.status_code == second.status_code == 202
    assert first.json() == second.json()
    assert Subscription.objects.count() == 1
