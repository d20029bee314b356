"""What happens on the site that someone asked to hear of, and who hears of it.

Signal receivers record an Event (unique by key: the same change seen twice
is one event) and hand it to a worker once the change is committed. The
fan-out writes one mail per subscriber and event, in batches, each its own
short transaction, so publishing and commenting never wait on it.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.db.models.signals import post_save, pre_save
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from announcements.models import Announcement, Comment
from announcements.moderation import comment_notice_requested, comments_moderated
from indicators.models import Observation, PolicyAction, PolicyActionUpdate

from . import letters
from .models import Clock, CommentNotice, Event, Mail, Subscription
from .outbox import deliverable, queue_mail

FAN_OUT_BATCH = 500
FAN_OUT_CLAIM_SECONDS = 600


# --- Recording events ------------------------------------------------------------


def record(key: str, kind: str, details: dict, **targets) -> Event | None:
    """Store an event once; have a worker fan it out after the commit."""
    try:
        with transaction.atomic():
            event = Event.objects.create(key=key, kind=kind, details=details, **targets)
    except IntegrityError:
        return None
    from .tasks import fan_out

    # Robust: with the task queue away (RQ's Redis down), the change still
    # stands and answers; the worker's clock resumes events not fanned out.
    transaction.on_commit(lambda: fan_out.enqueue(event.pk), robust=True)
    return event


def in_each_language(words) -> dict:
    """Return `words()` (an event's title and line) in each of the site's languages.

    Names of indicators and actions, figures and statuses read in the active
    language; recorded in that one alone, a subscriber reading the other would
    get the words of whoever made the change.
    """
    said = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            said[code] = words()
    return said


def text_went_public(text: Announcement) -> None:
    """Record a text going public, and each figure it states."""
    record(
        f"text-public:{text.pk}",
        Event.Kind.TEXT_PUBLIC,
        {
            "title": text.title,
            "line": text.summary[:300],
            "url_name": "announcements:announcement_detail",
            "slug": text.slug,
        },
        announcement=text,
    )
    for figure in Observation.objects.filter(announcement=text).select_related(
        "indicator"
    ):
        figure_stated(figure)


def figure_stated(figure: Observation) -> None:
    """Record a figure on a public text: new, or revising the period's earlier one."""
    earlier = (
        Observation.objects.filter(
            indicator_id=figure.indicator_id,
            period_start=figure.period_start,
            period_end=figure.period_end,
            announcement__held_on__lte=figure.announcement.held_on,
        )
        .filter(Announcement.public_condition("announcement__"))
        .exclude(pk=figure.pk)
        .order_by("-announcement__held_on", "-id")
        .first()
    )
    revised = earlier is not None and not figure.states_same_figure_as(earlier)
    indicator = figure.indicator
    said = in_each_language(
        lambda: {
            "title": _("%(indicator)s, %(period)s")
            % {"indicator": indicator.name, "period": figure.reader_period_label},
            "line": str(figure.display_value),
        }
    )
    record(
        f"figure:{figure.pk}:{figure.value}:{figure.qualifier}",
        Event.Kind.FIGURE,
        {
            **said[settings.LANGUAGE_CODE],
            "languages": said,
            "revised": revised,
            "url_name": "indicators:indicator_detail",
            "slug": indicator.slug,
        },
        indicator=indicator,
        announcement_id=figure.announcement_id,
    )


def action_changed(
    action: PolicyAction,
    status: str,
    key: str,
    update: PolicyActionUpdate | None = None,
) -> None:
    """Record an action's new status, and the note of the update that set it."""

    def words():
        line = str(PolicyAction.Status(status).label)
        if update is not None and update.note:
            line = _("%(status)s. %(note)s") % {"status": line, "note": update.note}
        return {"title": action.title, "line": line[:300]}

    said = in_each_language(words)
    record(
        key,
        Event.Kind.ACTION,
        {
            **said[settings.LANGUAGE_CODE],
            "languages": said,
            "url_name": "indicators:action_detail",
            "slug": action.slug,
        },
        action=action,
    )


# --- Signal receivers ----------------------------------------------------------------


def _remember_loaded(sender, instance, **kwargs):
    """Keep what a row was before this save: was the text public, the status."""
    if instance.pk is None:
        instance._notices_before = None
        return
    instance._notices_before = (
        sender.objects.filter(pk=instance.pk).values("status").first()
    )
    if sender is Announcement and instance._notices_before is not None:
        instance._notices_before["was_public"] = (
            Announcement.objects.public().filter(pk=instance.pk).exists()
        )


def _on_text_saved(sender, instance, raw=False, **kwargs):
    if raw or not instance.is_public:
        return
    before = getattr(instance, "_notices_before", None)
    if before is not None and before.get("was_public"):
        return
    text_went_public(instance)


def _on_figure_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if Announcement.objects.public().filter(pk=instance.announcement_id).exists():
        figure_stated(instance)


def _on_action_update_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    action = instance.action
    if Announcement.objects.public().filter(pk=action.announcement_id).exists():
        action_changed(
            action, instance.status, f"action-update:{instance.pk}", update=instance
        )


def _on_action_saved(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_notices_before", None)
    if raw or created or before is None or before["status"] == instance.status:
        return
    if not Announcement.objects.public().filter(pk=instance.announcement_id).exists():
        return
    # An update that moved the status is told of by its own event already.
    latest = instance.updates.order_by("-date", "-id").first()
    if latest is not None and latest.status == instance.status:
        return
    action_changed(
        instance,
        instance.status,
        f"action-status:{instance.pk}:{before['status']}:{instance.status}:"
        f"{timezone.now():%Y%m%d%H%M}",
    )


def _on_comment_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.status == Comment.Status.APPROVED:
        transaction.on_commit(lambda: _comments_approved([instance.pk]), robust=True)


def _on_comments_moderated(sender, pks, status, **kwargs):
    if status == Comment.Status.APPROVED:
        transaction.on_commit(lambda: _comments_approved(list(pks)), robust=True)


def _comments_approved(pks) -> None:
    from .tasks import notify_commenters

    notify_commenters.enqueue(pks)


def _on_notice_requested(sender, comment, language, **kwargs):
    CommentNotice.objects.get_or_create(
        comment=comment, defaults={"language": language}
    )
    if comment.status == Comment.Status.APPROVED:
        transaction.on_commit(lambda: _comments_approved([comment.pk]), robust=True)


def connect_signals() -> None:
    for model in (Announcement, PolicyAction):
        pre_save.connect(
            _remember_loaded, sender=model, dispatch_uid=f"notices-{model}"
        )
    post_save.connect(_on_text_saved, sender=Announcement, dispatch_uid="notices-text")
    post_save.connect(_on_figure_saved, sender=Observation, dispatch_uid="notices-fig")
    post_save.connect(
        _on_action_update_saved, sender=PolicyActionUpdate, dispatch_uid="notices-upd"
    )
    post_save.connect(_on_action_saved, sender=PolicyAction, dispatch_uid="notices-act")
    post_save.connect(_on_comment_saved, sender=Comment, dispatch_uid="notices-comm")
    comments_moderated.connect(_on_comments_moderated, dispatch_uid="notices-mod")
    comment_notice_requested.connect(_on_notice_requested, dispatch_uid="notices-req")


# --- Commenters ------------------------------------------------------------------------


def notify_about_comments(pks) -> int:
    """Queue the notices approving these comments calls for; return how many."""
    queued = 0
    approved = Comment.objects.approved().filter(pk__in=list(pks))
    for comment in approved.select_related("announcement", "parent"):
        notice = CommentNotice.objects.filter(comment=comment).first()
        if notice is not None:
            letter = letters.comment_approved(comment, notice.language)
            queued += bool(
                queue_mail(
                    key=f"comment-approved:{comment.pk}",
                    to=comment.author_email,
                    **letter,
                )
            )
        parent = comment.parent
        if (
            parent is None
            or parent.author_email.lower() == comment.author_email.lower()
        ):
            continue
        parent_notice = CommentNotice.objects.filter(comment=parent).first()
        if parent_notice is not None:
            letter = letters.comment_reply(comment, parent_notice.language)
            queued += bool(
                queue_mail(
                    key=f"comment-reply:{comment.pk}", to=parent.author_email, **letter
                )
            )
    return queued


# --- Fan-out ---------------------------------------------------------------------


def subscribers_of(event: Event):
    """Return the confirmed subscriptions an event concerns."""
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False)
    if event.kind == Event.Kind.TEXT_PUBLIC:
        text = event.announcement
        # A text and its translations are one text to a reader: each version
        # goes to the readers of its language, and to readers of a language
        # it has no public version in. The alert's key names the original,
        # so nobody gets a second version of a text later (alert_key).
        work = text.translation_of_id or text.pk
        languages = set(
            Announcement.objects.public()
            .filter(Q(pk=work) | Q(translation_of_id=work))
            .values_list("language", flat=True)
        )
        return confirmed.filter(
            Q(kind=Subscription.Kind.ALL)
            | Q(kind=Subscription.Kind.TOPIC, topic__in=text.topics.all())
            | Q(kind=Subscription.Kind.SPEAKER, speaker__in=text.speakers.all())
        ).filter(Q(language=text.language) | ~Q(language__in=languages))
    if event.kind == Event.Kind.FIGURE:
        return confirmed.filter(
            kind=Subscription.Kind.INDICATOR, indicator_id=event.indicator_id
        )
    return confirmed.filter(kind=Subscription.Kind.ACTION, action_id=event.action_id)


def claim_event(event_id: int) -> Event | None:
    now = timezone.now()
    claimed = Event.objects.filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
        pk=event_id,
        fanned_out_at__isnull=True,
    ).update(claimed_until=now + datetime.timedelta(seconds=FAN_OUT_CLAIM_SECONDS))
    return (
        Event.objects.select_related("announcement").get(pk=event_id)
        if claimed
        else None
    )


