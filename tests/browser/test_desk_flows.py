"""The editors' desk in a real browser (issue 17): import, review, publish."""

import pytest
from playwright.sync_api import expect

from announcements.models import Announcement, Comment
from announcements.roles import EDITORS, MODERATORS, ensure_roles
from tests.factories import AnnouncementFactory, CommentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


@pytest.fixture
def roles(settings):
    ensure_roles()  # transactional tests flush the groups
    settings.REQUIRE_SECOND_EDITOR = True


def sign_in(page, base, username):
    page.goto(base + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("h1")).to_contain_text("What needs you now")


def test_a_moderator_clears_the_queue_from_the_dashboard(live_server, new_page, roles):
    UserFactory(username="moe", roles=[MODERATORS])
    text = AnnouncementFactory(published=True)
    for _ in range(2):
        CommentFactory(announcement=text, status=Comment.Status.PENDING)
    page = new_page()
    sign_in(page, live_server.url, "moe")

    panel = page.locator("#desk-comments")
    expect(panel).to_contain_text("2 comments wait")
    expect(page.locator("#desk-in_review")).to_have_count(0)
    panel.get_by_role("link", name="Open the queue").click()
    page.locator("#action-toggle").check()
    page.locator('select[name="action"]').select_option("approve_selected")
    page.locator('button[name="index"]').click()
    expect(page.locator(".messagelist")).to_contain_text("2 comments approved.")

    page.goto(live_server.url + "/admin/")
    expect(page.locator("#desk-comments")).to_contain_text("The queue is clear")


def test_import_review_send_to_review_and_a_second_editor_publishes(
    live_server, new_page, roles, seed_text
):
    UserFactory(username="author", roles=[EDITORS])
    UserFactory(username="second", roles=[EDITORS])
    author = new_page(width=1280)
    sign_in(author, live_server.url, "author")

    author.goto(live_server.url + "/admin/announcements/announcement/import/")
    author.locator("textarea[name=text]").fill(seed_text)
    author.locator("input[name=held_on]").fill("2022-07-19")
    author.get_by_role("button", name="Import as draft").click()
    expect(author.locator("#suggested-figures")).to_be_visible()
    assert author.evaluate("document.documentElement.scrollWidth") <= 1280
    author.get_by_text("Show the whole text beside the list").click()
    expect(author.locator("#whole-text mark").first).to_be_visible()
    assert author.evaluate("document.documentElement.scrollWidth") <= 1280
    author.locator("input[name='title']").fill("Digital industries pass 10 trillion")
    author.locator("#suggested-figures input[type=checkbox]").first.check()
    author.get_by_role("button", name="Accept ticked and reject the rest").click()
    expect(author.locator(".messagelist")).to_contain_text("Accepted: 1 figures")

    text = Announcement.objects.get()
    assert text.title == "Digital industries pass 10 trillion"
    author.get_by_role("link", name="Review and publish").click()
    author.get_by_role("button", name="Send to review").click()
    expect(author.locator(".messagelist")).to_contain_text("is in review")
    expect(author.locator("#desk-in_review")).to_contain_text(
        "yours: another editor publishes it"
    )

    second = new_page()
    sign_in(second, live_server.url, "second")
    panel = second.locator("#desk-in_review")
    expect(panel).to_contain_text("sent by author")
    panel.get_by_role("link", name="Digital industries pass 10 trillion").click()
    second.get_by_role("button", name="Publish", exact=True).click()
    expect(second.locator(".messagelist")).to_contain_text("is published")
    expect(second.locator("#desk-in_review")).to_contain_text(
        "No text waits for review."
    )
    text.refresh_from_db()
    assert text.is_public
    assert text.published_by.username == "second"
