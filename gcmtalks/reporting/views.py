"""The organisers' statistics page with its exports and reporting packs, and the public
figures page."""

from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from gcmtalks.core.middleware import cache_publicly
from gcmtalks.core.models import Region
from gcmtalks.documents.downloads import download_headers, file_download
from gcmtalks.talks.access import workspace_view
from gcmtalks.talks.roles import roles_of

from . import coverage, exports, figures, queries
from . import packs as packs_module
from .filters import FilterForm, Filters
from .forms import PackForm, YearForm
from .models import Pack
from .rules import pack_regions
from .services import PackNotAllowed, pack_request

RECENT_ON_STATISTICS = 5


def statistics_view(view):
    """The workspace's door (signed in, an organiser, two factors), then the permission."""

    @workspace_view
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("reporting.view_statistics"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def read_filters(request) -> tuple[FilterForm, Filters | None]:
    """The filters of the query string, or None when one of them is wrong."""
    form = FilterForm(request.GET)
    return form, (form.filters() if form.is_valid() else None)


def pack_initial(filters: Filters | None) -> dict:
    """The pack form starts from the statistics' filters: their region and period."""
    initial = {"language": get_language(), "year": timezone.localdate().year}
    if filters is None:
        return initial
    if filters.region:
        initial.update(kind=Pack.Kind.REGIONAL, region=filters.region.slug)
    if filters.start and filters.end:
        initial.update(start=filters.start, end=filters.end, year=None)
    return initial


def packs_context(request, pack_form: PackForm | None = None, *, limit: int | None = None):
    """The packs section: the form, the packs one may see, and whose packs one may ask for."""
    regions = pack_regions(request.user)
    packs = queries.packs_for(request.user)[: limit or queries.RECENT_PACKS]
    return {
        "pack_form": pack_form or PackForm(initial=pack_initial(None)),
        "packs": list(packs),
        "secretariat": roles_of(request.user).secretariat,
        # None: every region (the secretariat)
        "allowed_regions": None if regions is None else Region.objects.filter(pk__in=regions),
    }


@require_GET
@statistics_view
def statistics(request):
    form, filters = read_filters(request)
    context = {"form": form, "filters": filters}
    if filters is not None:
        by_region, by_year = coverage.by_region(filters), coverage.by_year(filters)
        context.update(
            description=filters.describe(),
            query=urlencode(filters.query()),
            headline=figures.headline(filters),
            tables=figures.tables(filters),
            coverages=[
                (_("GCM objectives by region"), "coverage-region", by_region),
                (_("GCM objectives by year"), "coverage-year", by_year),
            ],  # fmt: skip
            coverage_tables=queries.coverage_tables(by_region, by_year),
        )
    pack_form = PackForm(initial=pack_initial(filters))
    context.update(packs_context(request, pack_form, limit=RECENT_ON_STATISTICS))
    status = 200 if filters is not None else 400
    return render(request, "reporting/statistics.html", context, status=status)


def bad_filters(request, form: FilterForm):
    """An export asked with wrong filters: the page with the fields' errors."""
    context = {"form": form, "filters": None}
    context.update(packs_context(request, limit=RECENT_ON_STATISTICS))
    return render(request, "reporting/statistics.html", context, status=400)


@require_GET
@statistics_view
def export_xlsx(request):
    form, filters = read_filters(request)
    if filters is None:
        return bad_filters(request, form)
    return exports.xlsx_response(queries.export_tables(filters), filters.describe())


@require_GET
@statistics_view
def export_csv(request, key: str):
    form, filters = read_filters(request)
    if filters is None:
        return bad_filters(request, form)
    table = next((t for t in queries.export_tables(filters) if t.key == key), None)
    if table is None:
        raise Http404
    return exports.csv_response(table, filters.describe())


@require_http_methods(["GET", "HEAD", "POST"])
@statistics_view
def packs(request):
    if request.method != "POST":
        return render(request, "reporting/packs.html", packs_context(request))
    form = PackForm(request.POST)
    if not form.is_valid():
        return render(request, "reporting/packs.html", packs_context(request, form), status=400)
    data = form.cleaned_data
    try:
        pack = pack_request(
            kind=data["kind"],
            region=data["region"],
            start=data["start"],
            end=data["end"],
            language=data["language"],
            by=request.user,
        )
    except PackNotAllowed as error:
        context = packs_context(request, form)
        context["refused"] = str(error)
        return render(request, "reporting/packs.html", context, status=403)
    return redirect("reporting_workspace:pack", pk=pack.pk)


def pack_for(request, pk: int) -> Pack:
    """The pack, for its creator and the secretariat (403 for anyone else, 404 if none)."""
    pack = get_object_or_404(Pack.objects.select_related("region", "created_by"), pk=pk)
    if not request.user.has_perm("reporting.download_pack", pack):
        raise PermissionDenied
    return pack


@require_safe
@statistics_view
def pack_detail(request, pk: int):
    pack = pack_for(request, pk)
    template = "reporting/pack.html#progress" if request.htmx else "reporting/pack.html"
    return render(request, template, {"pack": pack})


@require_safe
@statistics_view
def pack_download(request, pk: int):
    pack = pack_for(request, pk)
    if pack.status != Pack.Status.DONE or not pack.file:
        raise Http404
    response = file_download(
        pack.file, filename=packs_module.file_name(pack), content_type="application/pdf"
    )
    return download_headers(response, public=False)


# The public page.


@require_safe
def public_figures(request):
    """Headline figures and the talks by GCM objective and year: aggregates only."""
    form = YearForm(request.GET)
    if not form.is_valid():
        return render(request, "reporting/figures.html", {"form": form}, status=400)
    filters = form.filters()
    by_year = coverage.by_year(filters)
    context = {
        "form": form,
        "filters": filters,
        "headline": figures.headline(filters),
        "coverage": by_year,
        "description": filters.describe(),
    }
    cache_publicly(request)
    return render(request, "reporting/figures.html", context)
