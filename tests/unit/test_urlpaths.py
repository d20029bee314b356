"""Links built from a once-reversed path are the links reverse() builds."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from core.urlpaths import fixed_path, path_for

DETAIL_URLS = [
    "announcements:announcement_detail",
    "announcements:topic_detail",
    "indicators:indicator_detail",
    "indicators:action_detail",
    "api-announcement-detail",
    "api-announcement-comments",
]


@pytest.mark.parametrize("name", DETAIL_URLS)
@pytest.mark.parametrize("slug", ["state-council-briefing", "a", "q3_2022-figures"])
def test_slug_links_match_reverse(name, slug):
    assert path_for(name, slug) == reverse(name, kwargs={"slug": slug})


@pytest.mark.parametrize("slug", ["国务院新闻办", "café-briefing", "a/b", ""])
def test_a_value_no_url_takes_is_refused_as_reverse_refuses_it(slug):
    with pytest.raises(NoReverseMatch):
        path_for("announcements:announcement_detail", slug)


def test_fixed_links_match_reverse():
    for name in ["home", "announcements:announcement_list", "api-observation-list"]:
        assert fixed_path(name) == reverse(name)


def test_links_follow_a_swapped_url_configuration():
    name = "announcements:announcement_detail"
    before = path_for(name, "briefing")

    with override_settings(ROOT_URLCONF="tests.unit.moved_urls"):
        moved = path_for(name, "briefing"), fixed_path("home")

    assert before == "/announcements/briefing/"
    assert moved == ("/moved/announcements/briefing/", "/moved/")
    assert path_for(name, "briefing") == before
