"""The ways an alert starts, and what it says, against a real SMTP server:
a revised figure, an action's new status, the daily digest, a reader's
language, a scheduled text going live, expiry of unconfirmed signups, and
the one-click unsubscribe every alert carries."""

import datetime
import re
import time
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from announcements.models import Announcement, Speaker, Topic
from indicators.models import Indicator, PolicyAction
from notices.models import Clock, Mail, Subscription
from notices.subscriptions import subscribe, unsubscribe
from notices.tasks import tick
from tests.factories import (
    AnnouncementFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyActionFactory,
    SpeakerFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

KINDS = {
    Topic: "topic",
    Speaker: "speaker",
    Indicator: "indicator",
    PolicyAction: "action",
}
CONFIRM_LINK = re.compile(r"https://press\.example\.org(/\S*/confirm/\S+)")


def follow(email, target=None, *, confirmed=True, **fields):
    """Return a subscription as confirming it leaves it (no confirmation mail)."""
    kind = "all" if target is None else KINDS[type(target)]
    return Subscription.objects.create(
        email=email,
        kind=kind,
        target_key=Subscription.key_for(kind, target),
        confirmed_at=timezone.now() if confirmed else None,
        **({kind: target} if target is not None else {}),
        **fields,
    )


def publish(text, **fields):
    """Publish a draft as an editor's save does (signals and all)."""
    for name, value in fields.items():
        setattr(text, name, value)
    text.status = Announcement.Status.PUBLISHED
    text.published_at = timezone.now() - datetime.timedelta(minutes=1)
    text.save()
    return text


def subject(message) -> str:
    # A subject in Chinese arrives as a folded encoded word: " 新数据：…".
    return str(message["Subject"]).strip()


def subjects(smtp, address):
    return [subject(message) for message in smtp.inbox.to(address)]


def unsubscribe_path(message) -> str:
    return urlsplit(re.search(r"<([^>]+)>", str(message["List-Unsubscribe"]))[1]).path


# --- A figure revised --------------------------------------------------------------


def test_a_revised_figure_alerts_each_confirmed_follower_of_its_indicator_once(
    smtp, run_worker
):
    retail = IndicatorFactory(name="Retail sales", unit="%")
    other = IndicatorFactory(name="Exports", unit="%")
    ObservationFactory(indicator=retail, value="5.5")  # first stated in March
    run_worker()
    for address in ["a@example.org", "b@example.org"]:
        follow(address, retail)
    follow("waiting@example.org", retail, confirmed=False)
    follow("exports@example.org", other)
    follow("topic@example.org", TopicFactory())
    later = AnnouncementFactory(held_on=datetime.date(2024, 4, 20))
    ObservationFactory(indicator=retail, announcement=later, value="6.1")

    publish(later)
    run_worker()
    run_worker()

    for address in ["a@example.org", "b@example.org"]:
        assert subjects(smtp, address) == ["Figure revised: Retail sales, 2024 Q1"]
        assert "6.1%" in smtp.inbox.to(address)[0].get_content()
    for address in ["waiting@example.org", "exports@example.org", "topic@example.org"]:
        assert smtp.inbox.to(address) == []
    assert Mail.objects.filter(kind=Mail.Kind.ALERT).count() == 2


# --- An action's status --------------------------------------------------------------


def test_an_action_update_recorded_in_the_admin_alerts_its_followers_once(
    smtp, run_worker, editor_client
):
    action = PolicyActionFactory(title="Expand rural broadband")
    other = PolicyActionFactory()
    follow("x@example.org", action)
    follow("waiting@example.org", action, confirmed=False)
    follow("other@example.org", other)

    # The desk's "record progress" action: an update, then the action takes
    # its status (two saves, one event).
    answer = editor_client.post(
        reverse("admin:indicators_policyaction_changelist"),
        {
            "action": "record_progress",
            "_selected_action": [action.pk],
            "apply": "1",
            "status": "in_progress",
            "date": "2024-06-01",
            "note": "Work has started in three provinces.",
            "evidence_url": "",
        },
    )
    run_worker()
    run_worker()

    assert answer.status_code == 302
    action.refresh_from_db()
    assert action.status == "in_progress"
    [alert] = smtp.inbox.to("x@example.org")
    assert alert["Subject"] == "Policy action update: Expand rural broadband"
    assert "In progress. Work has started in three provinces." in alert.get_content()
    assert smtp.inbox.to("waiting@example.org") == []
    assert smtp.inbox.to("other@example.org") == []


def test_a_reader_following_a_texts_topic_and_speaker_gets_one_mail(smtp, run_worker):
    topic, speaker = TopicFactory(), SpeakerFactory()
    follow("both@example.org", topic)
    follow("both@example.org", speaker)
    follow("both@example.org")
    text = AnnouncementFactory(title="Output rose", topics=[topic], speakers=[speaker])

    publish(text)
    run_worker()

    assert subjects(smtp, "both@example.org") == ["New: Output rose"]


# --- The daily digest ----------------------------------------------------------------


def test_a_daily_reader_gets_nothing_at_event_time_then_one_digest_of_the_day(
    smtp, run_worker
):
    follow("daily@example.org", frequency=Subscription.Frequency.DAILY)
    follow("now@example.org")
    indicator = IndicatorFactory(name="Retail sales", unit="%")
    follow("daily@example.org", indicator, frequency=Subscription.Frequency.DAILY)

    publish(AnnouncementFactory(title="Spring output"))
    publish(AnnouncementFactory(title="Summer output"))
    ObservationFactory(indicator=indicator, value="4.2")
    run_worker()
    run_worker()
    at_event_time = list(smtp.inbox.to("daily@example.org"))
    tick()
    run_worker()
    tick()
    run_worker()

    assert at_event_time == []
    assert len(smtp.inbox.to("now@example.org")) == 3
    [digest] = smtp.inbox.to("daily@example.org")
    assert subject(digest) == "Your daily digest: 4 updates"
    body = digest.get_content()
    for line in [
        "New: Spring output",
        "New: Summer output",
        "New figure: Retail sales, 2024 Q1",
    ]:
        assert line in body
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_daily_reader_who_unsubscribes_before_the_digest_gets_nothing(
    smtp, run_worker
):
    subscription = follow("daily@example.org", frequency=Subscription.Frequency.DAILY)
    publish(AnnouncementFactory(title="Spring output"))
    run_worker()
    run_worker()

    assert unsubscribe(subscription.pk)
    tick()
    run_worker()
    tick()
    run_worker()

    assert smtp.inbox.to("daily@example.org") == []
    assert not Mail.objects.filter(status=Mail.Status.HELD).exists()


def test_a_daily_reader_gets_no_digest_on_a_day_without_events(smtp, run_worker):
    follow("daily@example.org", frequency=Subscription.Frequency.DAILY)

    first_day = tick()
    Clock.objects.update(daily_digest_on=timezone.localdate() - datetime.timedelta(1))
    next_day = tick()
    run_worker()

    assert first_day["daily"] == next_day["daily"] == 0
    assert smtp.inbox.messages == []


# --- The reader's language ----------------------------------------------------------------


def test_a_chinese_reader_gets_alerts_in_chinese_whatever_the_editors_language(
    smtp, run_worker
):
    indicator = IndicatorFactory(
        name_en="Retail sales", name_zh_hans="社会消费品零售总额", unit="%"
    )
    action = PolicyActionFactory(
        title_en="Expand rural broadband", title_zh_hans="扩大农村宽带覆盖"
    )
    for target in [indicator, action]:
        follow("zh@example.org", target, language="zh-hans")
        follow("en@example.org", target)

    # An editor working in Chinese records the figure; one in English the
    # update. Each reader still reads their own language.
    with translation.override("zh-hans"):
        ObservationFactory(indicator=indicator, value="7.0")
    action.updates.create(
        date=datetime.date(2024, 6, 1),
        status="in_progress",
        note_en="Work has started.",
        note_zh_hans="工作已经启动。",
    )
    run_worker()
    run_worker()

    chinese = {subject(m): m.get_content() for m in smtp.inbox.to("zh@example.org")}
    english = {subject(m): m.get_content() for m in smtp.inbox.to("en@example.org")}
    assert set(chinese) == {
        "新数据：社会消费品零售总额，2024年第一季度",
        "政策举措更新：扩大农村宽带覆盖",
    }
    assert "进行中。工作已经启动。" in chinese["政策举措更新：扩大农村宽带覆盖"]
    assert all("/zh-hans/" in body and "退订" in body for body in chinese.values())
    assert set(english) == {
        "New figure: Retail sales, 2024 Q1",
        "Policy action update: Expand rural broadband",
    }
    assert "In progress. Work has started." in "".join(english.values())
    assert not re.search(
        r"[\u4e00-\u9fff]", "".join(english) + "".join(english.values())
    )


# --- A scheduled text going live --------------------------------------------------------


def test_a_scheduled_text_alerts_once_when_its_time_comes_and_not_before(
    smtp, run_worker
):
    follow("a@example.org")
    due = timezone.now() + datetime.timedelta(seconds=2)
    AnnouncementFactory(
        title="Later today", status=Announcement.Status.PUBLISHED, published_at=due
    )
    tick()
    run_worker()
    before = list(smtp.inbox.messages)

    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.1)
    tick()
    tick()
    run_worker()
    tick()
    run_worker()

    assert before == []
    assert subjects(smtp, "a@example.org") == ["New: Later today"]


