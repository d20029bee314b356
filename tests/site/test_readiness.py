"""/healthz says the process lives; /readyz says what each dependency does."""

import datetime
import json

import pytest
from django.utils import timezone

from notices.models import Mail

pytestmark = pytest.mark.django_db


def test_liveness_asks_nothing_of_the_dependencies(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_lists_each_dependency(client):
    response = client.get("/readyz")

    body = json.loads(response.content)
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "purge", "tasks", "storage"}
    assert body["checks"]["tasks"]["mail_waiting"] == 0


def test_mail_no_worker_sends_shows_as_a_degraded_queue_not_an_unready_node(
    client,
):
    mail = Mail.objects.create(
        key="readiness-test",
        kind=Mail.Kind.TEST,
        to="reader@example.org",
        subject="Hello",
        body="Hi",
    )
    Mail.objects.filter(pk=mail.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )

    response = client.get("/readyz")

    tasks = json.loads(response.content)["checks"]["tasks"]
    assert response.status_code == 200
    assert json.loads(response.content)["status"] == "degraded"
    assert tasks["status"] == "degraded"
    assert tasks["mail_waiting"] == 1
    assert tasks["oldest_mail_seconds"] >= 3600
