"""Actions' progress from the desk: several at once, one dated note (issue 17)."""

import datetime

import pytest
from django.urls import reverse

from indicators.models import PolicyAction
from tests.factories import (
    AnnouncementFactory,
    PolicyActionFactory,
    PolicyActionUpdateFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:indicators_policyaction_changelist"


@pytest.fixture
def actions():
    text = AnnouncementFactory(published=True)
    return [
        PolicyActionFactory(
            announcement=text, ordinal=n, target_date=datetime.date(2020, 1, n)
        )
        for n in (1, 2, 3)
    ]


def test_bulk_progress_adds_one_dated_update_to_each_and_sets_the_status(
    editor_client, actions
):
    chosen = actions[:2]

    response = editor_client.post(
        reverse(CHANGELIST),
        {
            "action": "record_progress",
            "_selected_action": [a.pk for a in chosen],
            "apply": "1",
            "status": "in_progress",
            "date": "2024-05-01",
            "note": "Work began in all provinces.",
        },
        follow=True,
    )

    assert "Progress recorded on 2 actions." in response.content.decode()
    for action in chosen:
        action.refresh_from_db()
        assert action.status == PolicyAction.Status.IN_PROGRESS
        update = action.updates.get()
        assert (update.date, update.note) == (
            datetime.date(2024, 5, 1),
            "Work began in all provinces.",
        )
    actions[2].refresh_from_db()
    assert actions[2].status == PolicyAction.Status.ANNOUNCED
    assert not actions[2].updates.exists()


def test_bulk_progress_without_a_note_asks_again_and_writes_nothing(
    editor_client, actions
):
    response = editor_client.post(
        reverse(CHANGELIST),
        {
            "action": "record_progress",
            "_selected_action": [actions[0].pk],
            "apply": "1",
            "status": "completed",
            "date": "2024-05-01",
            "note": "",
        },
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    actions[0].refresh_from_db()
    assert actions[0].status == PolicyAction.Status.ANNOUNCED
    assert not actions[0].updates.exists()


def test_a_later_dated_update_keeps_its_status_and_the_editor_is_told(
    editor_client, actions
):
    PolicyActionUpdateFactory(
        action=actions[0], date=datetime.date(2025, 1, 1), status="completed"
    )
    actions[0].sync_status_from_updates()

    response = editor_client.post(
        reverse(CHANGELIST),
        {
            "action": "record_progress",
            "_selected_action": [actions[0].pk],
            "apply": "1",
            "status": "stalled",
            "date": "2024-05-01",
            "note": "Funding paused.",
        },
        follow=True,
    )

    assert "keep the status of a later-dated update" in response.content.decode()
    actions[0].refresh_from_db()
    assert actions[0].status == PolicyAction.Status.COMPLETED


def test_the_overdue_filter_lists_only_overdue_actions(editor_client, actions):
    actions[1].status = PolicyAction.Status.COMPLETED
    actions[1].save()

    response = editor_client.get(reverse(CHANGELIST), {"overdue": "yes"})

    listed = {a.pk for a in response.context["cl"].result_list}
    assert listed == {actions[0].pk, actions[2].pk}
