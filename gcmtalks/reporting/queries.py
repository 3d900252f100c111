"""Reads of the reporting app: the tables a file or page holds, and the packs a person sees."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from . import coverage, figures
from .filters import Filters
from .models import Pack
from .tables import Table

RECENT_PACKS = 50


def coverage_tables(by_region, by_year) -> list[Table]:
    return [
        *coverage.as_tables(by_region, _("GCM objectives by region")),
        *coverage.as_tables(by_year, _("GCM objectives by year")),
    ]


def export_tables(filters: Filters) -> list[Table]:
    """Every table of the statistics page, the coverage matrices included, in page order."""
    return [
        *figures.tables(filters),
        *coverage_tables(coverage.by_region(filters), coverage.by_year(filters)),
    ]


def packs_for(user) -> QuerySet[Pack]:
    """The packs a person may see and download: their own; every pack for the secretariat."""
    packs = Pack.objects.select_related("region", "created_by")
    if not user.has_perm("reporting.see_all_packs"):
        packs = packs.filter(created_by=user)
    return packs.order_by("-created_at", "-id")
