"""Every write to recordings goes through here: one transaction, one audit entry, the public
cache emptied when what the public sees changes."""

from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmtalks.core import audit, public_cache
from gcmtalks.core.models import Access
from gcmtalks.talks.models import Talk

from . import hosts
from .models import Captions, Recording, Transcript
from .tasks import announce_outcomes_task
from .uploads import check_captions_file, check_transcript_file

FIELDS = ("url", "host", "access", "transcript_access", "status", "published_at")


class RecordingRefused(Exception):
    """A change that is not allowed: `errors` maps a form field ("" for none) to the reason."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def chatham_house_reason() -> str:
    return _("This talk is held under the Chatham House Rule: its recording and transcript cannot be public.")  # fmt: skip


def clean_url(url: str) -> str:
    """The address as typed, with https:// added when no scheme is given."""
    url = (url or "").strip()
    if url and "://" not in url and ":" not in url.split("/")[0]:
        url = "https://" + url
    return url


def url_refusal(url: str) -> str:
    if not url:
        return _("Give the link to the recording.")
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return _("The link must be a web address starting with https:// or http://.")
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return _("This is not a web address: copy it from the browser's address bar.")
    if len(url) > Recording._meta.get_field("url").max_length:
        return _("The link is too long.")
    return ""


def recording_refusals(*, talk: Talk, url: str, access: str, transcript_access: str) -> dict:
    """{field: reason} for every value the recording may not have; empty when all is well."""
    errors = {}
    if refusal := url_refusal(clean_url(url)):
        errors["url"] = refusal
    for field, value in (("access", access), ("transcript_access", transcript_access)):
        if value not in Access.values:
            errors[field] = _("Choose who may see it.")
        elif talk.chatham_house and value == Access.PUBLIC:
            errors[field] = chatham_house_reason()
    return errors


def snapshot(recording: Recording | None) -> dict:
    return {name: getattr(recording, name) for name in FIELDS} if recording else {}


def locked(recording: Recording) -> Recording:
    return Recording.objects.select_for_update().select_related("talk").get(pk=recording.pk)


def bump_if_public(recording: Recording) -> None:
    if recording.status == Recording.Status.PUBLISHED:
        transaction.on_commit(public_cache.bump)


def recording_save(*, talk: Talk, by, url: str, access: str, transcript_access: str) -> Recording:
    """Add the talk's recording, or change its link and who may see it."""
    errors = recording_refusals(
        talk=talk, url=url, access=access, transcript_access=transcript_access
    )
    if errors:
        raise RecordingRefused(errors)
    url = clean_url(url)
    with transaction.atomic():
        recording = Recording.objects.select_for_update().filter(talk=talk).first()
        before = snapshot(recording)
        recording = recording or Recording(talk=talk)
        recording.url, recording.host = url, hosts.host_of(url)
        recording.access, recording.transcript_access = access, transcript_access
        changes = audit.diff(before, snapshot(recording))
        if before and not changes:
            return recording
        recording.save()
        action = "recording.change" if before else "recording.create"
        audit.record(obj=recording, action=action, by=by, changes=changes)
        bump_if_public(recording)
    return recording


def publish_refusal(recording: Recording, now=None) -> str:
    """Why the recording cannot be published now, or ""."""
    talk = recording.talk
    if recording.status == Recording.Status.PUBLISHED:
        return _("The recording is already published.")
    if talk.status != Talk.Status.PUBLISHED:
        return _("Only the recording of a published talk can be published.")
    if talk.start > (now or timezone.now()):
        return _("The recording can be published once the talk has started.")
    if talk.chatham_house and Access.PUBLIC in (recording.access, recording.transcript_access):
        return chatham_house_reason()
    return ""