def test_a_text_that_went_live_while_the_worker_was_down_alerts_once(smtp, run_worker):
    follow("a@example.org")
    tick()
    text = AnnouncementFactory(scheduled=True, title="Over the weekend")
    # The worker stops for two days; the text's time comes meanwhile.
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    Clock.objects.update(texts_checked_at=two_days_ago)
    Announcement.objects.filter(pk=text.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=1)
    )

    tick()
    tick()
    run_worker()

    assert subjects(smtp, "a@example.org") == ["New: Over the weekend"]


# --- Unconfirmed signups expire -----------------------------------------------------------


def test_unconfirmed_subscriptions_past_their_time_are_deleted_and_younger_stay(
    settings,
):
    settings.SUBSCRIPTION_CONFIRM_HOURS = 48
    now = timezone.now()
    hours = datetime.timedelta(hours=1)
    old = follow("old@example.org", confirmed=False, created_at=now - 49 * hours)
    old_sent = follow(
        "oldsent@example.org",
        confirmed=False,
        created_at=now - 60 * hours,
        confirmation_sent_at=now - 49 * hours,
    )
    young = follow("young@example.org", confirmed=False, created_at=now - 47 * hours)
    kept = follow("kept@example.org", created_at=now - 400 * hours)

    done = tick()

    assert done["expired"] == 2
    remaining = set(Subscription.objects.values_list("pk", flat=True))
    assert remaining == {young.pk, kept.pk}
    assert old.pk not in remaining and old_sent.pk not in remaining


