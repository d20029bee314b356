"""What each mail says, in its reader's language: plain text, with links."""

from django.utils import timezone, translation
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .links import (
    confirm_token,
    manage_token,
    object_url,
    page_url,
    unsubscribe_headers,
)
from .models import Mail


def footer(subscription) -> str:
    manage = page_url(
        "notices:manage", subscription.language, token=manage_token(subscription)
    )
    return "\n".join(
        [
            "",
            "-- ",
            _("You receive this because you follow: %(target)s.")
            % {"target": subscription.target_label},
            _("Unsubscribe: %(url)s")
            % {"url": unsubscribe_headers(subscription)["List-Unsubscribe"][1:-1]},
            _("Manage your subscriptions: %(url)s") % {"url": manage},
        ]
    )


def confirmation(first, language: str, subscriptions) -> dict:
    """Return the confirmation of an address's pending subscriptions (`first` among them)."""
    with translation.override(language):
        url = page_url("notices:confirm", language, token=confirm_token(first))
        lines = [
            _("Someone, we hope you, asked to follow these on our site:"),
            "",
            *(f"- {sub.target_label}" for sub in subscriptions),
            "",
            _("To confirm, open this link and press the button:"),
            url,
            "",
            _(
                "Nothing will be sent to you unless you confirm. If you did not "
                "ask for this, ignore this mail; the request is deleted in "
                "%(hours)s hours."
            )
            % {"hours": _hours()},
        ]
        return {
            "kind": Mail.Kind.CONFIRMATION,
            "subject": _("Confirm your subscription"),
            "body": "\n".join(lines),
        }


def _hours():
    from django.conf import settings

    return settings.SUBSCRIPTION_CONFIRM_HOURS


def event_lines(event, language: str) -> tuple[str, list[str]]:
    """Return the subject and lines that tell of one event."""
    details = event.details
    # Events recorded before they kept each language's words have only one.
    said = details.get("languages", {}).get(language, details)
    title = said.get("title", "")
    with translation.override(language):
        url = page_url_for(details, language)
        if event.kind == event.Kind.TEXT_PUBLIC:
            subject = _("New: %(title)s") % {"title": title}
        elif event.kind == event.Kind.FIGURE:
            subject = (
                _("Figure revised: %(title)s")
                if details.get("revised")
                else _("New figure: %(title)s")
            ) % {"title": title}
        else:
            subject = _("Policy action update: %(title)s") % {"title": title}
        lines = [subject, *([said["line"]] if said.get("line") else []), url]
    return subject, lines


def page_url_for(details: dict, language: str) -> str:
    with translation.override(language):
        from django.urls import reverse

        from .links import absolute

        return absolute(reverse(details["url_name"], kwargs={"slug": details["slug"]}))


def alert(event, subscription) -> dict:
    with translation.override(subscription.language):
        subject, lines = event_lines(event, subscription.language)
        return {
            "kind": Mail.Kind.ALERT,
            "subject": subject,
            "body": "\n".join(lines) + "\n" + footer(subscription),
            "headers": unsubscribe_headers(subscription),
        }


def daily_digest(subscription, mails) -> dict:
    with translation.override(subscription.language):
        parts = [_("What changed today on what you follow:"), ""]
        for mail in mails:
            parts += [mail.subject, *mail.body.split("\n-- \n")[0].split("\n")[1:], ""]
        return {
            "kind": Mail.Kind.DIGEST,
            "subject": ngettext(
                "Your daily digest: %(count)d update",
                "Your daily digest: %(count)d updates",
                len(mails),
            )
            % {"count": len(mails)},
            "body": "\n".join(parts) + footer(subscription),
            "headers": unsubscribe_headers(subscription),
        }


def comment_approved(comment, language: str) -> dict:
    with translation.override(language):
        url = object_url(comment, language)
        return {
            "kind": Mail.Kind.COMMENT_APPROVED,
            "subject": _("Your comment is published"),
            "body": "\n".join(
                [
                    _("Your comment on “%(title)s” is published:")
                    % {"title": comment.announcement.title},
                    url,
                    "",
                    _("You asked to be told when it was published or answered."),
                ]
            ),
        }


def comment_reply(reply, language: str) -> dict:
    with translation.override(language):
        url = object_url(reply, language)
        return {
            "kind": Mail.Kind.COMMENT_REPLY,
            "subject": _("%(name)s answered your comment")
            % {"name": reply.author_name},
            "body": "\n".join(
                [
                    _("%(name)s answered your comment on “%(title)s”:")
                    % {"name": reply.author_name, "title": reply.announcement.title},
                    url,
                    "",
                    _("You asked to be told when it was published or answered."),
                ]
            ),
        }


def moderation_digest(comments, language: str, admin_url: str) -> dict:
    now = timezone.now()
    with translation.override(language):
        oldest = min(comment.created_at for comment in comments)
        lines = [
            _("%(count)d comments are waiting for moderation; the oldest for %(age)s.")
            % {"count": len(comments), "age": timesince(oldest, now)},
            admin_url,
            "",
        ]
        for comment in comments:
            reasons = comment.held_reasons() or [_("First comment from this address.")]
            lines += [
                f"- {comment.announcement.title} ({timesince(comment.created_at, now)})",
                *(f"    {reason}" for reason in reasons),
            ]
        return {
            "kind": Mail.Kind.MODERATION,
            "subject": ngettext(
                "%(count)d comment awaiting moderation",
                "%(count)d comments awaiting moderation",
                len(comments),
            )
            % {"count": len(comments)},
            "body": "\n".join(lines),
        }


def test_mail(language: str) -> dict:
    with translation.override(language):
        return {
            "kind": Mail.Kind.TEST,
            "subject": _("Test mail from Pressroom"),
            "body": _("If you can read this, mail leaves the site."),
        }
