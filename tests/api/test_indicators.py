import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators.models import Observation, PolicyAction
from tests.factories import (
    AnnouncementFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    PolicyActionUpdateFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

Q1 = {
    "period_start": datetime.date(2022, 1, 1),
    "period_end": datetime.date(2022, 3, 31),
    "period_label": "2022 Q1",
}
Q2 = {
    "period_start": datetime.date(2022, 4, 1),
    "period_end": datetime.date(2022, 6, 30),
    "period_label": "2022 Q2",
}


def held(day, **kwargs):
    return AnnouncementFactory(published=True, held_on=day, **kwargs)


@pytest.fixture
def revised_series():
    """Q1 first said 5.5 on 10 April, revised to 5.7 on 10 July; Q2 said then."""
    indicator = IndicatorFactory(slug="output", unit="%")
    april = held(datetime.date(2022, 4, 10), slug="april")
    july = held(datetime.date(2022, 7, 10), slug="july")
    ObservationFactory(indicator=indicator, announcement=april, value="5.5", **Q1)
    ObservationFactory(indicator=indicator, announcement=july, value="5.7", **Q1)
    ObservationFactory(indicator=indicator, announcement=july, value="6.1", **Q2)
    return indicator


def values(response):
    return [
        (item["period_label"], item["value"], item["announcement"])
        for item in response.json()["results"]
    ]


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


# --- Indicators ---------------------------------------------------------------


def test_indicator_list_shows_each_indicator_with_its_latest_current_figure(
    api, revised_series
):
    IndicatorFactory(slug="no-public-figures")

    response = api.get("/api/v1/indicators/")

    assert [item["slug"] for item in response.json()["results"]] == ["output"]
    item = response.json()["results"][0]
    assert item["latest"] == {
        "period_start": "2022-04-01",
        "period_end": "2022-06-30",
        "period_label": "2022 Q2",
        "value": "6.1",
        "qualifier": "exact",
        "quality": "reported",
        "announcement": "july",
        "held_on": "2022-07-10",
    }
    assert (
        item["observations"]
        == "http://testserver/api/v1/indicators/output/observations/"
    )


def test_indicator_detail_gives_the_current_figure_of_every_period(api, revised_series):
    response = api.get("/api/v1/indicators/output/")

    assert [
        (point["period_label"], point["value"]) for point in response.json()["series"]
    ] == [("2022 Q1", "5.7"), ("2022 Q2", "6.1")]


def test_indicators_filter_by_topic_and_key_flag(api):
    economy = TopicFactory(slug="economy")
    ObservationFactory(
        indicator=IndicatorFactory(slug="key", topic=economy, is_key=True)
    )
    ObservationFactory(indicator=IndicatorFactory(slug="minor", topic=economy))
    ObservationFactory(indicator=IndicatorFactory(slug="elsewhere", is_key=True))

    response = api.get("/api/v1/indicators/", {"topic": "economy", "is_key": "true"})

    assert [item["slug"] for item in response.json()["results"]] == ["key"]


def test_indicator_list_runs_the_same_queries_for_1_and_30_items(api):
    ObservationFactory.create_batch(1)
    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/indicators/", {"page_size": 50})
    ObservationFactory.create_batch(29)
    with CaptureQueriesContext(connection) as thirty:
        response = api.get("/api/v1/indicators/", {"page_size": 50})

    assert response.json()["count"] == 30
    assert len(thirty) == len(one)


# --- Observations and vintages ------------------------------------------------


def test_observation_list_shows_every_vintage_with_revision_flags(api, revised_series):
    response = api.get("/api/v1/observations/")

    flags = {
        (item["period_label"], item["value"]): (
            item["is_superseded"],
            item["is_revision"],
        )
        for item in response.json()["results"]
    }
    assert flags == {
        ("2022 Q1", "5.5"): (True, False),
        ("2022 Q1", "5.7"): (False, True),
        ("2022 Q2", "6.1"): (False, False),
    }


def test_current_true_keeps_only_the_latest_figure_per_period(api, revised_series):
    current = api.get("/api/v1/observations/", {"current": "true"})
    superseded = api.get("/api/v1/observations/", {"current": "false"})

    assert values(current) == [("2022 Q1", "5.7", "july"), ("2022 Q2", "6.1", "july")]
    assert values(superseded) == [("2022 Q1", "5.5", "april")]


def test_as_of_answers_with_the_series_as_it_stood_on_that_date(api, revised_series):
    before_revision = api.get("/api/v1/observations/", {"as_of": "2022-05-01"})
    after_revision = api.get("/api/v1/observations/", {"as_of": "2022-07-10"})
    before_anything = api.get("/api/v1/observations/", {"as_of": "2022-01-01"})

    assert values(before_revision) == [("2022 Q1", "5.5", "april")]
    assert before_revision.json()["results"][0]["is_superseded"] is False
    assert values(after_revision) == [
        ("2022 Q1", "5.7", "july"),
        ("2022 Q2", "6.1", "july"),
    ]
    assert before_anything.json()["count"] == 0


def test_an_indicators_series_endpoint_takes_as_of_too(api, revised_series):
    ObservationFactory(value="99")

    response = api.get(
        "/api/v1/indicators/output/observations/", {"as_of": "2022-05-01"}
    )

    assert values(response) == [("2022 Q1", "5.5", "april")]


@pytest.mark.parametrize("as_of", ["2022-02-30", "yesterday", "20220501", "-1"])
def test_a_malformed_as_of_is_400(api, revised_series, as_of):
    for url in ["/api/v1/observations/", "/api/v1/indicators/output/observations/"]:
        response = api.get(url, {"as_of": as_of})

        assert response.status_code == 400
        assert "as_of" in response.json()["errors"]


def test_observations_filter_by_indicator_announcement_period_and_qualifier(
    api, revised_series
):
    ObservationFactory(value="1", qualifier=Observation.Qualifier.MORE_THAN, **Q2)

    response = api.get(
        "/api/v1/observations/",
        {
            "indicator": "output",
            "announcement": "july",
            "period_start_after": "2022-04-01",
            "period_end_before": "2022-06-30",
            "qualifier": "exact",
            "quality": "reported",
        },
    )

    assert values(response) == [("2022 Q2", "6.1", "july")]


def test_observations_from_unpublished_texts_are_hidden(api):
    ObservationFactory(announcement=AnnouncementFactory(), value="1")
    ObservationFactory(
        announcement=AnnouncementFactory(
            status="published", published_at=timezone.now() + datetime.timedelta(1)
        ),
        value="2",
    )

    assert api.get("/api/v1/observations/").json()["count"] == 0


def test_observation_list_runs_the_same_queries_for_1_and_30_items(api):
    ObservationFactory.create_batch(1)
    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/observations/", {"page_size": 50})
    ObservationFactory.create_batch(29)
    with CaptureQueriesContext(connection) as thirty:
        response = api.get("/api/v1/observations/", {"page_size": 50})

    assert response.json()["count"] == 30
    assert len(thirty) == len(one)


# --- CSV ----------------------------------------------------------------------

# SQLite keeps a decimal as a double, exact to 15 significant digits;
# PostgreSQL's numeric keeps all 24 the model allows.
EXACT_VALUES = ["0.000001", "987654321.123456", "-3.5", "10", "75.1", "1E+2"]
LONG_VALUE = "123456789012345678.123456"


def exact_values():
    if connection.vendor == "postgresql":
        return [*EXACT_VALUES, LONG_VALUE]
    return EXACT_VALUES


@pytest.mark.parametrize(
    "url",
    ["/api/v1/observations/", "/api/v1/indicators/exact/observations/"],
)
def test_csv_round_trips_exact_decimal_values(api, url):
    indicator = IndicatorFactory(slug="exact", decimals=6)
    for year, value in enumerate(exact_values(), start=2000):
        ObservationFactory(
            indicator=indicator,
            value=Decimal(value),
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            period_label=str(year),
            qualifier=Observation.Qualifier.MORE_THAN,
        )

    response = api.get(url, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert [Decimal(row["value"]) for row in rows] == [
        Decimal(v) for v in exact_values()
    ]
    assert "1E+2" not in response.content.decode()
    assert {row["qualifier"] for row in rows} == {"more_than"}


def test_csv_is_also_given_for_accept_text_csv(api, revised_series):
    response = api.get("/api/v1/observations/", HTTP_ACCEPT="text/csv")

    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0] == (
        "indicator,unit,period_label,period_start,period_end,qualifier,value,"
        "quality,announcement,held_on,source_url"
    )


def test_csv_holds_the_whole_filtered_series_not_one_page(api, settings):
    settings.API_MAX_PAGE_SIZE = 5
    indicator = IndicatorFactory(slug="long")
    for year in range(2000, 2030):
        ObservationFactory(
            indicator=indicator,
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            period_label=str(year),
        )

    response = api.get(
        "/api/v1/observations/", {"format": "csv", "indicator": "long", "page": 3}
    )

    assert len(csv_rows(response)) == 30


def test_csv_with_as_of_downloads_that_vintage(api, revised_series):
    response = api.get(
        "/api/v1/indicators/output/observations/",
        {"format": "csv", "as_of": "2022-05-01"},
    )

    assert [(row["period_label"], row["value"]) for row in csv_rows(response)] == [
        ("2022 Q1", "5.5")
    ]


def test_csv_errors_are_answered_as_json(api, revised_series):
    response = api.get("/api/v1/observations/", {"format": "csv", "as_of": "nope"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "as_of" in response.json()["errors"]


def test_csv_past_the_row_cap_asks_to_narrow_the_download(
    api, revised_series, monkeypatch
):
    monkeypatch.setattr("indicators.api.views.CSV_MAX_ROWS", 2)

    response = api.get("/api/v1/observations/", {"format": "csv"})

    assert response.status_code == 400
    assert "Narrow it" in response.json()["errors"]["format"][0]


def test_csv_download_runs_the_same_queries_for_1_and_30_rows(api):
    ObservationFactory.create_batch(1)
    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/observations/", {"format": "csv"})
    ObservationFactory.create_batch(29)
    with CaptureQueriesContext(connection) as thirty:
        response = api.get("/api/v1/observations/", {"format": "csv"})

    assert len(csv_rows(response)) == 30
    assert len(thirty) == len(one)


# --- Policy actions -------------------------------------------------------------


def test_policy_actions_come_with_their_updates_and_topics(api):
    topic = TopicFactory(slug="broadband")
    action = PolicyActionFactory(slug="rural-broadband", ordinal=1)
    action.topics.add(topic)
    PolicyActionUpdateFactory(action=action, note="Started in three provinces.")
    PolicyActionUpdateFactory(
        action=action,
        date=datetime.date(2024, 9, 1),
        status=PolicyAction.Status.COMPLETED,
        note="Done.",
        evidence_announcement=AnnouncementFactory(slug="draft-evidence"),
    )

    response = api.get("/api/v1/policy-actions/rural-broadband/")

    assert response.status_code == 200
    body = response.json()
    assert body["topics"][0]["slug"] == "broadband"
    assert [update["note"] for update in body["updates"]] == [
        "Started in three provinces.",
        "Done.",
    ]
    # A draft text is no public evidence: its slug is not given away.
    assert body["updates"][1]["evidence_announcement"] is None


def test_policy_actions_filter_by_status_topic_body_announcement_and_overdue(api):
    topic = TopicFactory(slug="broadband")
    source = AnnouncementFactory(slug="source", published=True)
    late = PolicyActionFactory(
        slug="late",
        announcement=source,
        responsible_body="Ministry of Industry and Information Technology",
        target_date=datetime.date(2020, 1, 1),
    )
    late.topics.add(topic)
    done = PolicyActionFactory(
        slug="done",
        announcement=source,
        responsible_body="Ministry of Industry and Information Technology",
        target_date=datetime.date(2020, 1, 1),
        status=PolicyAction.Status.COMPLETED,
    )
    done.topics.add(topic)
    PolicyActionFactory(slug="elsewhere", target_date=datetime.date(2020, 1, 1))

    response = api.get(
        "/api/v1/policy-actions/",
        {
            "status": "announced",
            "topic": "broadband",
            "responsible_body": "information technology",
            "announcement": "source",
            "overdue": "true",
        },
    )
    not_overdue = api.get(
        "/api/v1/policy-actions/", {"announcement": "source", "overdue": "false"}
    )

    assert [item["slug"] for item in response.json()["results"]] == ["late"]
    assert response.json()["results"][0]["is_overdue"] is True
    assert [item["slug"] for item in not_overdue.json()["results"]] == ["done"]


def test_policy_actions_of_unpublished_texts_are_hidden(api):
    PolicyActionFactory(slug="hidden", announcement=AnnouncementFactory())

    assert api.get("/api/v1/policy-actions/").json()["count"] == 0
    assert api.get("/api/v1/policy-actions/hidden/").status_code == 404


def test_policy_action_list_runs_the_same_queries_for_1_and_30_items(api):
    topic = TopicFactory()

    def make(count):
        for action in PolicyActionFactory.create_batch(count):
            action.topics.add(topic)
            action.indicators.add(ObservationFactory().indicator)
            PolicyActionUpdateFactory(action=action)

    make(1)
    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/policy-actions/", {"page_size": 50})
    make(29)
    with CaptureQueriesContext(connection) as thirty:
        response = api.get("/api/v1/policy-actions/", {"page_size": 50})

    assert response.json()["count"] == 30
    assert len(thirty) == len(one)