def fan_out(event_id: int) -> int:
    """Queue one mail per subscriber of the event; return how many were new.

    Safe to run again after a crash: the mail keys are (event, address), so
    a subscriber written before the crash is skipped, none is left out.
    """
    event = claim_event(event_id)
    if event is None:
        return 0
    queued = 0
    last_key = ("", 0)
    subscriptions = subscribers_of(event).annotate(email_lower=Lower("email"))
    while True:
        batch = list(
            subscriptions.filter(
                Q(email_lower__gt=last_key[0])
                | Q(email_lower=last_key[0], pk__gt=last_key[1])
            )
            .select_related("topic", "speaker", "indicator", "action")
            .order_by("email_lower", "pk")[:FAN_OUT_BATCH]
        )
        if not batch:
            break
        last_key = (batch[-1].email_lower, batch[-1].pk)
        queued += queue_alerts(event, batch)
    Event.objects.filter(pk=event.pk).update(fanned_out_at=timezone.now())
    return queued


def alert_key(event: Event) -> str:
    """Return what an alert is about: one mail per address for each.

    A text's versions are one text: their alerts share the original's key.
    """
    if event.kind == Event.Kind.TEXT_PUBLIC and event.announcement_id:
        original = event.announcement.translation_of_id
        if original:
            return f"text-public:{original}"
    return event.key


