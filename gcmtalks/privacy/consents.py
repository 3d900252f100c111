"""Consent texts: the current version of a kind, and the record that a person agreed to the
version they were shown."""

from django.utils import timezone
from django.utils.translation import get_language

from .models import Consent, ConsentText


def current(kind: str) -> ConsentText | None:
    return (
        ConsentText.objects.filter(kind=kind, published_at__lte=timezone.now())
        .order_by("-version")
        .first()
    )


def record_shown(*, kind: str, version, registration=None, user=None) -> Consent | None:
    """Record the version the form showed (posted back by it); nothing when no such version
    was published (a forged or missing number)."""
    try:
        version = int(version)
    except (TypeError, ValueError):
        return None
    text = ConsentText.objects.filter(kind=kind, version=version).first()
    if text is None:
        return None
    return Consent.objects.create(
        text=text, registration=registration, user=user, language=(get_language() or "")[:10]
    )
