"""Every write of the pledges app: an upload, its dry run, and the import itself."""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmtalks.core import public_cache
from gcmtalks.core.audit import record
from gcmtalks.notifications.services import mail_queue

from . import imports
from .models import Pledge, PledgeImport

M2M = ("objectives", "principles", "regions", "countries")
COLUMNS = ("title", "text", "entity", "entity_type", "status", "link", "kind", "forms")


class ImportNotAllowed(Exception):
    pass


def import_upload(*, name: str, data: bytes, by) -> PledgeImport:
    """Keep an uploaded file after checking it can be read; raises imports.ImportRefused."""
    kind, rows = imports.read_file(data)
    header = rows[0]
    with transaction.atomic():
        return PledgeImport.objects.create(
            by=by,
            file_name=name[:255],
            file_type=kind,
            content=data,
            header=header,
            mapping=imports.guess_mapping(header),
            total=imports.data_rows(rows),
        )


def import_dry_run(*, pledge_import: PledgeImport, mapping: dict, by) -> PledgeImport:
    """Check every row with this mapping and keep the report; nothing else is written."""
    if pledge_import.status not in (PledgeImport.Status.UPLOADED, PledgeImport.Status.CHECKED):
        raise ImportNotAllowed(_("This file has already been imported."))
    problems = imports.mapping_problems(mapping)
    if problems:
        raise ImportNotAllowed(" ".join(problems))
    _kind, rows = imports.read_file(bytes(pledge_import.content))
    report = [
        line_report(row, result)
        for row, result in imports.check_rows(rows, mapping, imports.Lookups.load())
    ]
    with transaction.atomic():
        pledge_import.mapping = mapping
        pledge_import.status = PledgeImport.Status.CHECKED
        pledge_import.report = report
        pledge_import.done = len(report)
        pledge_import.total = len(report)
        count(pledge_import, report)
        pledge_import.save()
    return pledge_import


def line_report(row, result) -> dict:
    return {"line": row.line, "id": row.external_id, "result": result, "reasons": row.errors}


def count(pledge_import: PledgeImport, report: list[dict]) -> None:
    for result in ("created", "updated", "unchanged"):
        setattr(pledge_import, result, sum(1 for line in report if line["result"] == result))
    pledge_import.errors = sum(1 for line in report if line["result"] == "error")


def import_queue(*, pledge_import: PledgeImport, by) -> PledgeImport:
    """Start the import checked by the dry run; a task does the work."""
    from .tasks import run_pledge_import

    with transaction.atomic():
        locked = PledgeImport.objects.select_for_update().get(pk=pledge_import.pk)
        if locked.status != PledgeImport.Status.CHECKED:
            raise ImportNotAllowed(_("Run the dry run first; a file is imported once."))
        locked.status = PledgeImport.Status.QUEUED
        locked.done = 0
        locked.save(update_fields=["status", "done"])
        transaction.on_commit(partial(run_pledge_import.enqueue, import_id=locked.pk))
    return locked


def import_run(*, import_id: int) -> PledgeImport:
    """Check the rows again (the database may have changed since the dry run), showing
    progress, then load the good rows in one transaction."""
    pledge_import = PledgeImport.objects.select_related("by").get(pk=import_id)
    if pledge_import.status != PledgeImport.Status.QUEUED:
        return pledge_import
    PledgeImport.objects.filter(pk=import_id).update(status=PledgeImport.Status.RUNNING)
    try:
        _kind, rows = imports.read_file(bytes(pledge_import.content))
    except imports.ImportRefused as error:
        PledgeImport.objects.filter(pk=import_id).update(
            status=PledgeImport.Status.FAILED, message=str(error), finished_at=timezone.now()
        )
        return PledgeImport.objects.get(pk=import_id)
    checked = imports.check_rows(
        rows,
        pledge_import.mapping,
        imports.Lookups.load(),
        progress=lambda done: PledgeImport.objects.filter(pk=import_id).update(done=done),
    )
    try:
        return import_write(pledge_import, checked)
    except Exception as error:  # keep the page from waiting for ever; the task logs it
        PledgeImport.objects.filter(pk=import_id).update(
            status=PledgeImport.Status.FAILED,
            message=_("An unexpected error stopped it (%(error)s).")
            % {"error": type(error).__name__},
            finished_at=timezone.now(),
        )
        raise


