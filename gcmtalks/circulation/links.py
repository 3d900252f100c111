"""A subscriber's personal link: their random key signed with SECRET_KEY (and, after a key
rotation, with SECRET_KEY_FALLBACKS), so nothing stored opens their page by itself."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Subscriber

SIGNER = signing.Signer(salt="gcmtalks.circulation.subscriber", sep=".")


def token_for(subscriber: Subscriber) -> str:
    return SIGNER.sign(subscriber.key)


def key_for_token(token: str) -> str | None:
    """The key a personal link names, or None for a forged or broken one."""
    try:
        return SIGNER.unsign(token)
    except signing.BadSignature:
        return None


def subscriber_for_token(token: str) -> Subscriber | None:
    key = key_for_token(token)
    return Subscriber.objects.filter(key=key).first() if key else None


def absolute(name: str, subscriber: Subscriber) -> str:
    """The address of one of the subscriber's pages, in the language of their mails."""
    with translation.override(subscriber.language):
        return settings.SITE_URL + reverse(name, kwargs={"token": token_for(subscriber)})


def personal_url(subscriber: Subscriber) -> str:
    return absolute("circulation:personal", subscriber)


def unsubscribe_url(subscriber: Subscriber) -> str:
    return absolute("circulation:unsubscribe", subscriber)


def list_headers(subscriber: Subscriber) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail clients offer "unsubscribe", and a POST to the link ends
    the subscription at once; the mailto is read by the secretariat."""
    mailto = f"mailto:{settings.CONTACT_EMAIL}?subject=unsubscribe"
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
