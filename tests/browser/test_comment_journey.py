"""A reader's and a moderator's journey through the demo, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from announcements.models import Comment
from announcements.roles import MODERATORS, ensure_roles
from indicators.demo import load_demo
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MODERATOR_PASSWORD = "correct-horse-battery"


@pytest.fixture
def demo(settings):
    # Transactional tests flush every table, the roles' groups included.
    ensure_roles()
    # The form refuses replies faster than a person types; a browser is faster.
    settings.COMMENT_MIN_SECONDS = 0
    return load_demo()


def test_reader_comment_is_held_then_approved_by_a_moderator_and_shown(
    live_server, new_page, demo
):
    UserFactory(username="moe", roles=[MODERATORS])
    reader = new_page()
    reader.goto(live_server.url + demo.get_absolute_url())

    form = reader.locator("form.comment-form")
    form.get_by_role("textbox", name="Name").fill("Zhou Min")
    form.get_by_role("textbox", name="Email").fill("zhou.min@example.org")
    form.get_by_role("textbox", name="Comment").fill(
        "Which provinces host the new 5G projects?"
    )
    form.get_by_role("button", name="Post Comment").click()

    expect(reader.locator(".messages")).to_contain_text(
        "Your comment is awaiting moderation."
    )
    expect(reader.locator(".comment-list")).not_to_contain_text("Which provinces")
    comment = Comment.objects.get(author_email="zhou.min@example.org")
    assert comment.status == Comment.Status.PENDING

    moderator = new_page()
    moderator.goto(live_server.url + "/admin/login/?next=/admin/")
    moderator.get_by_label("Username").fill("moe")
    moderator.get_by_label("Password").fill(MODERATOR_PASSWORD)
    moderator.get_by_role("button", name="Log in").click()
    moderator.goto(live_server.url + "/admin/announcements/comment/?status=pending")
    moderator.locator(f'input[name="_selected_action"][value="{comment.pk}"]').check()
    moderator.locator('select[name="action"]').select_option("approve_selected")
    moderator.locator('button[name="index"]').click()
    expect(moderator.locator(".messagelist")).to_contain_text("1 comment approved.")

    reader.goto(live_server.url + demo.get_absolute_url())
    expect(reader.locator(".comment-list")).to_contain_text(
        "Which provinces host the new 5G projects?"
    )
    expect(reader.locator("body")).not_to_contain_text("zhou.min@example.org")


def test_language_switcher_shows_the_interface_in_chinese(live_server, new_page, demo):
    page = new_page(width=360)
    page.goto(live_server.url + "/indicators/")

    page.locator('.language-switcher a[hreflang="zh-hans"]').click()

    expect(page).to_have_url(live_server.url + "/zh-hans/indicators/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator(".site-nav")).to_contain_text("公告")
    expect(page.locator(".site-nav")).to_contain_text("指标")


def test_indicator_page_draws_its_chart_as_accessible_svg(live_server, new_page, demo):
    page = new_page()
    page.goto(live_server.url + "/indicators/digital-industry-revenue/")

    chart = page.locator('svg[role="img"]').first
    expect(chart).to_be_visible()
    title = chart.locator(":scope > title")
    expect(title).to_have_count(1)
    assert re.search(r"\w", title.text_content())
    box = chart.bounding_box()
    assert box["width"] > 100 and box["height"] > 50
