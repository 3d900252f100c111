"""Every write of the reporting app: asking for a pack, and making it (in a task)."""

from datetime import date
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmtalks.core.audit import record
from gcmtalks.core.models import Region

from . import packs
from .models import Pack


class PackNotAllowed(Exception):
    pass


def pack_request(
    *, kind: str, region: Region | None, start: date, end: date, language: str, by
) -> Pack:
    """Keep the request and queue the task that makes the pack. Raises PackNotAllowed for a
    global pack asked by anyone but the secretariat, or another region's pack."""
    region = region if kind == Pack.Kind.REGIONAL else None
    if kind == Pack.Kind.REGIONAL and region is None:
        raise PackNotAllowed(_("A regional pack needs its region."))
    if not by.has_perm("reporting.request_pack", region):
        if region is None:
            raise PackNotAllowed(_("Only the secretariat may ask for a global pack."))
        raise PackNotAllowed(
            _("Only the secretariat and the organisers of %(region)s may ask for its pack.")
            % {"region": region.name}
        )
    if end < start:
        raise PackNotAllowed(_("The period ends before it starts."))
    from .tasks import build_pack

    with transaction.atomic():
        pack = Pack.objects.create(
            kind=kind,
            region=region,
            start=start,
            end=end,
            language=language,
            total=len(packs.STEPS),
            created_by=by,
        )
        record(
            obj=pack,
            action="reporting.pack_request",
            by=by,
            changes={
                "kind": [None, kind],
                "region": [None, region.slug if region else None],
                "period": [None, f"{start.isoformat()}/{end.isoformat()}"],
                "language": [None, language],
            },
        )
        transaction.on_commit(partial(build_pack.enqueue, pack_id=pack.pk))
    return pack


def pack_build(*, pack_id: int) -> Pack:
    """Make the pack's PDF, showing progress step by step, then keep it. A pack is made once:
    a second run of the task finds it no longer queued and does nothing."""
    started = Pack.objects.filter(pk=pack_id, status=Pack.Status.QUEUED).update(
        status=Pack.Status.RUNNING, done=0
    )
    pack = Pack.objects.select_related("region", "created_by").get(pk=pack_id)
    if not started:
        return pack

    def progress(done: int) -> None:
        Pack.objects.filter(pk=pack_id).update(done=done)

    try:
        data = packs.pack_pdf(pack, progress=progress)
        pack_keep(pack, data)
    except Exception as error:  # the page stops waiting; the task's log keeps the details
        pack_fail(pack, error)
        raise
    return pack


def pack_keep(pack: Pack, data: bytes) -> None:
    with transaction.atomic():
        pack.file.save(packs.file_name(pack), ContentFile(data), save=False)
        pack.status = Pack.Status.DONE
        pack.done = pack.total
        pack.finished_at = timezone.now()
        pack.save(update_fields=["file", "status", "done", "finished_at"])
        record(
            obj=pack,
            action="reporting.pack_build",
            by=pack.created_by,
            changes={"status": [Pack.Status.RUNNING, Pack.Status.DONE],
                     "file": [None, pack.file.name], "bytes": [None, len(data)]},
        )  # fmt: skip


def pack_fail(pack: Pack, error: Exception) -> None:
    message = _("An unexpected error stopped it (%(error)s).") % {"error": type(error).__name__}
    with transaction.atomic():
        Pack.objects.filter(pk=pack.pk).update(
            status=Pack.Status.FAILED, message=message, finished_at=timezone.now()
        )
        record(
            obj=pack,
            action="reporting.pack_build",
            by=pack.created_by,
            changes={"status": [Pack.Status.RUNNING, Pack.Status.FAILED],
                     "message": [None, message]},
        )  # fmt: skip
