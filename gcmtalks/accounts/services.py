import secrets

from django.db import transaction
from django.utils import timezone

from gcmtalks.core import audit

from .models import ApiToken, hash_token

TOKEN_PREFIX = "gcmt_"


def api_token_create(*, user, name: str, by=None) -> tuple[ApiToken, str]:
    """Make a token for `user`; returns the row and the raw token, which is never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name[:80] or "API token", prefix=raw[:12], key_hash=hash_token(raw)
        )
        audit.record(obj=token, action="api_token.create", by=by or user)
    return token, raw


def api_token_revoke(*, token: ApiToken, by) -> None:
    with transaction.atomic():
        audit.record(obj=token, action="api_token.revoke", by=by)
        token.delete()


def api_token_user(raw: str):
    """The active user a raw token belongs to, or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
