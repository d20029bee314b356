"""The anonymous page cache: fast when nothing changed, never stale when it did."""

import datetime
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from announcements import moderation
from announcements.models import Announcement, Comment
from tests.factories import AnnouncementFactory, CommentFactory, ObservationFactory

pytestmark = pytest.mark.django_db


def test_second_anonymous_request_is_served_without_sql(client, public_announcement):
    url = public_announcement.get_absolute_url()
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert len(queries) == 0
    assert public_announcement.title in response.content.decode()


def test_approved_comment_shows_on_the_very_next_request(
    client, public_announcement, moderator
):
    url = public_announcement.get_absolute_url()
    comment = CommentFactory(
        announcement=public_announcement,
        status=Comment.Status.PENDING,
        body="A question the moderator will approve.",
    )
    before = client.get(url).content.decode()

    moderation.approve_comments(
        Comment.objects.filter(pk=comment.pk), moderator=moderator
    )
    after = client.get(url).content.decode()

    assert "A question the moderator will approve." not in before
    assert "A question the moderator will approve." in after


def test_edited_figure_shows_on_the_very_next_request(client):
    observation = ObservationFactory(value=Decimal("5.5"))
    url = observation.indicator.get_absolute_url()
    before = client.get(url).content.decode()

    observation.value = Decimal("7.25")
    observation.save()
    after = client.get(url).content.decode()

    assert "7.2" not in before
    assert "7.2" in after


def test_edited_figure_shows_in_the_api_on_the_very_next_request(client):
    observation = ObservationFactory(value=Decimal("5.5"))
    url = "/api/v1/observations/"
    first = client.get(url)

    observation.value = Decimal("8.125")
    observation.save()
    second = client.get(url)

    assert first.status_code == second.status_code == 200
    assert "8.125" not in first.content.decode()
    assert "8.125" in second.content.decode()


def test_publishing_a_draft_shows_it_in_the_list_at_once(client):
    draft = AnnouncementFactory(title="Held back until approved")
    url = reverse("announcements:announcement_list")
    before = client.get(url).content.decode()

    draft.status = Announcement.Status.PUBLISHED
    draft.published_at = timezone.now()
    draft.save()
    after = client.get(url).content.decode()

    assert "Held back until approved" not in before
    assert "Held back until approved" in after


def test_a_draft_seen_by_staff_never_reaches_the_anonymous_cache(client, editor):
    draft = AnnouncementFactory(title="Editors only")
    staff = Client()
    staff.force_login(editor)

    staff_view = staff.get(draft.get_absolute_url())
    anonymous_view = client.get(draft.get_absolute_url())

    assert staff_view.status_code == 200
    assert anonymous_view.status_code == 404


def test_scheduled_text_appears_when_due_without_any_write(client):
    AnnouncementFactory(
        title="Embargoed until shortly",
        status=Announcement.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(seconds=1.5),
    )
    url = reverse("announcements:announcement_list")
    before = client.get(url).content.decode()

    time.sleep(1.6)
    after = client.get(url).content.decode()

    assert "Embargoed until shortly" not in before
    assert "Embargoed until shortly" in after


def test_unchanged_page_answers_304_and_a_change_answers_200(
    client, public_announcement
):
    url = public_announcement.get_absolute_url()
    first = client.get(url)
    etag = first["ETag"]

    unchanged = client.get(url, headers={"if-none-match": etag})
    CommentFactory(announcement=public_announcement, body="New approved comment.")
    changed = client.get(url, headers={"if-none-match": etag})

    assert unchanged.status_code == 304
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "New approved comment." in changed.content.decode()


def test_cached_pages_of_two_languages_never_mix(client, public_announcement):
    english_url = reverse("announcements:announcement_list")
    with translation.override("zh-hans"):
        chinese_url = reverse("announcements:announcement_list")

    client.get(english_url)
    chinese_page = client.get(chinese_url)
    english_page = client.get(english_url, headers={"accept-language": "zh-hans"})

    assert chinese_url == "/zh-hans" + english_url
    assert '<html lang="zh-hans"' in chinese_page.content.decode()
    assert '<html lang="en"' in english_page.content.decode()
    assert chinese_page["ETag"] != english_page["ETag"]


def test_a_comment_posted_from_a_cached_page_is_taken(settings, public_announcement):
    settings.COMMENT_MIN_SECONDS = 0
    url = public_announcement.get_absolute_url()
    first_reader = Client(enforce_csrf_checks=True)
    second_reader = Client(enforce_csrf_checks=True)
    first_page = first_reader.get(url)

    page = second_reader.get(url)
    html = page.content.decode()
    timestamp = html.split('name="timestamp" value="')[1].split('"')[0]
    response = second_reader.post(
        reverse(
            "announcements:comment_create", kwargs={"slug": public_announcement.slug}
        ),
        {
            "timestamp": timestamp,
            "name": "Second reader",
            "email": "second@example.org",
            "comment": "Posted from a cached page.",
        },
    )

    assert page["X-Pressroom-Cache"] == "hit"
    assert page.content == first_page.content
    assert "csrfmiddlewaretoken" not in html
    assert response.status_code == 302
    assert Comment.objects.filter(author_name="Second reader").exists()


def test_logged_in_editor_always_gets_a_fresh_page(client, editor, public_announcement):
    url = public_announcement.get_absolute_url()
    client.force_login(editor)
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert len(queries) > 0


def test_editor_with_a_token_sees_drafts_not_the_anonymous_cached_list(client, editor):
    from rest_framework.authtoken.models import Token

    AnnouncementFactory(published=True, title="Already public")
    AnnouncementFactory(title="Draft for editors")
    token = Token.objects.create(user=editor)
    client.get("/api/v1/announcements/")

    response = client.get(
        "/api/v1/announcements/", headers={"authorization": f"Token {token.key}"}
    )

    assert "Draft for editors" in response.content.decode()
