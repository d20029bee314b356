"""Subscribe → confirm → publish through the API → one alert → one-click unsubscribe,
against a real SMTP server on loopback and the suite's own database."""

import re
from urllib.parse import urlsplit

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from notices.models import Mail, Subscription
from tests.factories import AnnouncementFactory, TopicFactory

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r"https://press\.example\.org(/\S+)")


def editor_api(editor):
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=editor)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def link_in(message) -> str:
    return LINK.search(message.get_content()).group(1)


def test_a_reader_subscribes_confirms_gets_one_alert_and_leaves_in_one_click(
    client, smtp, run_worker, editor
):
    TopicFactory(slug="economy", name="Economy")
    api = APIClient()
    editors = editor_api(editor)

    answer = api.post(
        "/api/v1/subscriptions/",
        {"email": "Reader@Example.org", "kind": "topic", "target": "economy"},
        format="json",
    )
    assert answer.status_code == 202
    run_worker()

    [confirmation] = smtp.inbox.to("reader@example.org")
    assert "Economy" in confirmation.get_content()
    confirm_path = link_in(confirmation)
    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    client.post(confirm_path, {"subscription": [subscription.pk]})
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    AnnouncementFactory(slug="q1", title="Output in the first quarter")
    editors.patch("/api/v1/announcements/q1/", {"topics": ["economy"]}, format="json")
    published = editors.patch(
        "/api/v1/announcements/q1/", {"status": "published"}, format="json"
    )
    assert published.status_code == 200
    run_worker()

    [_confirmation, alert] = smtp.inbox.to("reader@example.org")
    assert alert["Subject"] == "New: Output in the first quarter"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = re.search(r"<([^>]+)>", str(alert["List-Unsubscribe"]))[1]
    assert "/announcements/q1/" in alert.get_content()

    # RFC 8058: the mail client POSTs the one-click body to the header's URL.
    gone = client.post(
        urlsplit(unsubscribe_url).path, {"List-Unsubscribe": "One-Click"}
    )
    assert gone.status_code == 200
    assert not Subscription.objects.exists()

    AnnouncementFactory(slug="q2", title="Output in the second quarter")
    editors.patch("/api/v1/announcements/q2/", {"topics": ["economy"]}, format="json")
    editors.patch("/api/v1/announcements/q2/", {"status": "published"}, format="json")
    run_worker()

    assert len(smtp.inbox.to("reader@example.org")) == 2
    assert Mail.objects.filter(status=Mail.Status.SENT).count() == 2
