"""The secretariat's pages for pledges: the list with the imports' history, and an import in
steps (upload, column mapping, dry run, import with its progress, result)."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gcmtalks.talks.access import workspace_view
from gcmtalks.talks.roles import roles_of
from gcmtalks.talks.workspace_queries import moment

from . import queries
from .forms import MappingForm, UploadForm
from .imports import ImportRefused
from .models import PledgeImport
from .services import ImportNotAllowed, import_dry_run, import_queue, import_upload


def secretariat_view(view):
    @workspace_view
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not roles_of(request.user).secretariat:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def refused(request, error: Exception) -> None:
    messages.error(request, _("Nothing was changed. %(error)s") % {"error": error})


@require_GET
@secretariat_view
def pledge_list(request):
    page = Paginator(queries.pledges_for_workspace(), 50).get_page(request.GET.get("page"))
    history = [(item, moment(item.created_at)) for item in queries.import_history()]
    context = {"page": page, "counts": queries.pledge_counts(), "history": history}
    return render(request, "pledges/workspace/list.html", context)


@require_http_methods(["GET", "POST"])
@secretariat_view
def import_new(request):
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            pledge_import = import_upload(name=upload.name, data=upload.read(), by=request.user)
        except ImportRefused as error:
            form.add_error("file", str(error))
        else:
            return redirect("pledges_workspace:import", pk=pledge_import.pk)
    return render(request, "pledges/workspace/upload.html", {"form": form})


def detail_context(pledge_import: PledgeImport, form=None) -> dict:
    report = pledge_import.report or []
    return {
        "item": pledge_import,
        "form": form or MappingForm(header=pledge_import.header, mapping=pledge_import.mapping),
        "errors": [line for line in report if line["result"] == "error"],
        "changes": [line for line in report if line["result"] in ("created", "updated")][:200],
        "working": pledge_import.status
        in (PledgeImport.Status.QUEUED, PledgeImport.Status.RUNNING),
        "percent": round(100 * pledge_import.done / pledge_import.total)
        if pledge_import.total
        else 0,
    }


@require_GET
@secretariat_view
def import_detail(request, pk: int):
    pledge_import = get_object_or_404(PledgeImport, pk=pk)
    return render(request, "pledges/workspace/import.html", detail_context(pledge_import))


@require_GET
@secretariat_view
def import_progress(request, pk: int):
    pledge_import = get_object_or_404(PledgeImport.objects.defer("content"), pk=pk)
    return render(request, "pledges/workspace/import.html#progress", detail_context(pledge_import))


@require_POST
@secretariat_view
def import_check(request, pk: int):
    pledge_import = get_object_or_404(PledgeImport, pk=pk)
    form = MappingForm(request.POST, header=pledge_import.header, mapping=pledge_import.mapping)
    if form.is_valid():
        try:
            import_dry_run(pledge_import=pledge_import, mapping=form.mapping(), by=request.user)
        except (ImportNotAllowed, ImportRefused) as error:
            refused(request, error)
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The dry run is done: nothing has been imported yet."))
            return redirect("pledges_workspace:import", pk=pk)
    return render(
        request, "pledges/workspace/import.html", detail_context(pledge_import, form), status=400
    )


@require_POST
@secretariat_view
def import_start(request, pk: int):
    pledge_import = get_object_or_404(PledgeImport, pk=pk)
    try:
        import_queue(pledge_import=pledge_import, by=request.user)
    except ImportNotAllowed as error:
        refused(request, error)
    else:
        messages.success(request, _("The import has started."))
    return redirect("pledges_workspace:import", pk=pk)
