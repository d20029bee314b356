"""No answer of any endpoint carries a commenter's or subscriber's email address."""

import pytest
from django.urls import resolve

from announcements.models import Comment
from media import library
from media.models import LeadImage
from notices.models import Subscription
from tests.factories import (
    AnnouncementFactory,
    CommentFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    PolicyActionUpdateFactory,
    SpeakerFactory,
    TopicFactory,
)
from tests.media import samples

pytestmark = pytest.mark.django_db

SECRET_EMAIL = "never-shown-7f3a@secret.example"
SECRET = SECRET_EMAIL.encode()


@pytest.fixture
def seeded(settings, tmp_path):
    """Content of every kind, with the secret email on comments of every status.

    The same address is also a subscriber's, confirmed or not.
    """
    settings.MEDIA_ROOT = str(tmp_path / "media")
    topic = TopicFactory(slug="economy")
    speaker = SpeakerFactory(slug="wang-peng")
    text = AnnouncementFactory(
        slug="public-text", published=True, topics=[topic], speakers=[speaker]
    )
    indicator = IndicatorFactory(slug="output", topic=topic)
    observation = ObservationFactory(indicator=indicator, announcement=text)
    action = PolicyActionFactory(slug="broadband", announcement=text)
    action.indicators.add(indicator)
    PolicyActionUpdateFactory(action=action, evidence_announcement=text)
    question = CommentFactory(announcement=text, author_email=SECRET_EMAIL)
    CommentFactory(announcement=text, parent=question, author_email=SECRET_EMAIL)
    for status in (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED):
        CommentFactory(announcement=text, author_email=SECRET_EMAIL, status=status)
    Subscription.objects.create(
        email=SECRET_EMAIL,
        kind=Subscription.Kind.ALL,
        target_key=Subscription.key_for(Subscription.Kind.ALL, None),
    )
    image = library.create_image(
        samples.upload("room.png", samples.png_bytes(40, 30)), alt_text="The room"
    )
    LeadImage.objects.create(announcement=text, image=image)
    attachment = library.create_attachment(
        samples.upload("t.pdf", samples.pdf_bytes()),
        announcement=text,
        title="Transcript",
    )
    return {
        "text": text,
        "observation": observation,
        "comment": question,
        "image": image,
        "attachment": attachment,
    }


def every_read_url(seeded):
    """Return one URL per API route (and the CSV variants), checked to be complete."""
    text, observation, comment, image, attachment = (
        seeded["text"],
        seeded["observation"],
        seeded["comment"],
        seeded["image"],
        seeded["attachment"],
    )
    urls = [
        "/api/v1/",
        "/api/v1/announcements/",
        f"/api/v1/announcements/{text.slug}/",
        f"/api/v1/announcements/{text.slug}/comments/",
        "/api/v1/topics/",
        "/api/v1/topics/economy/",
        "/api/v1/speakers/",
        "/api/v1/speakers/wang-peng/",
        "/api/v1/indicators/",
        "/api/v1/indicators/output/",
        "/api/v1/indicators/output/observations/",
        "/api/v1/indicators/output/observations/?format=csv",
        "/api/v1/observations/",
        "/api/v1/observations/?format=csv",
        f"/api/v1/observations/{observation.pk}/",
        "/api/v1/policy-actions/",
        "/api/v1/policy-actions/broadband/",
        "/api/v1/comments/",
        "/api/v1/comments/?status=pending",
        f"/api/v1/comments/{comment.pk}/",
        "/api/v1/images/",
        f"/api/v1/images/{image.pk}/",
        "/api/v1/attachments/",
        f"/api/v1/attachments/{attachment.pk}/",
        # POST only: a read is a 405, scanned all the same.
        "/api/v1/subscriptions/",
        "/api/v1/schema/",
        "/api/v1/docs/",
    ]
    return urls


def test_every_api_route_is_in_the_privacy_scan(seeded):
    from config import api_urls

    scanned = {resolve(url.split("?")[0]).url_name for url in every_read_url(seeded)}

    assert {pattern.name for pattern in api_urls.urlpatterns} <= scanned


@pytest.mark.parametrize("who", ["api", "editor_api", "moderator_api"])
def test_no_endpoint_shows_a_commenters_email(request, seeded, who):
    client = request.getfixturevalue(who)

    for url in every_read_url(seeded):
        for accept in ["application/json", "text/html", "text/csv"]:
            response = client.get(url, HTTP_ACCEPT=accept)

            assert response.status_code < 500, url
            assert SECRET not in response.content, (url, accept)


def test_writing_and_moderating_answers_show_no_email(api, moderator_api, seeded):
    text = seeded["text"]

    receipt = api.post(
        f"/api/v1/announcements/{text.slug}/comments/",
        {"author_name": "Li", "author_email": SECRET_EMAIL, "body": "A question."},
        format="json",
    )
    refused = api.post(
        f"/api/v1/announcements/{text.slug}/comments/",
        {"author_name": "", "author_email": SECRET_EMAIL, "body": ""},
        format="json",
    )
    decision = moderator_api.patch(
        f"/api/v1/comments/{receipt.json()['id']}/",
        {"status": "approved"},
        format="json",
    )
    subscribed = api.post(
        "/api/v1/subscriptions/",
        {"email": SECRET_EMAIL, "kind": "topic", "target": "economy"},
        format="json",
    )
    not_subscribed = api.post(
        "/api/v1/subscriptions/",
        {"email": SECRET_EMAIL, "kind": "topic", "target": "no-such-topic"},
        format="json",
    )

    assert receipt.status_code == 201
    assert decision.status_code == 200
    assert subscribed.status_code == 202
    assert not_subscribed.status_code == 400
    for response in (receipt, refused, decision, subscribed, not_subscribed):
        assert SECRET not in response.content
