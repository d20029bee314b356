"""The benchmark's floor page: eight one-row reads in the page frame."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from bench.views import floor as bench_floor
from tests.factories import AnnouncementFactory

pytestmark = pytest.mark.django_db


def test_floor_page_reads_eight_texts_in_eight_queries_and_shows_only_public_ones():
    draft = AnnouncementFactory(title="Draft briefing")
    public = AnnouncementFactory.create_batch(9, published=True)
    request = RequestFactory().get("/bench/floor/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as queries:
        response = bench_floor(request)
    page = response.content.decode()
    assert response.status_code == 200
    assert len(queries) == 8
    assert [text.title in page for text in public] == [True] * 8 + [False]
    assert draft.title not in page
