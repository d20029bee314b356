"""The home page and the layout every page shares."""

import datetime
import html
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from announcements.models import Announcement
from indicators.models import Observation, PolicyAction
from tests.factories import (
    AnnouncementFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    hidden_announcements,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # These tests are about what the views render and the queries they run.
    settings.PAGE_CACHE_SECONDS = 0


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_home_lists_the_latest_public_announcements_only(client):
    AnnouncementFactory(published=True, title="Output rose in March")
    AnnouncementFactory(title="A draft nobody may read")
    AnnouncementFactory(
        title="Scheduled for tomorrow",
        status=Announcement.Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    AnnouncementFactory(
        title="Withdrawn after errors",
        status=Announcement.Status.WITHDRAWN,
        published_at=timezone.now() - datetime.timedelta(days=1),
        withdrawn_reason="Wrong figures.",
    )

    response = client.get(reverse("home"))

    text = page_text(response)
    assert response.status_code == 200
    assert "Output rose in March" in text
    assert "A draft nobody may read" not in text
    assert "Scheduled for tomorrow" not in text
    assert "Withdrawn after errors" not in text


def test_home_indicator_card_shows_qualified_value_unit_period_and_sparkline(client):
    indicator = IndicatorFactory(
        name="Industry revenue", unit="trillion yuan", decimals=0, is_key=True
    )
    ObservationFactory(
        indicator=indicator,
        value=Decimal("9"),
        period_start=datetime.date(2021, 1, 1),
        period_end=datetime.date(2021, 6, 30),
        period_label="2021 H1",
    )
    ObservationFactory(
        indicator=indicator,
        value=Decimal("10"),
        qualifier=Observation.Qualifier.MORE_THAN,
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 6, 30),
        period_label="Jan–Jun 2022",
    )

    text = page_text(client.get(reverse("home")))

    assert "Industry revenue" in text
    assert "> 10 trillion yuan" in text
    assert "Jan–Jun 2022" in text
    assert 'class="sparkline"' in text
    assert "<title" in text.split('class="sparkline"', 1)[1].split("</svg>")[0]


def test_home_counts_actions_by_status_with_links_to_the_tracker(client):
    PolicyActionFactory.create_batch(2, status=PolicyAction.Status.IN_PROGRESS)
    PolicyActionFactory(status=PolicyAction.Status.COMPLETED)

    response = client.get(reverse("home"))

    text = page_text(response)
    tracker = reverse("indicators:action_list")
    assert f'href="{tracker}?status=in_progress"' in text
    in_progress = text.split(f'href="{tracker}?status=in_progress"', 1)[1]
    assert '<span class="status-count-number">2</span>' in in_progress[:200]


def test_home_counts_no_action_of_a_text_the_public_cannot_read(client):
    PolicyActionFactory(status=PolicyAction.Status.IN_PROGRESS)
    in_review = AnnouncementFactory(status=Announcement.Status.IN_REVIEW)
    for announcement in [*hidden_announcements(), in_review]:
        PolicyActionFactory(
            announcement=announcement, status=PolicyAction.Status.IN_PROGRESS
        )

    text = page_text(client.get(reverse("home")))

    tracker = reverse("indicators:action_list")
    in_progress = text.split(f'href="{tracker}?status=in_progress"', 1)[1]
    assert '<span class="status-count-number">1</span>' in in_progress[:200]


def test_home_counts_only_indicators_with_a_figure_the_public_can_read(client):
    hidden = [
        *hidden_announcements(),
        AnnouncementFactory(status=Announcement.Status.IN_REVIEW),
    ]
    ObservationFactory(indicator__is_key=True)  # public
    both = ObservationFactory().indicator  # public, and cited by a draft too
    ObservationFactory(indicator=both, announcement=hidden[0])
    for announcement in hidden:  # each indicator cited by a hidden text only
        ObservationFactory(announcement=announcement)
    IndicatorFactory()  # no figures at all

    text = page_text(client.get(reverse("home")))

    assert "All 2 indicators" in text


def test_home_runs_the_same_queries_for_1_and_6_announcements(client):
    AnnouncementFactory(published=True)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    AnnouncementFactory.create_batch(5, published=True)
    with CaptureQueriesContext(connection) as six:
        client.get(reverse("home"))

    assert len(six) == len(one)


def test_layout_has_landmarks_skip_link_lang_and_labelled_search(client):
    text = client.get(reverse("home")).content.decode()

    assert '<html lang="en">' in text
    assert '<a class="skip-link" href="#main">' in text
    assert '<main id="main"' in text
    assert "<header" in text and "<footer" in text
    assert '<nav class="site-nav" aria-label="Main">' in text
    assert 'role="search"' in text
    assert '<label for="site-search-q"' in text
    assert f'action="{reverse("announcements:announcement_list")}"' in text


def test_layout_navigation_links_every_section(client):
    text = client.get(reverse("home")).content.decode()

    for name in (
        "announcements:announcement_list",
        "indicators:indicator_list",
        "indicators:action_list",
        "announcements:topic_list",
    ):
        assert f'href="{reverse(name)}"' in text


def test_layout_marks_the_current_section(client):
    text = client.get(reverse("announcements:announcement_list")).content.decode()

    url = reverse("announcements:announcement_list")
    assert f'<a href="{url}" aria-current="page">' in text


def test_layout_footer_links_feeds_and_api_docs(client):
    text = client.get(reverse("home")).content.decode()

    assert reverse("announcements_feed") in text
    assert reverse("announcements_atom") in text
    assert reverse("api_docs") in text


def test_language_switcher_links_to_the_same_page_in_each_language(client):
    url = reverse("announcements:announcement_list") + "?q=5G"

    text = client.get(url).content.decode()

    assert '<a href="/zh-hans/announcements/?q=5G" hreflang="zh-hans"' in text
    assert '<a href="/announcements/?q=5G" hreflang="en"' in text


def test_the_chinese_pages_live_under_their_prefix(client):
    response = client.get("/zh-hans/")

    text = page_text(response)
    assert '<html lang="zh-hans">' in text
    assert "公告" in text
    assert "跳到正文" in text
    assert 'href="/zh-hans/announcements/"' in text


def test_an_unknown_language_prefix_is_not_found(client):
    assert client.get("/fr/announcements/").status_code == 404
    assert client.get("/zh-hant/").status_code == 404


def test_the_old_language_form_redirects_to_the_page_in_that_language(client):
    response = client.post(
        reverse("set_language"),
        {"language": "zh-hans", "next": reverse("announcements:announcement_list")},
    )

    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/announcements/"


def test_english_pages_ignore_the_browser_language(client):
    response = client.get(reverse("home"), headers={"accept-language": "zh-hans"})

    assert '<html lang="en">' in page_text(response)
    assert "Accept-Language" not in response.get("Vary", "")


def test_pages_load_no_scripts_or_styles_from_elsewhere(client):
    AnnouncementFactory(published=True)

    text = client.get(reverse("home")).content.decode()

    assert "<script" not in text
    assert "style=" not in text
    assert "https://" not in text.split("</head>")[0]


def test_robots_txt_points_at_the_sitemap_and_keeps_bots_out_of_the_admin(client):
    response = client.get(reverse("robots_txt"))

    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_the_admin_follows_the_editors_own_language(client, editor):
    client.force_login(editor)

    chinese = client.get("/admin/", headers={"accept-language": "zh-hans"})
    english = client.get("/admin/", headers={"accept-language": "en"})
    client.cookies["django_language"] = "zh-hans"
    chosen = client.get("/admin/", headers={"accept-language": "en"})

    assert "待您处理" in chinese.content.decode()
    assert "待您处理" in chosen.content.decode()
    assert "What needs you now" in english.content.decode()
    assert "private" in chinese["Cache-Control"]