def recording_publish(*, recording: Recording, by) -> Recording:
    """Publish the recording; its talk's registrants are told once the talk has ended."""
    with transaction.atomic():
        recording = locked(recording)
        if refusal := publish_refusal(recording):
            raise RecordingRefused({"": refusal})
        before = snapshot(recording)
        recording.status = Recording.Status.PUBLISHED
        recording.published_at = timezone.now()
        recording.save()
        audit.record(
            obj=recording,
            action="recording.publish",
            by=by,
            changes=audit.diff(before, snapshot(recording)),
        )
        transaction.on_commit(public_cache.bump)
        transaction.on_commit(partial(announce_outcomes_task.enqueue, talk_id=recording.talk_id))
    return recording


def recording_unpublish(*, recording: Recording, by) -> Recording:
    """Back to draft: the recording leaves the public page (mail already sent stays sent)."""
    with transaction.atomic():
        recording = locked(recording)
        if recording.status != Recording.Status.PUBLISHED:
            raise RecordingRefused({"": _("The recording is already a draft.")})
        before = snapshot(recording)
        recording.status = Recording.Status.DRAFT
        recording.save()
        audit.record(
            obj=recording,
            action="recording.unpublish",
            by=by,
            changes=audit.diff(before, snapshot(recording)),
        )
        transaction.on_commit(public_cache.bump)
    return recording


def recording_delete(*, recording: Recording, by) -> None:
    with transaction.atomic():
        recording = locked(recording)
        names = [f.file.name for f in (*recording.captions.all(), *recording.transcripts.all())]
        audit.record(
            obj=recording,
            action="recording.delete",
            by=by,
            changes=audit.diff(snapshot(recording), {}),
        )
        bump_if_public(recording)
        recording.delete()
        transaction.on_commit(partial(delete_files, names))


def delete_files(names) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)


# Captions and transcripts: one file per language, replaced by a new upload.

KINDS = {
    Captions: ("captions", check_captions_file),
    Transcript: ("transcript", check_transcript_file),
}


def file_save(model, *, recording: Recording, by, language: str, upload):
    """Check the upload (ValidationError with the reason), then store it for `language`,
    replacing the file that language had. Nothing is kept when anything fails."""
    kind, check = KINDS[model]
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose one of the site's languages."), code="language")
    name, content_type = check(upload)
    stored = []
    try:
        with transaction.atomic():
            recording = locked(recording)
            item = model.objects.filter(recording=recording, language=language).first()
            old_name, old_file = (item.file_name, item.file.name) if item else ("", "")
            item = item or model(recording=recording, language=language)
            item.file.save(name, upload, save=False)
            stored.append(item.file.name)
            item.file_name, item.content_type, item.size = name, content_type, upload.size
            item.uploaded_by = by if getattr(by, "is_authenticated", False) else None
            item.save()
            audit.record(
                obj=recording,
                action=f"recording.{kind}_add",
                by=by,
                changes={f"{kind}_{language}": [old_name or None, name]},
            )
            if old_file:
                transaction.on_commit(partial(delete_files, [old_file]))
            bump_if_public(recording)
    except BaseException:
        delete_files(stored)
        raise
    return item


def file_remove(model, *, recording: Recording, by, language: str) -> None:
    kind = KINDS[model][0]
    with transaction.atomic():
        recording = locked(recording)
        item = model.objects.filter(recording=recording, language=language).first()
        if item is None:
            raise RecordingRefused({"": _("There is no such file to remove.")})
        stored = item.file.name
        item.delete()
        audit.record(
            obj=recording,
            action=f"recording.{kind}_remove",
            by=by,
            changes={f"{kind}_{language}": [item.file_name, None]},
        )
        transaction.on_commit(partial(delete_files, [stored]))
        bump_if_public(recording)


def captions_save(*, recording: Recording, by, language: str, upload) -> Captions:
    return file_save(Captions, recording=recording, by=by, language=language, upload=upload)


def captions_remove(*, recording: Recording, by, language: str) -> None:
    file_remove(Captions, recording=recording, by=by, language=language)


def transcript_save(*, recording: Recording, by, language: str, upload) -> Transcript:
    return file_save(Transcript, recording=recording, by=by, language=language, upload=upload)


def transcript_remove(*, recording: Recording, by, language: str) -> None:
    file_remove(Transcript, recording=recording, by=by, language=language)
