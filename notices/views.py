"""Subscribing without an account: the form, the confirmation, leaving.

The form page is shared by every reader (no per-reader token); its POST is
guarded like the comment box's: the browser's Origin, the signed timestamp,
the honeypot and the rate limits. Pages showing a reader's subscriptions are
never cached anywhere.
"""

import time

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from announcements.moderation import TIMESTAMP_SALT, RateLimited
from core.cache import SITE_KEY, showing
from core.clients import client_ip, is_cross_site

from . import subscriptions
from .forms import SubscribeForm
from .links import (
    email_from_confirm_token,
    email_from_manage_token,
    subscription_id_from_token,
    unsubscribe_token,
)
from .models import Subscription

SUBSCRIBE_TEMPLATE = "notices/subscribe.html"
DONE_TEMPLATE = "notices/message.html"


def looks_like_a_bot(form) -> bool:
    """Return whether the honeypot was filled or the form sent too fast or too late."""
    if form.cleaned_data.get("homepage", "").strip():
        return True
    try:
        shown_at = signing.loads(
            form.cleaned_data.get("timestamp", ""), salt=TIMESTAMP_SALT
        )
    except signing.BadSignature:
        return True
    elapsed = time.time() - int(shown_at)
    return not (
        settings.COMMENT_MIN_SECONDS <= elapsed <= settings.COMMENT_MAX_AGE_SECONDS
    )


def message(request, title, text, *, status=200):
    return render(
        request, DONE_TEMPLATE, {"title": title, "message": text}, status=status
    )


@csrf_exempt
def subscribe(request):
    """Show the form (shared by all readers), or take a signup."""
    if request.method != "POST":
        return showing(SITE_KEY)(_subscribe_page)(request)
    if is_cross_site(request):
        return message(
            request,
            _("Subscription not accepted"),
            _("The request came from a form on another site. Please use ours."),
            status=403,
        )
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, SUBSCRIBE_TEMPLATE, {"form": form}, status=400)
    if not looks_like_a_bot(form):
        try:
            subscriptions.subscribe(
                email=form.cleaned_data["email"],
                kind=form.cleaned_data["kind"],
                target=form.cleaned_data["target_object"],
                language=get_language(),
                frequency=form.cleaned_data["frequency"],
                ip=client_ip(request),
            )
        except RateLimited as limited:
            response = message(
                request,
                _("Too many requests"),
                _("Please wait a while and try again."),
                status=429,
            )
            response["Retry-After"] = str(limited.retry_after)
            return response
    # The same answer whether the address was new, known, or a bot's.
    return message(request, _("Check your inbox"), check_inbox_text())


def check_inbox_text() -> str:
    return _(
        "If the address can receive mail, a link to confirm is on its way. "
        "Nothing else is sent until it is followed."
    )


def _subscribe_page(request):
    initial = {
        key: request.GET.get(key, "")[:200]
        for key in ("kind", "target")
        if request.GET.get(key)
    }
    return render(request, SUBSCRIBE_TEMPLATE, {"form": SubscribeForm(initial=initial)})


@never_cache
@csrf_exempt
def confirm(request, token):
    """Show the subscriptions a link confirms; confirm them on the button's POST.

    A GET changes nothing, so a mail scanner opening the link confirms nothing.
    """
    email = email_from_confirm_token(token)
    if email is None:
        return message(
            request,
            _("This link has expired"),
            _("Please subscribe again; a new link will be sent."),
            status=404,
        )
    pending = list(subscriptions.pending_for(email))
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("subscription") if v.isdigit()]
        count = subscriptions.confirm(email, ids)
        return message(
            request,
            _("Subscription confirmed") if count else _("Nothing to confirm"),
            _("You will receive mail when something you follow changes.")
            if count
            else _("These subscriptions are already confirmed or were removed."),
        )
    return render(request, "notices/confirm.html", {"pending": pending, "token": token})


@never_cache
@csrf_exempt
def unsubscribe(request, token):
    """Leave a subscription: one POST, from the mail client (RFC 8058) or the page."""
    subscription_id = subscription_id_from_token(token)
    if subscription_id is None:
        raise Http404(_("There is no such subscription."))
    if request.method == "POST":
        subscriptions.unsubscribe(subscription_id)
        return message(
            request,
            _("Unsubscribed"),
            _("You will get no more mail about this."),
        )
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    return render(
        request,
        "notices/unsubscribe.html",
        {"subscription": subscription, "token": token},
    )


@never_cache
def manage(request, token):
    """List the address's subscriptions, each with its unsubscribe button."""
    email = email_from_manage_token(token)
    if email is None:
        raise Http404(_("There is no such subscription."))
    rows = [
        (subscription, unsubscribe_token(subscription))
        for subscription in subscriptions.for_address(email)
    ]
    return render(request, "notices/manage.html", {"rows": rows})
