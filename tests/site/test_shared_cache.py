"""Anonymous reads a shared cache may hold, named by what they show.

Every anonymous reader of a URL gets the same bytes, marked public for
shared caches, with surrogate keys naming the texts, indicators, actions,
topics and lists on it; a change makes stale exactly the responses whose
keys it touches (here seen through the app's own cache: `X-Pressroom-Cache`).
"""

import datetime
import time
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from announcements import moderation
from announcements.models import Announcement, Comment
from tests.factories import (
    AnnouncementFactory,
    CommentFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    SpeakerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    """Two public texts, one with a figure and an action, on one topic."""
    topic = TopicFactory(name="Digital economy", slug="digital-economy")
    speaker = SpeakerFactory(name="Zhao Zhiguo", slug="zhao-zhiguo")
    first = AnnouncementFactory(
        published=True, slug="first", topics=[topic], speakers=[speaker]
    )
    second = AnnouncementFactory(published=True, slug="second", topics=[topic])
    indicator = IndicatorFactory(slug="5g-base-stations", topic=topic)
    ObservationFactory(indicator=indicator, announcement=first, value=Decimal("1.85"))
    action = PolicyActionFactory(announcement=first, slug="build-5g")
    return {
        "topic": topic,
        "speaker": speaker,
        "first": first,
        "second": second,
        "indicator": indicator,
        "action": action,
    }


PUBLIC_URLS = [
    "/",
    "/announcements/",
    "/announcements/?q=briefing",
    "/announcements/first/",
    "/topics/",
    "/topics/digital-economy/",
    "/indicators/",
    "/indicators/5g-base-stations/",
    "/indicators/5g-base-stations/observations.csv",
    "/actions/",
    "/actions/build-5g/",
    "/feeds/announcements/",
    "/feeds/indicators/5g-base-stations/",
    "/sitemap.xml",
    "/robots.txt",
    "/zh-hans/announcements/first/",
    "/api/v1/announcements/",
    "/api/v1/announcements/first/",
    "/api/v1/announcements/first/comments/",
    "/api/v1/indicators/5g-base-stations/",
    "/api/v1/observations/",
    "/api/v1/policy-actions/",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_an_anonymous_read_is_the_same_for_every_reader_and_public(site, url):
    first_reader = Client().get(url)
    second_reader = Client().get(url)

    assert first_reader.status_code == 200
    assert second_reader.content == first_reader.content
    assert not first_reader.cookies
    assert not second_reader.cookies
    cache_control = first_reader["Cache-Control"]
    assert "public" in cache_control
    assert "max-age=60" in cache_control
    assert "s-maxage=3600" in cache_control
    vary = first_reader.get("Vary", "").lower()
    assert "cookie" not in vary
    # Pages have their language in the URL; the API negotiates it.
    assert ("accept-language" in vary) == url.startswith("/api/")
    assert first_reader["ETag"] == second_reader["ETag"]
    assert "pressroom" in first_reader["Surrogate-Key"].split()
    assert first_reader["xkey"] == first_reader["Surrogate-Key"]


def test_the_cache_lifetimes_come_from_the_settings(settings, site):
    settings.CACHE_MAX_AGE = 5
    settings.CACHE_S_MAXAGE = 86400

    response = Client().get("/announcements/first/")

    assert response["Cache-Control"] == "public, max-age=5, s-maxage=86400"


def test_a_text_page_names_everything_it_shows(site):
    keys = Client().get("/announcements/first/")["Surrogate-Key"].split()

    assert {
        f"announcement-{site['first'].pk}",
        f"topic-{site['topic'].pk}",
        f"speaker-{site['speaker'].pk}",
        f"indicator-{site['indicator'].pk}",
        f"policyaction-{site['action'].pk}",
    } <= set(keys)
    assert f"announcement-{site['second'].pk}" not in keys
    assert "undeclared" not in keys


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/announcements/", {"announcement-list", "topic-list"}),
        ("/indicators/", {"indicator-list"}),
        ("/actions/", {"policyaction-list"}),
        ("/api/v1/announcements/", {"announcement-list"}),
        ("/feeds/announcements/", {"announcement-list"}),
    ],
)
def test_a_list_names_its_list_key(site, url, expected):
    keys = set(Client().get(url)["Surrogate-Key"].split())

    assert expected <= keys


