"""The demo in Chinese (issue 21): a Chinese version of every demo text, and
Chinese names for everything the demo creates."""

import re
from decimal import Decimal

import pytest
from django.db import transaction

from announcements.models import Announcement, Speaker, Topic
from indicators import marks
from indicators.demo import ANNOUNCEMENT, TEXTS, load_demo
from indicators.models import Indicator, PolicyAction, PolicyActionUpdate

pytestmark = pytest.mark.django_db

SEED = "/announcements/miit-digital-economy-first-half-2022/"
SEED_ZH = "/zh-hans/announcements/miit-digital-economy-first-half-2022-zh/"
ORIGINALS = [ANNOUNCEMENT["slug"], *(spec["slug"] for spec in TEXTS)]

LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
# A number as Chinese text writes it: "337.7万", "10万亿", "94994亿", "55.7%",
# and a rank: "第二".
CHINESE_NUMBER = re.compile(r"(?<![\d.,])(\d+(?:,\d{3})*(?:\.\d+)?)(万亿|亿|万)?")
CHINESE_SCALES = {
    "万": Decimal(10) ** 4,
    "亿": Decimal(10) ** 8,
    "万亿": Decimal(10) ** 12,
}
CHINESE_ORDINAL = re.compile(r"第([一二三四五六七八九十])")
CHINESE_DIGITS = "一二三四五六七八九十"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the module (it takes seconds), in a transaction
    rolled back after the module's last test; each test runs in a savepoint
    inside it, so what one test writes the next does not see."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


def without_link_targets(markdown: str) -> str:
    return LINK_TARGET.sub("]", markdown)


def english_amounts(markdown: str) -> set[Decimal]:
    """Every number an English text states, in units of one ("1.4 million")."""
    return {
        Decimal(match["number"].replace(",", ""))
        * marks.SCALES.get((match["scale"] or "").lower(), Decimal(1))
        for match in marks.NUMBER.finditer(without_link_targets(markdown))
    }


def chinese_amounts(markdown: str) -> set[Decimal]:
    """Every number a Chinese text states, in units of one ("140万")."""
    text = without_link_targets(markdown)
    amounts = {
        Decimal(match[1].replace(",", ""))
        * CHINESE_SCALES.get(match[2] or "", Decimal(1))
        for match in CHINESE_NUMBER.finditer(text)
    }
    amounts |= {
        Decimal(CHINESE_DIGITS.index(match[1]) + 1)
        for match in CHINESE_ORDINAL.finditer(text)
    }
    return amounts


def missing_figures(original: Announcement, chinese_body: str) -> set[Decimal]:
    """The amounts the original states (in its body or as its recorded
    figures) that the Chinese body does not."""
    stated = english_amounts(original.body) | {
        marks.amount_of(o.value, o.indicator.unit_key)
        for o in original.observations.select_related("indicator")
    }
    return stated - chinese_amounts(chinese_body)


def versions():
    """Each demo text with its Chinese version."""
    for slug in ORIGINALS:
        original = Announcement.objects.get(slug=slug)
        yield original, Announcement.objects.get(translation_of=original)


def test_every_demo_text_has_one_public_chinese_version_linking_back(demo, client):
    for slug in ORIGINALS:
        original = Announcement.objects.public().get(slug=slug)
        translations = Announcement.objects.public().filter(translation_of=original)
        assert [t.language for t in translations] == ["zh-hans"], slug
        chinese = translations.get()
        assert chinese.slug == f"{slug}-zh"

        english_path = f"/announcements/{slug}/"
        chinese_path = f"/zh-hans/announcements/{chinese.slug}/"
        english = client.get(english_path)
        chinese_page = client.get(chinese_path)

        assert english.status_code == chinese_page.status_code == 200, slug
        assert (
            f'href="{chinese_path}" hreflang="zh-hans" lang="zh-hans"'
            in english.content.decode()
        ), slug
        page = chinese_page.content.decode()
        assert f'href="{english_path}" hreflang="en" lang="en"' in page, slug
        assert f"<h1>{chinese.title}</h1>" in page, slug


