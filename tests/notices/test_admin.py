"""The notices admin: subscriber counts per target, who may see addresses, the
mail log, and the test mail any staff member may send themselves."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail as django_mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from announcements.roles import EDITORS, MODERATORS
from notices import outbox
from notices.models import Mail, Subscription
from tests.factories import (
    IndicatorFactory,
    PolicyActionFactory,
    SpeakerFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

COUNTS_URL = "admin:notices_subscribercount_changelist"
SEND_TEST_URL = "admin:notices_mail_send_test"


def subscription(email, target=None, *, confirmed=True):
    kind = "all" if target is None else type(target).__name__.lower()
    kind = {"policyaction": "action"}.get(kind, kind)
    return Subscription.objects.create(
        email=email,
        kind=kind,
        target_key=Subscription.key_for(kind, target),
        confirmed_at=timezone.now() if confirmed else None,
        **({kind: target} if target is not None else {}),
    )


def table_rows(response) -> list[list[str]]:
    """Return the counts table's body rows as lists of cell texts."""
    body = re.search(r"<tbody>(.*?)</tbody>", response.content.decode(), re.S)[1]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture
def followed():
    """3 confirmed and 2 waiting on a topic, 1 confirmed on an indicator."""
    topic = TopicFactory(name="Economy")
    indicator = IndicatorFactory(name="Retail sales", unit="%")
    for n in range(3):
        subscription(f"topic{n}@example.org", topic)
    for n in range(2):
        subscription(f"waiting{n}@example.org", topic, confirmed=False)
    subscription("gauge@example.org", indicator)
    return topic, indicator


def test_the_counts_page_gives_confirmed_and_waiting_per_target(
    client, superuser, followed
):
    client.force_login(superuser)

    response = client.get(reverse(COUNTS_URL))

    assert response.status_code == 200
    assert table_rows(response) == [
        ["All new texts", "All new texts", "0", "0"],
        ["A topic", "Economy", "3", "2"],
        ["An indicator", "Retail sales (%)", "1", "0"],
    ]
    assert re.search(
        r"All subscriptions</th>\s*<td[^>]*>4</td>\s*<td[^>]*>2<",
        (response.content.decode()),
    )


def test_the_counts_take_the_same_queries_for_two_targets_and_for_eight(
    client, superuser, followed
):
    client.force_login(superuser)
    url = reverse(COUNTS_URL)
    client.get(url)
    with CaptureQueriesContext(connection) as two:
        client.get(url)
    subscription("speaker@example.org", SpeakerFactory())
    subscription("action@example.org", PolicyActionFactory())
    subscription("everything@example.org")
    for _n in range(3):
        subscription("more@example.org", TopicFactory())

    with CaptureQueriesContext(connection) as eight:
        response = client.get(url)

    assert len(table_rows(response)) == 8
    assert len(eight) <= len(two) + 2  # one naming query per kind first seen


def test_an_editor_sees_the_counts_but_no_address(editor_client, followed):
    counts = editor_client.get(reverse(COUNTS_URL))
    subscriptions = editor_client.get(reverse("admin:notices_subscription_changelist"))
    one = Subscription.objects.first()
    change = editor_client.get(
        reverse("admin:notices_subscription_change", args=[one.pk])
    )
    log = editor_client.get(reverse("admin:notices_mail_changelist"))

    assert counts.status_code == 200
    assert ["A topic", "Economy", "3", "2"] in table_rows(counts)
    assert "@example.org" not in counts.content.decode()
    assert reverse("admin:notices_subscription_changelist") not in (
        counts.content.decode()
    )
    assert subscriptions.status_code == change.status_code == log.status_code == 403


def test_a_moderator_sees_nothing_of_subscriptions(moderator_client, followed):
    index = moderator_client.get(reverse("admin:index"))

    assert moderator_client.get(reverse(COUNTS_URL)).status_code == 403
    assert reverse(COUNTS_URL) not in index.content.decode()


def test_the_superuser_follows_a_count_to_the_addresses_behind_it(
    client, superuser, followed
):
    client.force_login(superuser)
    counts = client.get(reverse(COUNTS_URL)).content.decode()
    topic, _indicator = followed
    link = re.search(r'<a href="([^"]+)">2</a>', counts)[1].replace("&amp;", "&")

    waiting = client.get(link)

    assert f"target_key=topic%3A{topic.pk}" in link
    assert waiting.status_code == 200
    assert "waiting0@example.org" in waiting.content.decode()
    assert "waiting1@example.org" in waiting.content.decode()
    assert "topic0@example.org" not in waiting.content.decode()


