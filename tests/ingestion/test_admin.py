"""The admin flow: Import press text -> review -> accept, for Editors only."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from announcements.models import Announcement, ImportSuggestion
from indicators.ingestion.importer import import_press_text
from indicators.models import Indicator, Observation, PolicyAction
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:announcements_announcement_import")


def review_url(announcement):
    return reverse(
        "admin:announcements_announcement_suggestions", args=[announcement.pk]
    )


def paste(client, text, **extra):
    return client.post(IMPORT_URL, {"text": text, "held_on": "2022-07-19", **extra})


def review_post(response, tick=True, **changes):
    """Build the review POST from the page's own form, ticking everything."""
    data = {}
    for formset in (
        response.context["figure_formset"],
        response.context["action_formset"],
    ):
        management = formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{formset.prefix}-{name}"] = management[name].value()
        for form in formset.forms:
            for name in form.fields:
                value = form.initial.get(name)
                data[form.add_prefix(name)] = "" if value is None else value
            if tick:
                data[form.add_prefix("accept")] = "on"
            else:
                data.pop(form.add_prefix("accept"), None)
    data.update(changes)
    return data


def test_changelist_offers_import_press_text_to_editors(editor_client):
    response = editor_client.get(reverse("admin:announcements_announcement_changelist"))

    assert response.status_code == 200
    assert IMPORT_URL in response.content.decode()
    assert "Import press text" in response.content.decode()


def test_pasting_the_seed_creates_a_draft_and_shows_its_suggestions(
    editor_client, seed_text
):
    response = paste(editor_client, seed_text, source_url="https://example.org/a")

    announcement = Announcement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == review_url(announcement)
    assert announcement.status == Announcement.Status.DRAFT
    page = editor_client.get(review_url(announcement))
    content = page.content.decode()
    assert page.status_code == 200
    assert "Numerical control rate of key processes" in content
    assert "Strengthen the governance of the digital economy" in content
    assert "Create a new indicator" in content
    assert len(page.context["figure_formset"].forms) == 8
    assert len(page.context["action_formset"].forms) == 5


def test_accepting_everything_creates_observations_and_actions_on_the_draft(
    editor_client, seed_text
):
    paste(editor_client, seed_text)
    announcement = Announcement.objects.get()
    page = editor_client.get(review_url(announcement))

    response = editor_client.post(review_url(announcement), review_post(page))

    assert response.status_code == 302
    assert Observation.objects.filter(announcement=announcement).count() == 8
    assert PolicyAction.objects.filter(announcement=announcement).count() == 5
    assert Indicator.objects.count() == 8
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.DRAFT
    after = editor_client.get(review_url(announcement)).content.decode()
    assert "No figures left to review." in after
    assert "Already accepted" in after


def test_the_editor_can_correct_a_suggestion_and_attach_it_to_an_existing_indicator(
    editor_client, seed_text
):
    existing = IndicatorFactory(name="Digital industry revenue", unit="trillion yuan")
    paste(editor_client, seed_text)
    announcement = Announcement.objects.get()
    page = editor_client.get(review_url(announcement))
    data = review_post(page, tick=False)
    data.update(
        {
            "figures-1-accept": "on",
            "figures-1-name": "Digital industry revenue",
            "figures-1-indicator": str(existing.pk),
            "figures-1-period_label": "2022 H1",
        }
    )

    response = editor_client.post(review_url(announcement), data)

    assert response.status_code == 302
    observation = Observation.objects.get()
    assert observation.indicator == existing
    assert observation.period_label == "2022 H1"
    assert observation.quote.startswith("From January to June")
    assert ImportSuggestion.objects.filter(accepted=True).count() == 1