def test_a_signup_repeated_after_its_link_expired_gets_a_link_that_works(
    client, smtp, run_worker, settings
):
    settings.SUBSCRIPTION_CONFIRM_HOURS = 48
    subscribe(email="late@example.org", kind="all")
    run_worker()
    # Two days later, with the worker down the while, the reader tries again.
    long_ago = timezone.now() - datetime.timedelta(hours=49)
    Subscription.objects.update(created_at=long_ago, confirmation_sent_at=long_ago)
    Mail.objects.update(
        created_at=long_ago,
        key=f"confirm:late@example.org:{int(long_ago.timestamp())}",
    )
    subscribe(email="late@example.org", kind="all")
    run_worker()

    tick()
    link = CONFIRM_LINK.search(smtp.inbox.to("late@example.org")[-1].get_content())[1]
    subscription = Subscription.objects.get()
    client.post(link, {"subscription": [subscription.pk]})

    assert len(smtp.inbox.to("late@example.org")) == 2
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


# --- One-click unsubscribe ----------------------------------------------------------------


def test_every_alert_and_digest_unsubscribes_its_own_subscription_in_one_post(
    smtp, run_worker
):
    indicator = IndicatorFactory(name="Retail sales", unit="%")
    action = PolicyActionFactory(title="Expand rural broadband")
    follow("fig@example.org", indicator)
    follow("act@example.org", action, language="zh-hans")
    follow("daily@example.org", indicator, frequency=Subscription.Frequency.DAILY)
    follow("fig@example.org")  # another subscription of the same address

    ObservationFactory(indicator=indicator)
    action.updates.create(
        date=datetime.date(2024, 6, 1), status="stalled", note="Funding ran out."
    )
    run_worker()
    run_worker()
    tick()
    run_worker()

    mail_client = Client(enforce_csrf_checks=True)  # a mail client has no token
    for address, start in [
        ("fig@example.org", "New figure: "),
        ("act@example.org", "政策举措更新："),
        ("daily@example.org", "Your daily digest: "),
    ]:
        [message] = [m for m in smtp.inbox.to(address) if subject(m).startswith(start)]
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        answer = mail_client.post(
            unsubscribe_path(message), {"List-Unsubscribe": "One-Click"}
        )
        assert answer.status_code == 200

    assert list(Subscription.objects.values_list("email", "kind")) == [
        ("fig@example.org", "all")
    ]