def queue_alerts(event: Event, subscriptions) -> int:
    """Queue the batch's alerts in one insert, skipping (event, address) pairs sent."""
    mails = {}
    about = alert_key(event)
    for subscription in subscriptions:
        key = f"alert:{about}:{subscription.email_lower}"[:300]
        if key in mails or not deliverable(subscription.email):
            continue
        letter = letters.alert(event, subscription)
        held = subscription.frequency == Subscription.Frequency.DAILY
        mails[key] = Mail(
            key=key,
            to=subscription.email,
            subscription=subscription,
            status=Mail.Status.HELD if held else Mail.Status.QUEUED,
            subject=letter["subject"][:300],
            body=letter["body"],
            headers=letter["headers"],
            kind=letter["kind"],
        )
    known = set(Mail.objects.filter(key__in=list(mails)).values_list("key", flat=True))
    new = [mail for key, mail in mails.items() if key not in known]
    with transaction.atomic():
        Mail.objects.bulk_create(new, ignore_conflicts=True)
    if any(mail.status == Mail.Status.QUEUED for mail in new):
        from .outbox import wake_sender

        wake_sender()
    return len(new)


def unfinished_events():
    """Return events whose fan-out never ended (a worker died), ready to retake."""
    now = timezone.now()
    return Event.objects.filter(fanned_out_at__isnull=True).filter(
        Q(
            claimed_until__isnull=True,
            created_at__lt=now - datetime.timedelta(minutes=1),
        )
        | Q(claimed_until__lt=now)
    )


# --- The clock ------------------------------------------------------------------------


def clock() -> Clock:
    row, _created = Clock.objects.get_or_create(pk=1)
    return row


def texts_gone_public_by_schedule() -> int:
    """Record texts whose scheduled time came since the last look; return how many."""
    row = clock()
    now = timezone.now()
    # Overlapping windows: an event is recorded once whatever the overlap.
    since = row.texts_checked_at - datetime.timedelta(minutes=5)
    texts = list(Announcement.objects.public().filter(published_at__gt=since))
    for text in texts:
        text_went_public(text)
    Clock.objects.filter(pk=row.pk).update(texts_checked_at=now)
    return len(texts)


def moderation_digest_due() -> bool:
    """Claim the moderators' digest for this period if it is due; return whether."""
    row = clock()
    now = timezone.now()
    every = datetime.timedelta(minutes=settings.MODERATION_DIGEST_MINUTES)
    return bool(
        Clock.objects.filter(pk=row.pk)
        .filter(
            Q(moderation_digest_at__isnull=True)
            | Q(moderation_digest_at__lte=now - every)
        )
        .update(moderation_digest_at=now)
    )