def test_subscriptions_are_made_by_their_address_only(client, superuser):
    client.force_login(superuser)

    response = client.get(reverse("admin:notices_subscription_add"))

    assert response.status_code == 403


def test_the_mail_log_tells_sent_retrying_and_failed_apart(client, superuser):
    for status in ["sent", "retrying", "failed"]:
        Mail.objects.create(
            key=status,
            kind="alert",
            to=f"{status}@example.org",
            subject=f"About {status}",
            body="b",
            status=status,
            last_error="SMTPServerDisconnected" if status != "sent" else "",
        )
    client.force_login(superuser)
    url = reverse("admin:notices_mail_changelist")

    everything = client.get(url).content.decode()
    failed = client.get(url, {"status__exact": "failed"}).content.decode()

    assert all(label in everything for label in ["Sent", "Retrying", "Failed"])
    assert "failed@example.org" in failed
    assert "sent@example.org" not in failed
    assert "retrying@example.org" not in failed


def test_a_staff_member_sends_one_test_mail_to_their_own_address(
    editor_client, editor, django_capture_on_commit_callbacks
):
    url = reverse(SEND_TEST_URL)

    page = editor_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        sent = editor_client.post(url)
    outbox.send_batch()

    assert page.status_code == 200
    assert editor.email in page.content.decode()
    assert sent.status_code == 302
    [test_mail] = django_mail.outbox
    assert test_mail.to == [editor.email]
    assert test_mail.subject == "Test mail from Pressroom"
    assert Mail.objects.get().status == Mail.Status.SENT


def test_the_test_mail_is_sent_even_when_the_mail_log_is_empty(client, superuser):
    client.force_login(superuser)
    log = client.get(reverse("admin:notices_mail_changelist"))

    client.post(reverse(SEND_TEST_URL))

    assert reverse(SEND_TEST_URL) in log.content.decode()
    assert Mail.objects.get().to == superuser.email


def test_no_test_mail_without_an_address(client):
    user = UserFactory(username="nomail", email="", is_staff=True)
    client.force_login(user)

    page = client.get(reverse(SEND_TEST_URL))
    client.post(reverse(SEND_TEST_URL))

    assert "no email address" in page.content.decode()
    assert not Mail.objects.exists()


def test_the_test_mail_is_for_staff_only(client):
    client.force_login(UserFactory(username="reader"))

    response = client.post(reverse(SEND_TEST_URL))

    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert not Mail.objects.exists()


@pytest.mark.parametrize("role", ["superuser", "editor", "moderator"])
def test_no_notices_admin_page_fails(client, request, role, followed):
    user = request.getfixturevalue(role)
    client.force_login(user)
    mail = Mail.objects.create(
        key="k", kind="alert", to="x@example.org", subject="s", body="b"
    )
    one = Subscription.objects.first()
    pages = [
        reverse("admin:index"),
        reverse("admin:app_list", args=["notices"]),
        reverse(COUNTS_URL),
        reverse(SEND_TEST_URL),
        reverse("admin:notices_subscription_changelist"),
        reverse("admin:notices_subscription_changelist") + "?confirmed=no",
        reverse("admin:notices_subscription_changelist") + "?confirmed=nonsense",
        reverse("admin:notices_subscription_changelist") + "?kind__exact=topic",
        reverse("admin:notices_subscription_changelist") + "?target_key=topic%3A999",
        reverse("admin:notices_subscription_changelist") + "?q=example",
        reverse("admin:notices_subscription_change", args=[one.pk]),
        reverse("admin:notices_subscription_delete", args=[one.pk]),
        reverse("admin:notices_mail_changelist"),
        reverse("admin:notices_mail_changelist") + "?status__exact=failed",
        reverse("admin:notices_mail_changelist") + "?created_at__year=2020",
        reverse("admin:notices_mail_change", args=[mail.pk]),
        reverse("admin:notices_mail_changelist") + "?q=x",
    ]

    answers = {page: client.get(page).status_code for page in pages}

    assert set(answers.values()) <= {200, 302, 403, 404}, answers
    if role == "superuser":
        assert set(answers.values()) == {200}, answers


def test_setup_roles_gives_editors_the_counts_and_no_addresses():
    call_command("setup_roles", stdout=io.StringIO())

    def notices_rights(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="notices")
            .values_list("codename", flat=True)
        )

    assert notices_rights(EDITORS) == {"view_subscribercount"}
    assert notices_rights(MODERATORS) == set()
