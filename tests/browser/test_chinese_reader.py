"""A reader whose browser is set to Chinese meets Chinese names everywhere (issue 21).

On the Chinese pages, every link in the main content of the home page, a
text, an indicator, the tracker and a topic reads in Chinese or is a number:
no English title, name or label left among them. The one exception is a
link to another language's version, which by convention names that
language in its own words ("Read in English") and says so with `hreflang`.
"""

import re

import pytest

from announcements.roles import ensure_roles
from indicators.demo import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
NUMBER = re.compile(r"^[\d.,%\s\u00a0]+$")

# What a Chinese reader clicks through, from the Chinese home page.
PAGES = [
    "/zh-hans/",
    "/zh-hans/announcements/",
    "/zh-hans/announcements/miit-digital-economy-first-half-2022-zh/",
    "/zh-hans/indicators/5g-base-stations/",
    "/zh-hans/indicators/digital-industry-revenue/",
    "/zh-hans/actions/",
    "/zh-hans/actions/2022-07-network-layout-digital-infrastructure/",
    "/zh-hans/topics/telecom-infrastructure/",
    "/zh-hans/topics/digital-economy/",
]

LINKS_IN_MAIN = """() => Array.from(document.querySelectorAll("main a"))
  .filter(a => !a.hasAttribute("hreflang"))
  .map(a => [a.innerText.trim(), a.getAttribute("href")])"""


@pytest.fixture
def demo(settings, tmp_path):
    # Transactional tests flush every table, the roles' groups included.
    ensure_roles()
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return load_demo()


def reads_in_chinese(text: str) -> bool:
    return bool(CJK.search(text) or NUMBER.match(text))


def test_every_link_in_the_main_content_reads_in_chinese(live_server, new_page, demo):
    # One page visited after another (one demo for all): a failure names
    # every page and link still in English at once.
    page = new_page(locale="zh-CN")
    english = {}
    for path in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == "zh-hans", path
        links = page.evaluate(LINKS_IN_MAIN)
        assert len(links) >= 3, (path, links)
        untranslated = [
            (text, href) for text, href in links if text and not reads_in_chinese(text)
        ]
        if untranslated:
            english[path] = untranslated

    assert not english


def test_a_chinese_reader_following_the_latest_text_reads_it_in_chinese(
    live_server, new_page, demo
):
    page = new_page(locale="zh-CN")
    page.goto(live_server.url + "/zh-hans/")

    page.locator("main .item-title a").first.click()

    assert page.locator("article.announcement").get_attribute("lang") == "zh-hans"
    assert CJK.search(page.locator("article.announcement h1").inner_text())
