"""The "Leave a Reply" box: posting, errors, refusals, and what stays private."""

import datetime
import html
import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from announcements.models import Announcement, Comment
from announcements.moderation import sign_timestamp
from tests.factories import AnnouncementFactory, CommentFactory

pytestmark = pytest.mark.django_db

SECRET_EMAIL = "private.reader@example.org"


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def form_data(**overrides):
    """Return what a person's browser sends: the form shown a minute ago."""
    data = {
        "name": "Zhang Wei",
        "email": SECRET_EMAIL,
        "website": "",
        "comment": "Will the Q3 figures be published in October?",
        "homepage": "",
        "timestamp": sign_timestamp(time.time() - 60),
        "parent": "",
    }
    data.update(overrides)
    return data


def comment_url(announcement):
    return reverse("announcements:comment_create", kwargs={"slug": announcement.slug})


def test_comment_form_has_the_fields_the_note_and_a_hidden_honeypot(
    client, public_announcement
):
    text = page_text(client.get(public_announcement.get_absolute_url()))

    assert "Leave a Reply" in text
    assert (
        "Your email address will not be published. Required fields are marked *" in text
    )
    for name in ("name", "email", "website", "comment"):
        assert f'name="{name}"' in text
    assert '<div class="hp-field">' in text
    assert "Leave this field empty" in text
    assert '<input type="hidden" name="timestamp" value="' in text
    assert f'action="{comment_url(public_announcement)}#respond"' in text


def test_sent_comment_waits_for_moderation_after_redirect(client, public_announcement):
    response = client.post(comment_url(public_announcement), form_data(), follow=True)

    comment = Comment.objects.get()
    assert response.redirect_chain == [
        (public_announcement.get_absolute_url() + "#comments", 302)
    ]
    assert "Your comment is awaiting moderation." in page_text(response)
    assert comment.status == Comment.Status.PENDING
    assert comment.author_email == SECRET_EMAIL
    assert "Will the Q3 figures" not in page_text(response).split("Leave a Reply")[0]


def test_known_author_sees_the_comment_published(client, public_announcement):
    CommentFactory(author_email=SECRET_EMAIL, status=Comment.Status.APPROVED)

    response = client.post(comment_url(public_announcement), form_data(), follow=True)

    text = page_text(response)
    assert "Your comment is published." in text
    assert "Will the Q3 figures be published in October?" in text


def test_bot_filling_the_honeypot_is_told_nothing(client, public_announcement):
    response = client.post(
        comment_url(public_announcement),
        form_data(homepage="http://spam.example"),
        follow=True,
    )

    assert "Your comment is awaiting moderation." in page_text(response)
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_form_sent_back_too_fast_is_stored_as_spam(client, public_announcement):
    client.post(comment_url(public_announcement), form_data(timestamp=sign_timestamp()))

    assert Comment.objects.get().status == Comment.Status.SPAM


def test_reply_is_stored_under_its_parent(client, public_announcement):
    question = CommentFactory(announcement=public_announcement)

    client.post(comment_url(public_announcement), form_data(parent=str(question.pk)))

    assert Comment.objects.get(author_email=SECRET_EMAIL).parent == question


@pytest.mark.parametrize("target", ["reply", "other_text", "pending", "junk"])
def test_reply_to_a_comment_that_cannot_be_answered_is_refused(
    client, public_announcement, target
):
    question = CommentFactory(announcement=public_announcement)
    parents = {
        "reply": lambda: (
            CommentFactory(announcement=public_announcement, parent=question).pk
        ),
        "other_text": lambda: CommentFactory().pk,
        "pending": lambda: (
            CommentFactory(
                announcement=public_announcement, status=Comment.Status.PENDING
            ).pk
        ),
        "junk": lambda: "abc",
    }
    parent_id = parents[target]()
    before = Comment.objects.count()

    response = client.post(
        comment_url(public_announcement), form_data(parent=str(parent_id))
    )

    assert response.status_code == 400
    assert Comment.objects.count() == before
    assert "Your comment was not sent." in page_text(response)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "This field is required."),
        ("email", "", "This field is required."),
        ("email", "not-an-address", "Enter a valid email address."),
        ("comment", "   ", "This field is required."),
        ("website", "javascript:alert(1)", "Enter a web address starting with http"),
        (
            "website",
            "ftp://files.example.org",
            "Enter a web address starting with http",
        ),
        ("name", "x" * 101, "at most 100 characters"),
    ],
)
def test_form_with_errors_comes_back_with_the_text_kept_and_the_error_beside_the_field(
    client, public_announcement, field, value, message
):
    data = form_data(comment="My careful question about <b>exports</b>.")
    data[field] = value

    response = client.post(comment_url(public_announcement), data)

    text = page_text(response)
    assert response.status_code == 400
    assert not Comment.objects.exists()
    field_block = text.split(f'name="{field}"')[0].rsplit('<div class="field', 1)[1]
    assert message in field_block
    assert f'<p class="error" id="id_{field}_error">' in field_block
    assert re.search(
        rf'aria-describedby="[^"]*id_{field}_error[^"]*" id="id_{field}"', text
    )
    if field != "comment":
        assert "My careful question about <b>exports</b>." in text
        assert "&lt;b&gt;exports" in response.content.decode()


def test_oversized_comment_is_refused_with_a_message(
    client, public_announcement, settings
):
    settings.COMMENT_MAX_LENGTH = 50

    response = client.post(
        comment_url(public_announcement), form_data(comment="y" * 51)
    )

    assert response.status_code == 400
    assert "Your comment is too long: at most 50 characters (it has 51)." in page_text(
        response
    )
    assert not Comment.objects.exists()