def import_write(pledge_import: PledgeImport, checked: list) -> PledgeImport:
    with transaction.atomic():
        write(checked)
        pledge_import.status = PledgeImport.Status.DONE
        pledge_import.finished_at = timezone.now()
        pledge_import.report = [line_report(row, result) for row, result in checked]
        pledge_import.done = pledge_import.total = len(checked)
        count(pledge_import, pledge_import.report)
        pledge_import.save()
        record(
            obj=pledge_import,
            action="pledges.import",
            by=pledge_import.by,
            changes={
                key: [None, getattr(pledge_import, key)]
                for key in ("total", "created", "updated", "unchanged", "errors")
            },
        )
        tell(pledge_import)
        transaction.on_commit(public_cache.bump)
    return pledge_import


def write(checked) -> None:
    """Create and update pledges in bulk, then their links, then what matching ones match."""
    now = timezone.now()
    rows = [row for row, result in checked if result in ("created", "updated")]
    if not rows:
        return
    existing = Pledge.objects.in_bulk([row.external_id for row in rows], field_name="external_id")
    new, changed = [], []
    for row in rows:
        pledge = existing.get(row.external_id) or Pledge(
            external_id=row.external_id, imported_at=now
        )
        for key in COLUMNS:
            setattr(pledge, key, row.values[key])
        pledge.member_state_id = row.values["member_state"]
        pledge.stakeholder_group_id = row.values["stakeholder_group"]
        pledge.updated_at = now
        (changed if pledge.pk else new).append(pledge)
    Pledge.objects.bulk_create(new, batch_size=500)
    Pledge.objects.bulk_update(
        changed, [*COLUMNS, "member_state", "stakeholder_group", "updated_at"], batch_size=500
    )
    pks = Pledge.objects.in_bulk([row.external_id for row in rows], field_name="external_id")
    for name in M2M:
        through = getattr(Pledge, name).through
        target = Pledge._meta.get_field(name).m2m_reverse_field_name() + "_id"
        through.objects.filter(pledge_id__in=[p.pk for p in changed]).delete()
        through.objects.bulk_create(
            [
                through(pledge_id=pks[row.external_id].pk, **{target: pk})
                for row in rows
                for pk in row.values[name]
            ],
            batch_size=1000,
        )
    targets = Pledge.objects.in_bulk(
        [row.values["matches"] for row in rows if row.values["matches"]], field_name="external_id"
    )
    linked = []
    for row in rows:
        pledge = pks[row.external_id]
        target = targets.get(row.values["matches"])
        pledge.matches_id = target.pk if target else None
        linked.append(pledge)
    Pledge.objects.bulk_update(linked, ["matches"], batch_size=500)


def tell(pledge_import: PledgeImport) -> None:
    """The person who started a long import hears when it is done."""
    person = pledge_import.by
    if person is None or not person.email:
        return
    text = _(
        "The import of %(name)s is done: %(created)s created, %(updated)s updated, "
        "%(unchanged)s unchanged, %(errors)s not loaded because of errors."
    ) % {
        "name": pledge_import.file_name,
        "created": pledge_import.created,
        "updated": pledge_import.updated,
        "unchanged": pledge_import.unchanged,
        "errors": pledge_import.errors,
    }
    mail_queue(
        to=person.email,
        subject=_("Pledge import done: %(name)s") % {"name": pledge_import.file_name[:80]},
        text=text,
        key=f"pledges.import.{pledge_import.pk}",
    )