def test_a_period_ending_before_it_starts_is_a_form_error(editor_client, seed_text):
    paste(editor_client, seed_text)
    announcement = Announcement.objects.get()
    page = editor_client.get(review_url(announcement))
    data = review_post(page, **{"figures-0-period_end": "2020-01-01"})

    response = editor_client.post(review_url(announcement), data)

    assert response.status_code == 200
    assert "The period cannot end before it starts." in response.content.decode()
    assert not Observation.objects.exists()
    assert not PolicyAction.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"figures-0-value": "not a number"}, "Enter a number."),
        ({"figures-0-indicator": "999999"}, "This indicator no longer exists"),
        ({"figures-0-suggestion": "999999"}, "The suggestions changed"),
        ({"actions-1-ordinal": "1"}, "number 1 is already used"),
        ({"figures-0-name": ""}, "Required to accept this figure."),
    ],
)
def test_invalid_review_input_is_a_form_error_and_writes_nothing(
    editor_client, seed_text, changes, message
):
    paste(editor_client, seed_text)
    announcement = Announcement.objects.get()
    page = editor_client.get(review_url(announcement))

    response = editor_client.post(
        review_url(announcement), review_post(page, **changes)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Observation.objects.exists()
    assert not PolicyAction.objects.exists()


def test_accepting_with_nothing_ticked_asks_for_a_tick(editor_client, seed_text):
    paste(editor_client, seed_text)
    announcement = Announcement.objects.get()
    page = editor_client.get(review_url(announcement))

    response = editor_client.post(
        review_url(announcement), review_post(page, tick=False)
    )

    assert "Tick at least one suggestion" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Paste a press text or upload a file."),
        ({"text": "Leave a Reply\n\nRequired fields are marked *"}, "empty once page"),
        (
            {"text": "Title\n\nText.", "source_url": "javascript:alert(1)"},
            "Enter a valid URL.",
        ),
        ({"text": "Title\n\nText.", "held_on": "yesterday"}, "Enter a valid date."),
    ],
)
def test_bad_pastes_are_form_errors(editor_client, data, message):
    response = editor_client.post(IMPORT_URL, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Announcement.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "binary"),
        (b"Caf\xe9 \x80\x81 revenue", "not UTF-8"),
        (b"", "The submitted file is empty."),
    ],
)
def test_bad_uploads_are_form_errors(editor_client, content, message):
    upload = SimpleUploadedFile("text.txt", content, content_type="text/plain")

    response = editor_client.post(IMPORT_URL, {"upload": upload})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Announcement.objects.exists()


def test_an_uploaded_html_file_is_imported(editor_client):
    html = (
        b"<html><body><h1>Exports rise</h1><p>Exports reached 2 trillion yuan in "
        b"the first quarter of 2024.</p></body></html>"
    )
    upload = SimpleUploadedFile("page.html", html, content_type="text/html")

    response = editor_client.post(IMPORT_URL, {"upload": upload})

    announcement = Announcement.objects.get()
    assert response.status_code == 302
    assert announcement.title == "Exports rise"
    assert announcement.held_on == timezone.localdate()  # no date given or in the text
    assert announcement.import_suggestions.get().data["value"] == "2"


def test_moderators_cannot_import_or_review(moderator_client, seed_text):
    announcement = import_press_text(seed_text).announcement

    assert moderator_client.get(IMPORT_URL).status_code == 403
    assert paste(moderator_client, seed_text).status_code == 403
    assert moderator_client.get(review_url(announcement)).status_code == 403
    changelist = moderator_client.get(
        reverse("admin:announcements_announcement_changelist")
    )
    assert IMPORT_URL not in changelist.content.decode()
    assert Announcement.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert re.search(r"/login/", response["Location"])


def test_review_of_a_missing_announcement_is_404(editor_client):
    assert (
        editor_client.get(
            reverse("admin:announcements_announcement_suggestions", args=[999999])
        ).status_code
        == 404
    )


def test_suggestions_are_listed_read_only_with_a_link_to_review(
    editor_client, seed_text
):
    paste(editor_client, seed_text)
    announcement = Announcement.objects.get()

    response = editor_client.get(
        reverse("admin:announcements_importsuggestion_changelist")
    )

    assert response.status_code == 200
    assert review_url(announcement) in response.content.decode()
    assert (
        editor_client.get(
            reverse("admin:announcements_importsuggestion_add")
        ).status_code
        == 403
    )


def test_imported_draft_links_back_to_its_review_page(editor_client, seed_text):
    draft = import_press_text(seed_text, held_on=timezone.localdate()).announcement
    untouched = Announcement.objects.create(
        title="Typed by hand",
        slug="typed-by-hand",
        held_on=timezone.localdate(),
        body="x",
    )

    imported_page = editor_client.get(
        reverse("admin:announcements_announcement_change", args=[draft.pk])
    )
    typed_page = editor_client.get(
        reverse("admin:announcements_announcement_change", args=[untouched.pk])
    )

    assert review_url(draft) in imported_page.content.decode()
    assert "Review import suggestions" not in typed_page.content.decode()
