import secrets

from django.db import transaction
from django.utils import timezone

from gcmtalks.core import audit

from .models import ApiToken, Organisation, OrganisationMember, hash_token

TOKEN_PREFIX = "gcmt_"


def user_language_set(*, user, language: str, by) -> None:
    """The language of the person's pages and mail ("" follows their browser)."""
    if language == user.language:
        return
    audit.record(obj=user, action="user.language", by=by,
                 changes={"language": [user.language, language]})  # fmt: skip
    user.language = language
    user.save(update_fields=["language"])


class OrganisationExists(Exception):
    """An organisation of that name is registered already in that country (or in none)."""


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


def organisation_create(
    *, name: str, type: str, country=None, website: str = "", by
) -> Organisation:
    """Register a partner organisation with `by` as its first member.

    Joining one that exists is not done here: its members see its proposals, so the
    secretariat adds people to it (in the admin)."""
    with transaction.atomic():
        if Organisation.objects.filter(name__iexact=name.strip(), country=country).exists():
            raise OrganisationExists(name)
        organisation = Organisation.objects.create(
            name=name, type=type, country=country, website=website
        )
        OrganisationMember.objects.create(organisation=organisation, user=by)
        after = {
            "name": name,
            "type": type,
            "country": country,
            "website": website,
            "members": [by],
        }
        audit.record(
            obj=organisation, action="organisation.create", by=by, changes=audit.diff({}, after)
        )
    return organisation


def organisation_leave(*, organisation: Organisation, user, by) -> bool:
    """Take `user` out of the organisation; False if they were not in it (nothing changes).

    The organisation stays, with its proposals and talks, even when its last member leaves."""
    with transaction.atomic():
        deleted, _rows = OrganisationMember.objects.filter(
            organisation=organisation, user=user
        ).delete()
        if not deleted:
            return False
        audit.record(
            obj=organisation,
            action="organisation.leave",
            by=by,
            changes=audit.diff({"members": [user]}, {}),
        )
    return True