def test_a_signed_in_editor_gets_a_private_page(client, editor, site):
    client.force_login(editor)

    response = client.get("/announcements/first/")

    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "Surrogate-Key" not in response


@pytest.mark.parametrize(
    "headers",
    [
        {"cookie": "sessionid=forged-session"},
        {"cookie": "messages=forged"},
        {"authorization": "Token forged"},
    ],
)
def test_a_request_that_may_be_personal_is_never_marked_shareable(site, headers):
    response = Client().get("/announcements/first/", headers=headers)

    assert "public" not in response.get("Cache-Control", "")
    assert "private" in response.get("Cache-Control", "") or response.status_code in {
        401,
        403,
    }


def test_forged_headers_do_not_change_the_shared_answer(site):
    plain = Client().get("/announcements/first/")

    forged = Client().get(
        "/announcements/first/",
        headers={
            "surrogate-key": "forged-key",
            "x-forwarded-for": "203.0.113.9",
            "cookie": "csrftoken=abc; django_language=zh-hans",
            "accept-language": "zh-hans",
        },
    )

    assert forged.content == plain.content
    assert forged["Surrogate-Key"] == plain["Surrogate-Key"]
    assert "public" in forged["Cache-Control"]


def test_a_form_error_page_is_never_shared(site, settings):
    settings.COMMENT_MIN_SECONDS = 0

    response = Client().post(
        reverse("announcements:comment_create", kwargs={"slug": "first"}),
        {"name": "", "email": "not-an-email", "comment": ""},
    )

    assert response.status_code == 400
    assert "private" in response["Cache-Control"]


# --- A change makes stale exactly what shows it ------------------------------


def read_all(urls) -> dict[str, str]:
    """Read each URL anonymously; return url -> how the app cache answered."""
    return {url: Client().get(url)["X-Pressroom-Cache"] for url in urls}


def test_approving_a_comment_refreshes_its_text_and_nothing_else(
    site, moderator, django_capture_on_commit_callbacks
):
    comment = CommentFactory(
        announcement=site["first"],
        status=Comment.Status.PENDING,
        body="Will rural areas get 5G by 2025?",
    )
    affected = ["/announcements/first/", "/api/v1/announcements/first/comments/"]
    unaffected = [
        "/announcements/second/",
        "/announcements/",
        "/indicators/5g-base-stations/",
        "/actions/",
        "/api/v1/announcements/second/comments/",
    ]
    read_all(affected + unaffected)

    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve_comments(
            Comment.objects.filter(pk=comment.pk), moderator=moderator
        )
    after = read_all(affected + unaffected)

    assert {url: after[url] for url in affected} == dict.fromkeys(affected, "miss")
    assert {url: after[url] for url in unaffected} == dict.fromkeys(unaffected, "hit")
    assert "rural areas" in Client().get("/announcements/first/").content.decode()


def test_a_held_comment_refreshes_nothing(site):
    urls = ["/announcements/first/", "/api/v1/announcements/first/comments/"]
    read_all(urls)

    CommentFactory(announcement=site["first"], status=Comment.Status.PENDING)

    assert read_all(urls) == dict.fromkeys(urls, "hit")


def test_editing_a_text_refreshes_its_page_and_the_lists_not_other_texts(site):
    affected = ["/announcements/first/", "/announcements/", "/feeds/announcements/"]
    unaffected = ["/announcements/second/", "/api/v1/announcements/second/"]
    read_all(affected + unaffected)

    # As the admin and the API do: load the row, change it, save it.
    first = Announcement.objects.get(pk=site["first"].pk)
    first.summary = "A new summary for the first text."
    first.save()
    after = read_all(affected + unaffected)

    assert {url: after[url] for url in affected} == dict.fromkeys(affected, "miss")
    assert {url: after[url] for url in unaffected} == dict.fromkeys(unaffected, "hit")


def test_revising_a_figure_refreshes_its_indicator_and_its_text(site):
    affected = [
        "/indicators/5g-base-stations/",
        "/indicators/",
        "/announcements/first/",
        "/api/v1/observations/",
    ]
    unaffected = ["/announcements/second/", "/actions/build-5g/", "/topics/"]
    read_all(affected + unaffected)

    observation = site["indicator"].observations.get()
    observation.value = Decimal("2.31")
    observation.save()
    after = read_all(affected + unaffected)

    assert {url: after[url] for url in affected} == dict.fromkeys(affected, "miss")
    assert {url: after[url] for url in unaffected} == dict.fromkeys(unaffected, "hit")
    assert "2.31" in Client().get("/indicators/5g-base-stations/").content.decode()


