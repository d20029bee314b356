"""Signed links in mail: confirm, unsubscribe, manage.

Each signs a subscription's id (signing is not encryption: an address in a
token could be read back), and a confirmation link expires.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Subscription

CONFIRM_SALT = "notices.confirm"
UNSUBSCRIBE_SALT = "notices.unsubscribe"
MANAGE_SALT = "notices.manage"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def page_url(name: str, language: str, **kwargs) -> str:
    """Return the absolute URL of a page of the site in `language`."""
    with translation.override(language):
        return absolute(reverse(name, kwargs=kwargs))


def object_url(thing, language: str) -> str:
    with translation.override(language):
        return absolute(thing.get_absolute_url())


def confirm_token(subscription) -> str:
    return signing.dumps(subscription.pk, salt=CONFIRM_SALT)


def email_from_confirm_token(token: str) -> str | None:
    """Return the address a confirmation link was sent to, unless it expired."""
    max_age = settings.SUBSCRIPTION_CONFIRM_HOURS * 3600
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    row = Subscription.objects.filter(pk=pk).values_list("email", flat=True).first()
    return row.lower() if row else None


def unsubscribe_token(subscription) -> str:
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)


def subscription_id_from_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def manage_token(subscription) -> str:
    return signing.dumps(subscription.pk, salt=MANAGE_SALT)


def email_from_manage_token(token: str) -> str | None:
    """Return the address whose subscriptions a manage link lists, if any is left."""
    try:
        pk = signing.loads(token, salt=MANAGE_SALT)
    except signing.BadSignature:
        return None
    row = Subscription.objects.filter(pk=pk).values_list("email", flat=True).first()
    return row.lower() if row else None


def unsubscribe_headers(subscription) -> dict[str, str]:
    """Return RFC 8058's one-click unsubscribe headers for a subscription's mail."""
    url = page_url(
        "notices:unsubscribe",
        subscription.language,
        token=unsubscribe_token(subscription),
    )
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
