"""The demo's texts beside the seed: real series, honest indicators, actions
that moved only where a later text says so."""

import pytest
from django.core.management import call_command

from announcements.models import Announcement
from indicators.demo import ANNOUNCEMENT, TEXTS
from indicators.models import Observation, PolicyAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def periods_through_the_api(client, slug):
    response = client.get(f"/api/v1/indicators/{slug}/observations/")
    assert response.status_code == 200
    return {
        (row["period_start"], row["period_end"]) for row in response.json()["results"]
    }


@pytest.mark.parametrize(
    ("slug", "at_least"),
    [
        ("5g-industrial-internet-projects", 5),
        ("5g-base-stations", 6),
        ("software-it-services-revenue", 3),
    ],
)
def test_three_indicators_have_three_or_more_periods_in_the_api(
    demo, client, slug, at_least
):
    assert len(periods_through_the_api(client, slug)) >= at_least


def test_the_seed_text_is_still_there_and_the_others_are_published(demo):
    seed = Announcement.objects.public().get(slug=ANNOUNCEMENT["slug"])
    # Translations (issue 21) are versions of a text, not texts of their own.
    others = (
        Announcement.objects.public()
        .exclude(pk=seed.pk)
        .filter(translation_of__isnull=True)
    )

    assert seed.body == ANNOUNCEMENT["body"]
    assert {text.slug for text in others} == {spec["slug"] for spec in TEXTS}


def test_each_new_text_links_its_source(demo):
    originals = Announcement.objects.filter(translation_of__isnull=True)
    for text in originals.exclude(slug=ANNOUNCEMENT["slug"]):
        assert text.source_url.startswith(("http://", "https://")), text.slug
        assert text.source_name, text.slug


def test_each_quote_is_a_sentence_of_its_text(demo):
    for figure in Observation.objects.select_related("announcement"):
        body = " ".join(figure.announcement.body.replace("**", "").split())
        assert figure.quote, figure
        assert " ".join(figure.quote.split()) in body, figure


def test_flows_and_other_wordings_stay_out_of_the_stock_series(demo):
    stations = set(
        Observation.objects.filter(indicator__slug="5g-base-stations").values_list(
            "value", flat=True
        )
    )
    projects_launched = Observation.objects.get(
        indicator__slug="5g-industrial-internet-projects-launched"
    )

    assert 600000 not in stations  # built in 2020: a flow, not a total
    assert 3050000 not in stations  # a total with no date
    assert projects_launched.value == 1100
    assert not Observation.objects.filter(
        indicator__slug="5g-industrial-internet-projects", value=1100
    ).exists()


def test_the_rates_of_enterprises_above_designated_size_hold_only_the_seed(demo):
    for slug in (
        "key-process-numerical-control-rate",
        "digital-rd-design-tool-penetration",
    ):
        sources = set(
            Observation.objects.filter(indicator__slug=slug).values_list(
                "announcement__slug", flat=True
            )
        )
        assert sources == {ANNOUNCEMENT["slug"]}


def test_a_later_text_revises_a_figure_and_the_api_says_so(demo, client):
    rows = client.get(
        "/api/v1/indicators/software-it-services-revenue/observations/"
        "?include=revisions"
    ).json()["results"]
    of_2022 = {
        row["announcement"]: row for row in rows if row["period_label"] == "2022"
    }

    assert of_2022["software-revenue-2022"]["is_superseded"] is True
    assert of_2022["qiushi-digital-and-real-economy"]["is_revision"] is True


def test_actions_move_only_with_a_later_text_as_source(demo):
    moved = PolicyAction.objects.exclude(status=PolicyAction.Status.ANNOUNCED)

    assert moved.count() >= 3
    for action in moved.select_related("announcement"):
        updates = list(action.updates.select_related("evidence_announcement"))
        assert updates, action
        for update in updates:
            evidence = update.evidence_announcement
            assert evidence is not None and evidence.is_public
            assert evidence.held_on > action.announcement.held_on
            assert update.date == evidence.held_on
        assert action.status == updates[-1].status


def test_actions_without_a_report_of_progress_stay_announced(demo):
    untouched = PolicyAction.objects.filter(updates__isnull=True)

    assert untouched.exists()
    assert set(untouched.values_list("status", flat=True)) == {"announced"}


def test_loading_twice_changes_no_action_status_or_update(demo):
    before = list(PolicyAction.objects.values_list("slug", "status"))
    updates = list(
        PolicyAction.objects.values_list("updates__pk", "updates__note").order_by(
            "updates__pk"
        )
    )

    call_command("load_demo", verbosity=0)

    assert list(PolicyAction.objects.values_list("slug", "status")) == before
    assert (
        list(
            PolicyAction.objects.values_list("updates__pk", "updates__note").order_by(
                "updates__pk"
            )
        )
        == updates
    )
