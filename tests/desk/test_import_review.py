"""The import review that helps (issue 17): fits, merges, pre-ticks, one step."""

import pytest

from announcements.models import Announcement, ImportSuggestion
from indicators.ingestion.admin_views import highlight
from indicators.ingestion.importer import merge_repeated_figures
from indicators.models import Indicator, Observation
from tests.factories import IndicatorFactory
from tests.ingestion.test_admin import paste, review_post, review_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(editor_client, seed_text):
    IndicatorFactory(
        name="Numerical control rate of key processes", unit="%", slug="nc-rate"
    )
    paste(editor_client, seed_text)
    return Announcement.objects.get()


def figure(quote, name="Revenue", value="10", unit="trillion yuan"):
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "qualifier": "exceeded",
        "period_start": "2022-01-01",
        "period_end": "2022-06-30",
        "quote": quote,
        "restated_in": [],
    }


def test_the_same_figure_in_two_sentences_is_one_suggestion_listing_both():
    merged = merge_repeated_figures(
        [
            figure("Revenue exceeded 10 trillion yuan."),
            figure("Income passed 10 trillion yuan.", name="Income"),
            figure("Revenue exceeded 10 trillion yuan.", name="Exports"),
        ]
    )

    assert [f["name"] for f in merged] == ["Revenue", "Exports"]
    assert merged[0]["restated_in"] == ["Income passed 10 trillion yuan."]


def test_each_sentence_shows_its_figure_highlighted():
    assert highlight("more than 3,100 projects", "3100") == (
        "more than <mark>3,100</mark> projects"
    )
    assert highlight("In 2022 output rose 55.7%", "55.7") == (
        "In 2022 output rose <mark>55.7</mark>%"
    )
    assert highlight("<b>5</b> only", "9") == "&lt;b&gt;5&lt;/b&gt; only"


def test_sure_suggestions_start_ticked_and_the_page_says_which(editor_client, imported):
    page = editor_client.get(review_url(imported))

    ticked = [
        form.initial["name"]
        for form in page.context["figure_formset"].forms
        if form.initial["accept"]
    ]
    html = page.content.decode()
    assert ticked == ["Numerical control rate of key processes"]
    assert "1 suggestion starts ticked" in html
    assert "<mark>" in html
    assert 'id="whole-text"' in html


def test_accept_ticked_and_reject_the_rest_in_one_step_with_a_new_title(
    editor_client, imported
):
    page = editor_client.get(review_url(imported))
    data = review_post(page, tick=False)
    first = page.context["figure_formset"].forms[0]
    data[first.add_prefix("accept")] = "on"
    data.update({"decision": "accept_reject_rest", "title": "Digital industries, H1"})

    response = editor_client.post(review_url(imported), data)

    assert response.status_code == 302
    imported.refresh_from_db()
    assert imported.title == "Digital industries, H1"
    assert Observation.objects.filter(announcement=imported).count() == 1
    assert not ImportSuggestion.objects.filter(
        announcement=imported, accepted=False, rejected_at__isnull=True
    ).exists()
    again = editor_client.get(review_url(imported))
    assert "No figures left to review." in again.content.decode()


def test_a_suggestion_whose_indicator_was_deleted_meanwhile_is_a_clear_error(
    editor_client, imported
):
    page = editor_client.get(review_url(imported))
    data = review_post(page, tick=False)
    form = next(f for f in page.context["figure_formset"].forms if f.initial["accept"])
    data[form.add_prefix("accept")] = "on"
    Indicator.objects.filter(slug="nc-rate").delete()

    response = editor_client.post(review_url(imported), data)

    assert response.status_code == 200
    assert "no longer exists" in response.content.decode()
    assert not Observation.objects.exists()
    assert not ImportSuggestion.objects.filter(accepted=True).exists()


def test_two_editors_accepting_the_same_suggestions_save_them_once(
    client, editor_client, imported, editor
):
    from announcements.roles import EDITORS
    from tests.factories import UserFactory

    second = UserFactory(username="second", roles=[EDITORS])
    page = editor_client.get(review_url(imported))
    data = review_post(page)
    client.force_login(second)

    first_answer = editor_client.post(review_url(imported), data)
    second_answer = client.post(review_url(imported), data)

    assert first_answer.status_code == 302
    assert second_answer.status_code == 200
    assert "changed since this page was loaded" in second_answer.content.decode()
    assert Observation.objects.count() == 8


def test_the_service_refuses_suggestions_another_editor_decided(imported, editor):
    from django.core.exceptions import ValidationError

    from indicators.ingestion.importer import accept_suggestions

    suggestion = imported.import_suggestions.filter(kind="action").first()
    action = {
        "suggestion": suggestion,
        "ordinal": 1,
        "title": "Do it",
        "text": "",
        "responsible_body": "",
    }
    accept_suggestions(imported, actions=[action], user=editor)

    with pytest.raises(ValidationError, match="Another editor accepted"):
        accept_suggestions(imported, actions=[action], user=editor)
    assert imported.actions.count() == 1
