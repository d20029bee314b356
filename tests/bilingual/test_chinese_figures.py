"""Figures on a text's Chinese version: its original's figures, marked where
the Chinese body states them ("超过10万亿元"), with a Chinese-language table."""

import re

import pytest

from indicators.demo import load_demo
from indicators.models import Observation
from tests.factories import AnnouncementFactory, IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db

SEED_ZH = "/zh-hans/announcements/miit-digital-economy-first-half-2022-zh/"


def test_the_chinese_seed_marks_each_of_its_originals_figures_in_its_body(client):
    seed = load_demo()
    figures = Observation.objects.filter(announcement=seed)

    html = client.get(SEED_ZH).content.decode()

    marked = set(
        map(int, re.findall(r'class="figure-mark[^"]*" id="figure-(\d+)"', html))
    )
    assert marked == {figure.pk for figure in figures}
    assert ">10万亿</a>" in html
    assert "2022年上半年" in html


def test_a_figure_the_translation_does_not_state_once_links_its_originals_sentence(
    client,
):
    original = AnnouncementFactory(
        published=True, slug="output", body="Output reached 5.5 in the quarter."
    )
    AnnouncementFactory(
        published=True,
        slug="output-zh",
        language="zh-hans",
        translation_of=original,
        body="产量5.5，上一季度也是5.5。",
    )
    figure = ObservationFactory(
        announcement=original,
        indicator=IndicatorFactory(slug="output"),
        quote="Output reached 5.5 in the quarter.",
    )

    html = client.get("/zh-hans/announcements/output-zh/").content.decode()

    assert "figure-mark" not in html
    assert (
        f'<a href="/announcements/output/#figure-{figure.pk}" hreflang="en">在原文中查看</a>'
        in html
    )
