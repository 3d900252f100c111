"""Every write to a talk's documents: one transaction, one audit entry (on the document, so its
history is in one place), files stored through Django's storage, and a replaced or removed file
deleted only once the change is committed. A change to a published document empties the
public pages' cache: the talk page lists it, or hints at it."""

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmtalks.core import audit, public_cache
from gcmtalks.talks.models import Talk

from .models import Document, Version
from .uploads import check_document_file

Status = Document.Status
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class DocumentNotAllowed(Exception):
    """A change the document's state does not allow; the message says why."""


def snapshot(document: Document) -> dict:
    return {
        "kind": document.kind,
        "title": document.title,
        "access": document.access,
        "status": document.status,
        "published_at": document.published_at,
    }


def version_label(version: Version | None) -> str:
    """What the audit keeps of a language version: its file name and size, or that it is text."""
    if version is None:
        return ""
    if version.file:
        return f"{version.file_name} ({version.size} bytes)"
    return _("text (%(count)d characters)") % {"count": len(version.text)}


def storage():
    return Version._meta.get_field("file").storage


def delete_files_later(*names: str) -> None:
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [storage().delete(name) for name in names])


def refresh_public_pages(document: Document) -> None:
    if document.status == Status.PUBLISHED:
        transaction.on_commit(public_cache.bump)


def locked(document: Document) -> Document:
    current = Document.objects.select_for_update().filter(pk=document.pk).first()
    if current is None:
        raise DocumentNotAllowed(_("Someone deleted this document meanwhile."))
    return current


def document_create(*, talk: Talk, by, kind: str, title: str = "", access: str) -> Document:
    with transaction.atomic():
        last = Document.objects.filter(talk=talk).aggregate(last=Max("position"))["last"]
        document = Document.objects.create(
            talk=talk,
            kind=kind,
            title=title.strip(),
            access=access,
            position=0 if last is None else last + 1,
        )
        audit.record(
            obj=document,
            action="document.create",
            by=by,
            changes=audit.diff({}, snapshot(document)),
        )
    return document


def document_update(*, document: Document, by, kind: str, title: str, access: str) -> Document:
    with transaction.atomic():
        current = locked(document)
        before = snapshot(current)
        current.kind, current.title, current.access = kind, title.strip(), access
        changes = audit.diff(before, snapshot(current))
        if changes:
            current.save()
            audit.record(obj=current, action="document.change", by=by, changes=changes)
            refresh_public_pages(current)
    return current


def version_save(*, document: Document, by, language: str, upload=None, text: str = "") -> Version:
    """Add the document in one language, or replace the version it has in that language, with
    an uploaded file or a text (exactly one of them)."""
    text = (text or "").strip()
    if language not in LANGUAGE_CODES:
        raise DocumentNotAllowed(_("Choose one of the languages offered."))
    if upload and text:
        raise DocumentNotAllowed(_("Give either a file or a text, not both."))
    if not upload and not text:
        raise DocumentNotAllowed(_("Give a file or a text."))
    if upload:
        file_name, content_type = check_document_file(upload)  # ValidationError if refused
    with transaction.atomic():
        current = locked(document)
        version = current.versions.filter(language=language).first()
        before = version_label(version)
        old_file = version.file.name if version else ""
        version = version or Version(document=current, language=language)
        version.uploaded_by = by if getattr(by, "is_authenticated", False) else None
        stored = ""
        try:
            if upload:
                version.file.save(file_name, upload, save=False)
                stored = version.file.name
                version.file_name, version.content_type = file_name, content_type
                version.size, version.text = upload.size, ""
            else:
                version.file = ""
                version.file_name, version.content_type = "", ""
                version.size, version.text = len(text.encode()), text
            version.save()
            audit.record(
                obj=current,
                action="document.version_save",
                by=by,
                changes={f"version_{language}": [before or None, version_label(version)]},
            )
        except BaseException:
            if stored:
                storage().delete(stored)  # the row is rolled back; its file goes too
            raise
        delete_files_later(old_file)
        refresh_public_pages(current)
    return version


def version_remove(*, document: Document, by, language: str) -> None:
    with transaction.atomic():
        current = locked(document)
        versions = list(current.versions.all())
        version = next((v for v in versions if v.language == language), None)
        if version is None:
            raise DocumentNotAllowed(_("The document has no version in this language."))
        if current.status == Status.PUBLISHED and len(versions) == 1:
            raise DocumentNotAllowed(
                _("A published document needs at least one language: take it back to draft first.")
            )
        old_file = version.file.name
        audit.record(
            obj=current,
            action="document.version_remove",
            by=by,
            changes={f"version_{language}": [version_label(version), None]},
        )
        version.delete()
        delete_files_later(old_file)
        refresh_public_pages(current)


def status_change(document: Document, by, status: str) -> Document:
    with transaction.atomic():
        current = locked(document)
        before = snapshot(current)
        if status == Status.PUBLISHED:
            if current.status == Status.PUBLISHED:
                raise DocumentNotAllowed(_("The document is already published."))
            if not current.versions.exists():
                raise DocumentNotAllowed(
                    _("Add the document in at least one language before publishing it.")
                )
            current.published_at = timezone.now()
        else:
            if current.status != Status.PUBLISHED:
                raise DocumentNotAllowed(_("The document is not published."))
            current.published_at = None
        current.status = status
        current.save()
        action = "document.publish" if status == Status.PUBLISHED else "document.unpublish"
        audit.record(
            obj=current, action=action, by=by, changes=audit.diff(before, snapshot(current))
        )
        # Unpublished documents leave the talk page too, hence the bump in both directions.
        transaction.on_commit(public_cache.bump)
    return current


def document_publish(*, document: Document, by) -> Document:
    return status_change(document, by, Status.PUBLISHED)


def document_unpublish(*, document: Document, by) -> Document:
    return status_change(document, by, Status.DRAFT)


def document_delete(*, document: Document, by) -> None:
    with transaction.atomic():
        current = locked(document)
        versions = list(current.versions.all())
        changes = audit.diff(snapshot(current), {})
        for version in versions:
            changes[f"version_{version.language}"] = [version_label(version), None]
        audit.record(obj=current, action="document.delete", by=by, changes=changes)
        refresh_public_pages(current)
        current.delete()
        delete_files_later(*(version.file.name for version in versions))
