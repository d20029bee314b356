"""One rule decides which texts are public, and every surface of the site obeys it."""

import datetime
import html
import re
from decimal import Decimal

import pytest

from announcements.models import Announcement
from config.sitemaps import SITEMAPS
from indicators.models import Indicator, Observation, PolicyAction
from tests.factories import (
    AnnouncementFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    PolicyActionUpdateFactory,
    SpeakerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

# Every status a text can be in, as factory arguments. Only "published" is public.
CASES = {
    "draft": {},
    "review": {"status": Announcement.Status.IN_REVIEW},
    "published": {"published": True},
    "scheduled": {"scheduled": True},
    "withdrawn": {"withdrawn": True},
}
HIDDEN = [case for case in CASES if case != "published"]
# Each text states the same period of the shared indicator with its own value.
VALUES = {
    "draft": "911.7",
    "review": "922.7",
    "published": "515.3",
    "scheduled": "933.7",
    "withdrawn": "944.7",
}
PUBLIC_HELD_ON = datetime.date(2024, 3, 5)
# Held later than the public text: a leaked restatement would become current.
HIDDEN_HELD_ON = datetime.date(2024, 4, 10)
Q1 = {
    "period_start": datetime.date(2024, 1, 1),
    "period_end": datetime.date(2024, 3, 31),
    "period_label": "2024 Q1",
}
SHARED_INDICATOR = "zebracase-shared-index"
PUBLIC_ACTION = "zebracase-published-action"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # Render every surface afresh: a cached page would show what was true before.
    settings.PAGE_CACHE_SECONDS = 0


def markers(case: str) -> list[str]:
    """Return what betrays a case's rows on a page: title word, slug, its value."""
    return [f"zebracase {case}", f"zebracase-{case}", VALUES[case]]


def content(response) -> str:
    return html.unescape(response.content.decode()).lower()


@pytest.fixture
def texts():
    """Return a text of each status, all on one topic and by one speaker.

    Each states a figure on a shared key indicator and one on its own, and
    announces one action; the public action's timeline cites every text.
    """
    topic = TopicFactory(name="Zebracase topic", slug="zebracase")
    speaker = SpeakerFactory(name="Zebracase Speaker", slug="zebracase-speaker")
    shared = IndicatorFactory(
        name="Zebracase shared index", slug=SHARED_INDICATOR, topic=topic, is_key=True
    )
    texts = {
        case: AnnouncementFactory(
            title=f"Zebracase {case} briefing",
            slug=f"zebracase-{case}",
            held_on=PUBLIC_HELD_ON if case == "published" else HIDDEN_HELD_ON,
            topics=[topic],
            speakers=[speaker],
            **arguments,
        )
        for case, arguments in CASES.items()
    }
    own = {
        case: IndicatorFactory(
            name=f"Zebracase {case} index",
            slug=f"zebracase-{case}-index",
            topic=topic,
            is_key=True,
        )
        for case in CASES
    }
    for case, text in texts.items():
        for indicator in (shared, own[case]):
            ObservationFactory(
                indicator=indicator,
                announcement=text,
                value=Decimal(VALUES[case]),
                **Q1,
            )
        action = PolicyActionFactory(
            announcement=text,
            title=f"Zebracase {case} action",
            slug=f"zebracase-{case}-action",
            status=PolicyAction.Status.IN_PROGRESS,
        )
        action.topics.add(topic)
        action.indicators.add(shared, *own.values())
    public_action = PolicyAction.objects.get(slug=PUBLIC_ACTION)
    for day, text in enumerate(texts.values(), start=1):
        PolicyActionUpdateFactory(
            action=public_action,
            date=datetime.date(2024, 6, day),
            status=PolicyAction.Status.IN_PROGRESS,
            note="Work continues.",
            evidence_announcement=text,
        )
    return texts


def test_public_queryset_and_is_public_agree_on_every_status(texts):
    public = set(Announcement.objects.public())

    in_queryset = {case: text in public for case, text in texts.items()}
    is_public = {case: text.is_public for case, text in texts.items()}

    assert in_queryset == is_public
    assert [case for case, shown in is_public.items() if shown] == ["published"]


def test_figures_actions_and_indicators_are_public_only_through_their_text(texts):
    public_text = texts["published"]

    assert set(Observation.objects.public()) == set(public_text.observations.all())
    assert list(PolicyAction.objects.public()) == [
        PolicyAction.objects.get(slug=PUBLIC_ACTION)
    ]
    assert set(Indicator.objects.public().values_list("slug", flat=True)) == {
        SHARED_INDICATOR,
        "zebracase-published-index",
    }


SITEMAP = ["/sitemap.xml", *(f"/sitemap-{section}.xml" for section in SITEMAPS)]


@pytest.mark.parametrize(
    "urls",
    [
        pytest.param(["/"], id="home"),
        pytest.param(["/announcements/"], id="announcement-list"),
        pytest.param(["/announcements/?q=zebracase"], id="search"),
        pytest.param(["/announcements/?topic=zebracase"], id="topic-filter"),
        pytest.param(
            ["/announcements/?speaker=zebracase-speaker"], id="speaker-filter"
        ),
        pytest.param(["/topics/zebracase/"], id="topic-page"),
        pytest.param(["/announcements/zebracase-published/"], id="public-text-page"),
        pytest.param(["/feeds/announcements/"], id="rss"),
        pytest.param(["/feeds/announcements/atom/"], id="atom"),
        pytest.param(SITEMAP, id="sitemap"),
        pytest.param(["/indicators/"], id="indicator-list"),
        pytest.param([f"/indicators/{SHARED_INDICATOR}/"], id="indicator-page"),
        pytest.param(
            [f"/indicators/{SHARED_INDICATOR}/observations.csv"], id="indicator-csv"
        ),
        pytest.param(
            [f"/indicators/{SHARED_INDICATOR}/observations.csv?include=revisions"],
            id="indicator-csv-revisions",
        ),
        pytest.param([f"/feeds/indicators/{SHARED_INDICATOR}/"], id="indicator-feed"),
        pytest.param(["/actions/"], id="tracker"),
        pytest.param(["/actions/?topic=zebracase"], id="tracker-topic"),
        pytest.param([f"/actions/{PUBLIC_ACTION}/"], id="action-page"),
        pytest.param([f"/feeds/actions/{PUBLIC_ACTION}/"], id="action-feed"),
        pytest.param(["/api/v1/announcements/"], id="api-announcements"),
        pytest.param(["/api/v1/observations/"], id="api-observations"),
        pytest.param(["/api/v1/policy-actions/"], id="api-policy-actions"),
        pytest.param([f"/api/v1/policy-actions/{PUBLIC_ACTION}/"], id="api-action"),
        pytest.param(["/api/v1/indicators/"], id="api-indicators"),
        pytest.param([f"/api/v1/indicators/{SHARED_INDICATOR}/"], id="api-indicator"),
        pytest.param(
            [f"/api/v1/indicators/{SHARED_INDICATOR}/observations/"],
            id="api-indicator-series",
        ),
    ],
)
def test_public_surface_shows_the_public_text_and_no_other(client, texts, urls):
    responses = [client.get(url) for url in urls]

    assert [response.status_code for response in responses] == [200] * len(urls)
    body = "".join(content(response) for response in responses)
    assert any(marker in body for marker in markers("published"))
    leaked = {
        case: [marker for marker in markers(case) if marker in body] for case in HIDDEN
    }
    assert leaked == {case: [] for case in HIDDEN}


# What each text owns a URL for; "{slug}" is the text's slug.
OWN_URLS = {
    "page": "/announcements/{slug}/",
    "api": "/api/v1/announcements/{slug}/",
    "action-page": "/actions/{slug}-action/",
    "action-feed": "/feeds/actions/{slug}-action/",
    "action-api": "/api/v1/policy-actions/{slug}-action/",
    "indicator-page": "/indicators/{slug}-index/",
    "indicator-feed": "/feeds/indicators/{slug}-index/",
    "indicator-csv": "/indicators/{slug}-index/observations.csv",
    "indicator-api": "/api/v1/indicators/{slug}-index/",
    "indicator-series-api": "/api/v1/indicators/{slug}-index/observations/",
}
# A withdrawn text stays at its URL (page and API) under a notice; its figures
# and actions go with it.
STAYS_WHEN_WITHDRAWN = {"page", "api"}


@pytest.mark.parametrize("case", CASES)
def test_own_urls_of_a_text_answer_only_if_it_is_public(client, texts, case):
    text = texts[case]

    statuses = {
        name: client.get(url.format(slug=text.slug)).status_code
        for name, url in OWN_URLS.items()
    }

    expected = {
        name: 200
        if case == "published" or (case == "withdrawn" and name in STAYS_WHEN_WITHDRAWN)
        else 404
        for name in OWN_URLS
    }
    assert statuses == expected


def test_withdrawn_text_keeps_its_page_under_a_notice(client, texts):
    withdrawn = texts["withdrawn"]

    page = html.unescape(client.get(withdrawn.get_absolute_url()).content.decode())
    api = client.get(f"/api/v1/announcements/{withdrawn.slug}/").json()

    assert "This text has been withdrawn." in page
    assert "Retracted." in page
    assert "Comments are closed." in page
    assert 'type="application/ld+json"' not in page
    assert api["status"] == "withdrawn"


def test_counts_count_only_the_public_texts_rows(client, texts):
    home = content(client.get("/"))
    tracker = content(client.get("/actions/"))
    listing = content(client.get("/announcements/"))
    search = content(client.get("/announcements/", {"q": "zebracase"}))
    api_counts = {
        name: client.get(f"/api/v1/{name}/").json()["count"]
        for name in ["announcements", "observations", "policy-actions", "indicators"]
    }

    in_progress = home.split('href="/actions/?status=in_progress"', 1)[1]
    assert '<span class="status-count-number">1</span>' in in_progress[:200]
    assert "the tracker: 1 action<" in home
    assert "all 2 indicators<" in home
    assert re.search(r'in progress</a> <span class="count">1</span>', tracker)
    assert re.search(r'zebracase topic</a> <span class="count">\(1\)</span>', tracker)
    assert re.search(r"\b1 announcement\.", listing)
    assert re.search(r"\b1 announcement matches\.", search)
    assert api_counts == {
        "announcements": 1,
        "observations": 2,
        "policy-actions": 1,
        "indicators": 2,
    }