def test_comment_over_the_model_cap_is_refused_even_with_a_higher_setting(
    client, public_announcement, settings
):
    settings.COMMENT_MAX_LENGTH = 100_000

    response = client.post(
        comment_url(public_announcement), form_data(comment="z" * 5001)
    )

    assert response.status_code == 400
    assert "at most 5000 characters" in page_text(response)
    assert not Comment.objects.exists()


def test_newlines_count_once_against_the_length_limit(
    client, public_announcement, settings
):
    settings.COMMENT_MAX_LENGTH = 10

    response = client.post(
        comment_url(public_announcement), form_data(comment="ab\r\ncd\r\nef")
    )

    assert response.status_code == 302
    assert Comment.objects.get().body == "ab\ncd\nef"


def test_markup_in_every_field_is_shown_as_text(client, public_announcement):
    CommentFactory(
        announcement=public_announcement,
        author_name="<script>alert('name')</script>",
        author_url="https://example.org/?q=<b>",
        body="<img src=x onerror=alert(1)> & <a href='javascript:x'>click</a>",
    )

    body = client.get(public_announcement.get_absolute_url()).content.decode()

    assert "<script>alert" not in body
    assert "<img src=x" not in body
    # Either spelling of an escaped quote (&#39; or &#x27;) is the same text.
    assert re.search(
        r"&lt;script&gt;alert\((&#39;|&#x27;)name\1\)&lt;/script&gt;", body
    )
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;a href=" in body


def test_an_anonymous_comment_needs_no_csrf_token(public_announcement):
    client = Client(enforce_csrf_checks=True)

    response = client.post(comment_url(public_announcement), form_data())

    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example"},
        {"origin": "null"},
        {"sec-fetch-site": "cross-site"},
    ],
)
def test_a_comment_sent_by_another_sites_form_is_refused(public_announcement, headers):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        comment_url(public_announcement), form_data(), headers=headers
    )

    assert response.status_code == 403
    assert "another site" in page_text(response)
    assert not Comment.objects.exists()


def test_a_comment_from_this_sites_own_page_is_taken(public_announcement):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        comment_url(public_announcement),
        form_data(),
        headers={"origin": "http://testserver", "sec-fetch-site": "same-origin"},
    )

    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_signed_in_readers_comment_without_csrf_token_is_refused(
    public_announcement, editor
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(comment_url(public_announcement), form_data())

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_signed_in_readers_page_carries_the_token_their_comment_needs(
    public_announcement, editor
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    html = client.get(public_announcement.get_absolute_url()).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    response = client.post(
        comment_url(public_announcement),
        {**form_data(), "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_closed_comments_replace_the_form_and_refuse_posts(client):
    announcement = AnnouncementFactory(published=True, allow_comments=False)

    page = page_text(client.get(announcement.get_absolute_url()))
    response = client.post(comment_url(announcement), form_data())

    assert "Comments are closed." in page
    assert "Leave a Reply" not in page
    assert response.status_code == 403
    assert "Comments are closed" in page_text(response)
    assert not Comment.objects.exists()


def test_withdrawn_text_refuses_comments(client):
    announcement = AnnouncementFactory(
        status=Announcement.Status.WITHDRAWN,
        published_at=timezone.now() - datetime.timedelta(days=1),
        withdrawn_reason="Superseded.",
    )

    response = client.post(comment_url(announcement), form_data())

    assert response.status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_comment_on_an_unpublished_text_is_404(client, kind):
    announcement = (
        AnnouncementFactory()
        if kind == "draft"
        else AnnouncementFactory(
            status=Announcement.Status.PUBLISHED,
            published_at=timezone.now() + datetime.timedelta(days=1),
        )
    )

    response = client.post(comment_url(announcement), form_data())

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_comment_url_refuses_get(client, public_announcement):
    response = client.get(comment_url(public_announcement))

    assert response.status_code == 405


def test_too_many_comments_from_one_address_get_429_with_retry_after(
    client, public_announcement, settings
):
    settings.COMMENT_RATE_LIMIT = 2
    for n in range(2):
        client.post(comment_url(public_announcement), form_data(comment=f"Note {n}"))

    response = client.post(comment_url(public_announcement), form_data())

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many comments" in page_text(response)
    assert Comment.objects.count() == 2


def test_nul_bytes_in_the_form_do_not_break_it(client, public_announcement):
    response = client.post(
        comment_url(public_announcement),
        form_data(name="Li\x00 Na", comment="Hello\x00 there", parent="\x00"),
    )

    assert response.status_code == 302
    assert Comment.objects.get().author_name == "Li Na"


def test_commenter_email_never_appears_in_public_output(client, public_announcement):
    CommentFactory(
        announcement=public_announcement,
        author_email=SECRET_EMAIL,
        author_url="https://reader.example.org",
    )

    responses = [
        client.get(public_announcement.get_absolute_url()),
        client.get(reverse("home")),
        client.get(reverse("announcements:announcement_list"), {"q": "private"}),
        client.get(reverse("announcements_feed")),
        client.get(reverse("announcements_atom")),
        client.get("/sitemap.xml"),
    ]

    for response in responses:
        assert response.status_code == 200
        assert SECRET_EMAIL not in response.content.decode()
        assert "private.reader" not in response.content.decode()
