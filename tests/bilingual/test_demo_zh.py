"""The demo in Chinese (issue 21): the seed's Chinese version and Chinese names."""

import pytest

from announcements.models import Announcement
from indicators.demo import load_demo
from indicators.models import Indicator

pytestmark = pytest.mark.django_db

SEED = "/announcements/miit-digital-economy-first-half-2022/"
SEED_ZH = "/zh-hans/announcements/miit-digital-economy-first-half-2022-zh/"


def test_the_seed_and_its_chinese_version_link_each_other_with_hreflang(client):
    load_demo()

    english = client.get(SEED).content.decode()
    chinese = client.get(SEED_ZH).content.decode()

    assert f'href="{SEED_ZH}" hreflang="zh-hans" lang="zh-hans"' in english
    assert "阅读中文版" in english
    assert f'href="{SEED}" hreflang="en" lang="en"' in chinese
    assert "Read in English" in chinese
    assert (
        f'<link rel="alternate" hreflang="zh-hans" href="http://testserver{SEED_ZH}">'
        in english
    )
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver{SEED}">'
        in chinese
    )


def test_the_chinese_version_states_the_same_figures():
    seed = load_demo()

    chinese = Announcement.objects.get(translation_of=seed)

    assert chinese.language == "zh-hans"
    for figure in ("10万亿元", "3100", "700", "6000", "55.7%", "75.1%"):
        assert figure in chinese.body


def test_loading_the_demo_twice_adds_no_second_chinese_version():
    load_demo()
    load_demo()

    assert Announcement.objects.filter(language="zh-hans").count() == 1


def test_the_demo_indicators_have_chinese_names_and_units():
    load_demo()

    missing = Indicator.objects.filter(name_zh_hans__isnull=True) | (
        Indicator.objects.filter(unit_zh_hans__isnull=True)
    )

    assert not missing.exists()


def test_the_chinese_indicator_page_shows_the_figure_in_chinese(client):
    load_demo()

    page = client.get("/zh-hans/indicators/digital-industry-revenue/").content.decode()

    assert "<h1>电子信息制造业、软件业、通信业和互联网业务收入</h1>" in page
    assert "突破10万亿元" in page  # "exceeded 10 trillion yuan"