def test_the_seed_and_its_chinese_version_link_each_other_with_hreflang(demo, client):
    english = client.get(SEED).content.decode()
    chinese = client.get(SEED_ZH).content.decode()

    assert "阅读中文版" in english
    assert "Read in English" in chinese
    assert (
        f'<link rel="alternate" hreflang="zh-hans" href="http://testserver{SEED_ZH}">'
        in english
    )
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver{SEED}">'
        in chinese
    )


def test_each_chinese_version_keeps_its_originals_facts(demo):
    for original, chinese in versions():
        assert chinese.language == "zh-hans"
        assert chinese.kind == original.kind, original.slug
        assert chinese.held_on == original.held_on, original.slug
        assert chinese.published_at == original.published_at, original.slug
        assert chinese.source_url == original.source_url, original.slug
        assert chinese.accepts_comments(), original.slug
        assert set(chinese.speakers.all()) == set(original.speakers.all())
        assert set(chinese.topics.all()) == set(original.topics.all())
        assert bool(chinese.organizer) == bool(original.organizer), original.slug
        assert bool(chinese.venue) == bool(original.venue), original.slug


def test_each_chinese_version_is_written_in_chinese(demo):
    for original, chinese in versions():
        for field in ("title", "summary", "body"):
            text = without_link_targets(getattr(chinese, field))
            assert len(CJK.findall(text)) > len(LATIN.findall(text)), (
                original.slug,
                field,
            )


def test_each_chinese_version_states_every_figure_of_its_original(demo):
    for original, chinese in versions():
        assert missing_figures(original, chinese.body) == set(), original.slug


def test_the_figure_check_notices_a_figure_left_out_or_rescaled(demo):
    original, chinese = next(versions())
    assert missing_figures(original, chinese.body) == set()

    dropped = chinese.body.replace("55.7%", "57.5%")
    rescaled = chinese.body.replace("10万亿元", "10亿元")

    assert missing_figures(original, dropped) == {Decimal("55.7")}
    assert missing_figures(original, rescaled) == {Decimal(10) ** 13}


def test_each_chinese_version_has_its_originals_shape_links_and_speakers(demo):
    def shape(markdown):
        lines = markdown.splitlines()
        return (
            sum(line.startswith("#") for line in lines),
            [line.split(".")[0] for line in lines if re.match(r"\d+\. ", line)],
        )

    for original, chinese in versions():
        assert shape(chinese.body) == shape(original.body), original.slug
        assert LINK_TARGET.findall(chinese.body) == LINK_TARGET.findall(
            original.body
        ), original.slug
        for speaker in original.speakers.all():
            assert speaker.name_zh_hans in chinese.body, (original.slug, speaker)


def test_the_chinese_seed_states_the_seed_figures_as_chinese_readers_write_them(demo):
    chinese = Announcement.objects.get(translation_of=demo)

    for figure in ("10万亿元", "3100", "700", "6000", "90%", "55.7%", "75.1%"):
        assert figure in chinese.body


def test_loading_the_demo_twice_adds_or_changes_no_chinese_version(demo):
    before = list(
        Announcement.objects.filter(language="zh-hans")
        .order_by("pk")
        .values_list("pk", "slug", "updated_at")
    )
    history = Announcement.history.count()

    load_demo()

    assert len(before) == len(ORIGINALS)
    after = Announcement.objects.filter(language="zh-hans").order_by("pk")
    assert list(after.values_list("pk", "slug", "updated_at")) == before
    assert Announcement.history.count() == history


def test_everything_the_demo_creates_has_a_chinese_name(demo):
    def missing(model, *fields):
        return [
            str(row)
            for row in model.objects.all()
            if not all(getattr(row, f"{field}_zh_hans") for field in fields)
        ]

    assert missing(Topic, "name", "description") == []
    assert missing(Speaker, "name", "position", "organization") == []
    assert missing(Indicator, "name", "unit", "description") == []
    assert missing(PolicyAction, "title", "description", "responsible_body") == []
    assert missing(PolicyActionUpdate, "note") == []


def test_the_chinese_indicator_page_shows_the_figure_in_chinese(demo, client):
    page = client.get("/zh-hans/indicators/digital-industry-revenue/").content.decode()

    assert "<h1>电子信息制造业、软件业、通信业和互联网业务收入</h1>" in page
    assert "突破10万亿元" in page  # "exceeded 10 trillion yuan"
