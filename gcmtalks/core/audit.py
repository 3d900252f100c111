"""The one way to write an audit entry."""

from datetime import date, datetime

from django.db import models

from .models import AuditEntry


def plain(value):
    """A JSON-safe, readable form of a field value."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "__iter__") and not isinstance(value, str | bytes | dict):
        return sorted(str(v) for v in value)  # lists, sets, querysets of related rows
    return value


EMPTY = (None, "", [])


def diff(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields whose plain value changed."""
    changes = {}
    for key in sorted(set(before) | set(after)):
        old, new = plain(before.get(key)), plain(after.get(key))
        if old != new and not (old in EMPTY and new in EMPTY):
            changes[key] = [old, new]
    return changes


def record(*, obj, action: str, by=None, changes: dict | None = None) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=by if getattr(by, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        changes=changes or {},
    )
