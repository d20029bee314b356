"""Importing a press text and accepting its suggestions: the database writes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from announcements.models import Announcement, ImportSuggestion
from indicators import demo
from indicators.ingestion import importer
from indicators.ingestion.importer import (
    EmptyPressText,
    accept_suggestions,
    import_press_text,
    match_indicator,
)
from indicators.models import Indicator, Observation, PolicyAction
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

HELD_ON = datetime.date(2022, 7, 19)


def accept_everything(announcement, user=None):
    """Tick every suggestion as the review page would, attaching to matches."""
    figures = []
    for suggestion in announcement.import_suggestions.filter(kind="figure"):
        data = suggestion.data
        figures.append(
            {
                "suggestion": suggestion,
                "name": data["name"],
                "value": Decimal(data["value"]),
                "unit": data["unit"],
                "qualifier": data["qualifier"],
                "period_label": data["period_label"],
                "period_start": datetime.date.fromisoformat(data["period_start"]),
                "period_end": datetime.date.fromisoformat(data["period_end"]),
                "quote": data["quote"],
                "indicator": match_indicator(data["name"], data["unit"]),
            }
        )
    actions = [
        {"suggestion": s, **s.data}
        for s in announcement.import_suggestions.filter(kind="action")
    ]
    return accept_suggestions(announcement, figures=figures, actions=actions, user=user)


def test_import_creates_a_draft_with_its_suggestions(seed_text, editor):
    result = import_press_text(seed_text, held_on=HELD_ON, user=editor)

    announcement = result.announcement
    assert announcement.status == Announcement.Status.DRAFT
    assert announcement.title.startswith(
        "Continue to strengthen the construction of 5G"
    )
    assert (
        announcement.slug
        == "continue-to-strengthen-the-construction-of-5g-network-and-gigabit-fiber-network"
    )
    assert announcement.source_name == "IT House"
    assert announcement.organizer == "State Council Information Office"
    assert announcement.kind == Announcement.Kind.PRESS_CONFERENCE
    assert announcement.created_by == editor
    assert "Leave a Reply" not in announcement.body
    assert "<p>" in announcement.body_html
    assert announcement.import_suggestions.filter(kind="figure").count() == 8
    assert announcement.import_suggestions.filter(kind="action").count() == 5
    assert not announcement.observations.exists()  # nothing until an editor accepts


def test_importing_the_same_text_twice_gives_two_drafts_with_unique_slugs(seed_text):
    first = import_press_text(seed_text, held_on=HELD_ON).announcement
    second = import_press_text(seed_text, held_on=HELD_ON).announcement

    assert second.slug == f"{first.slug}-2"


def test_accepting_the_seed_gives_what_load_demo_builds(seed_text, editor):
    announcement = import_press_text(seed_text, held_on=HELD_ON).announcement

    result = accept_everything(announcement, user=editor)

    units = {spec["slug"]: spec["unit"] for spec in demo.INDICATORS}
    expected = sorted(
        (value, units[slug], qualifier, start, end, label)
        for slug, (start, end, label), value, qualifier, _quote in demo.OBSERVATIONS
    )
    got = sorted(
        (
            o.value,
            o.indicator.unit,
            o.qualifier,
            o.period_start,
            o.period_end,
            o.period_label,
        )
        for o in announcement.observations.select_related("indicator")
    )
    assert got == expected
    assert len(result.indicators_created) == 8
    assert all(o.quality == Observation.Quality.REPORTED for o in result.observations)
    assert all(o.quote and o.quote in seed_text for o in result.observations)
    assert list(announcement.actions.values_list("ordinal", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
    ]
    assert [
        a.ordinal for a in PolicyAction.objects.filter(announcement=announcement)
    ] == [ordinal for ordinal, *_rest in demo.ACTIONS]
    assert announcement.import_suggestions.filter(accepted=False).count() == 0
    assert announcement.import_suggestions.filter(accepted_by=editor).count() == 13
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.DRAFT


def test_accepted_actions_get_slugs_and_the_responsible_ministry(seed_text):
    announcement = import_press_text(seed_text, held_on=HELD_ON).announcement

    accept_everything(announcement)

    first = announcement.actions.get(ordinal=1)
    assert first.slug.startswith("2022-07-strengthen-the-research-on-core-technologies")
    assert first.responsible_body == "Ministry of Industry and Information Technology"
    assert first.description.startswith("Strengthen the research on core technologies")


def test_a_figure_attaches_to_an_existing_indicator_with_the_same_name_and_unit(
    seed_text,
):
    demo.load_demo()
    announcement = import_press_text(seed_text, held_on=HELD_ON).announcement

    accept_everything(announcement)

    existing = Indicator.objects.get(slug="key-process-numerical-control-rate")
    assert existing.observations.count() == 2  # the demo's and the import's
    assert existing.observations.get(announcement=announcement).value == Decimal("55.7")


def test_indicator_matching_ignores_case_quotes_and_articles():
    indicator = IndicatorFactory(
        name="The “5G + Industrial Internet” projects", unit="Projects"
    )

    assert (
        match_indicator('5g + industrial internet" projects', "projects") == indicator
    )
    assert match_indicator("5G + Industrial Internet projects", "%") is None
    assert match_indicator("Rural roads built", "projects") is None


def test_accepting_nothing_invalid_writes_nothing(seed_text):
    announcement = import_press_text(seed_text, held_on=HELD_ON).announcement
    action = announcement.import_suggestions.get(kind="action", position=1)
    twice = {"suggestion": action, **action.data}

    with pytest.raises(ValidationError, match="number 1 is already used"):
        accept_suggestions(announcement, actions=[twice, twice])

    assert not PolicyAction.objects.exists()
    assert not announcement.import_suggestions.filter(accepted=True).exists()


def test_a_period_ending_before_it_starts_is_refused():
    announcement = import_press_text(
        "Title\n\nRevenue reached 5 trillion yuan in 2022."
    ).announcement
    figure = {
        "name": "Revenue",
        "value": Decimal("5"),
        "unit": "trillion yuan",
        "qualifier": "exact",
        "period_label": "2022",
        "period_start": datetime.date(2022, 12, 31),
        "period_end": datetime.date(2022, 1, 1),
        "indicator": None,
    }

    with pytest.raises(ValidationError, match="ends before it starts"):
        accept_suggestions(announcement, figures=[figure])

    assert not Indicator.objects.exists()


def test_a_failure_half_way_through_accepting_rolls_everything_back(
    seed_text, monkeypatch
):
    announcement = import_press_text(seed_text, held_on=HELD_ON).announcement

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(PolicyAction, "save", broken_save)
    with pytest.raises(RuntimeError):
        accept_everything(announcement)

    assert not Observation.objects.exists()
    assert not Indicator.objects.exists()
    assert not announcement.import_suggestions.filter(accepted=True).exists()


def test_a_failed_import_leaves_no_draft_behind(seed_text, monkeypatch):
    def broken_bulk_create(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ImportSuggestion.objects, "bulk_create", broken_bulk_create)
    with pytest.raises(RuntimeError):
        import_press_text(seed_text, held_on=HELD_ON)

    assert not Announcement.objects.exists()


def test_a_text_that_is_only_page_furniture_is_refused():
    with pytest.raises(EmptyPressText):
        import_press_text("Leave a Reply\n\nYour email address will not be published.")

    assert not Announcement.objects.exists()


def test_without_a_date_the_text_date_is_used_then_today(monkeypatch):
    dated = import_press_text(
        "Title\n\nBEIJING, March 5, 2024 (Xinhua) -- Output rose."
    )
    undated = import_press_text("Title\n\nOutput rose.")

    assert (dated.announcement.held_on, dated.date_from) == (
        datetime.date(2024, 3, 5),
        "text",
    )
    assert undated.date_from == "today"


def test_a_text_without_figures_imports_with_no_suggestions():
    result = import_press_text(
        "A ceremony\n\nThe ministry held a ceremony for teachers."
    )

    assert result.announcement.import_suggestions.count() == 0


def test_read_press_file_refuses_what_is_not_a_press_text(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (importer.MAX_BYTES + 1))

    with pytest.raises(importer.UnreadableText, match="No such file"):
        importer.read_press_file(tmp_path / "missing.txt")
    with pytest.raises(importer.UnreadableText, match="limit is 2 MB"):
        importer.read_press_file(big)
    with pytest.raises(importer.UnreadableText, match="Not a file"):
        importer.read_press_file(tmp_path)