def test_renaming_a_topic_refreshes_every_page_that_names_it(site):
    urls = ["/topics/", "/topics/digital-economy/", "/announcements/first/"]
    read_all(urls)

    site["topic"].name = "The digital economy"
    site["topic"].save()

    assert read_all(urls) == dict.fromkeys(urls, "miss")


def test_publishing_a_later_text_marks_the_earlier_figure_revised(site):
    later = AnnouncementFactory(
        slug="later", held_on=site["first"].held_on + datetime.timedelta(days=30)
    )
    first_figure = site["indicator"].observations.get()
    ObservationFactory(
        indicator=site["indicator"],
        announcement=later,
        period_start=first_figure.period_start,
        period_end=first_figure.period_end,
        value=Decimal("1.99"),
    )
    before = Client().get("/announcements/first/").content.decode()

    later.status = later.Status.PUBLISHED
    later.published_at = timezone.now()
    later.save()
    after = Client().get("/announcements/first/")

    assert "revised later" not in before
    assert after["X-Pressroom-Cache"] == "miss"
    assert "revised later" in after.content.decode()


def test_a_scheduled_text_going_live_refreshes_the_lists(site):
    AnnouncementFactory(
        title="Embargoed figures for the third quarter",
        status="published",
        published_at=timezone.now() + datetime.timedelta(seconds=0.5),
        topics=[site["topic"]],
    )
    before = Client().get("/topics/digital-economy/").content.decode()
    read_all(["/announcements/first/"])

    time.sleep(0.6)
    after = Client().get("/topics/digital-economy/").content.decode()

    assert "Embargoed figures" not in before
    assert "Embargoed figures" in after
    assert read_all(["/announcements/first/"]) == {"/announcements/first/": "hit"}


def test_a_response_rendered_during_a_change_is_not_kept(site, monkeypatch):
    from core import cache as page_cache

    original = page_cache.SharedCacheMiddleware.is_cacheable

    def change_while_rendering(response):
        site["first"].summary = "Changed while the page was rendering."
        site["first"].save()
        return original(response)

    monkeypatch.setattr(
        page_cache.SharedCacheMiddleware,
        "is_cacheable",
        staticmethod(change_while_rendering),
    )
    response = Client().get("/announcements/second/")

    assert response["X-Pressroom-Cache"] == "pass"
    assert response["Cache-Control"] == "no-cache"


def test_a_summary_edit_leaves_action_pages_and_figure_reads_alone(site):
    unaffected = [
        "/actions/build-5g/",
        "/api/v1/observations/",
        "/api/v1/policy-actions/",
        "/indicators/5g-base-stations/",
    ]
    read_all(unaffected)

    first = Announcement.objects.get(pk=site["first"].pk)
    first.summary = "Only the summary changed."
    first.save()

    assert read_all(unaffected) == dict.fromkeys(unaffected, "hit")


def test_retitling_a_text_refreshes_the_pages_that_cite_it(site):
    affected = [
        "/actions/build-5g/",
        "/api/v1/observations/",
        "/topics/digital-economy/",
        "/indicators/5g-base-stations/",
    ]
    unaffected = ["/announcements/second/"]
    read_all(affected + unaffected)

    first = Announcement.objects.get(pk=site["first"].pk)
    first.title = "A retitled briefing"
    first.save()
    after = read_all(affected + unaffected)

    assert {url: after[url] for url in affected} == dict.fromkeys(affected, "miss")
    assert {url: after[url] for url in unaffected} == dict.fromkeys(unaffected, "hit")
    assert "A retitled briefing" in Client().get("/actions/build-5g/").content.decode()


def test_publishing_a_text_in_a_topic_refreshes_the_topic_not_its_texts(site):
    draft = AnnouncementFactory(title="A new briefing on the topic")
    draft.topics.add(site["topic"])
    urls = ["/topics/digital-economy/", "/announcements/second/"]
    read_all(urls)

    text = Announcement.objects.get(pk=draft.pk)
    text.status = Announcement.Status.PUBLISHED
    text.published_at = timezone.now()
    text.save()

    assert read_all(urls) == {
        "/topics/digital-economy/": "miss",
        "/announcements/second/": "hit",
    }
    assert "A new briefing" in Client().get("/topics/digital-economy/").content.decode()
