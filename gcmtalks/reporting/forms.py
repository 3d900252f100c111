"""The form that asks for a reporting pack. The statistics' filters are filters.FilterForm."""

from datetime import date

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import Region
from gcmtalks.talks.forms import ChoiceByField

from .filters import Filters, PeriodForm, year_field
from .models import Pack


class PackForm(PeriodForm):
    field_order = ["kind", "region", "year", "start", "end", "language"]

    kind = forms.ChoiceField(
        label=_("Pack"),
        choices=Pack.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a regional or a global pack."),
            "invalid_choice": _("Choose a regional or a global pack."),
        },
    )
    region = ChoiceByField(
        Region.objects.all(),
        to_field_name="slug",
        label=_("Region"),
        help_text=_("For a regional pack."),
        empty_label=_("Choose a region"),
        error_messages={"invalid_choice": _("Choose a region from the list.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the pack"),
        choices=settings.LANGUAGES,
        error_messages={
            "required": _("Choose the pack's language."),
            "invalid_choice": _("Choose one of the six UN languages."),
        },
    )

    def __init__(self, *args, **kwargs):
        # On the statistics page beside the filters, which have a year, dates and a region too.
        kwargs.setdefault("auto_id", "pack_%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        regional = data.get("kind") == Pack.Kind.REGIONAL
        if regional and not data.get("region") and "region" not in self.errors:
            self.add_error("region", _("Choose the region of a regional pack."))
        if data.get("kind") == Pack.Kind.GLOBAL:
            data["region"] = None
        self.clean_period(data)
        return data

    def clean_period(self, data: dict) -> None:
        """A pack needs a whole period (PeriodForm.clean has filled it in from the year)."""
        if {"year", "start", "end"} & set(self.errors):
            return
        if not data.get("start") or not data.get("end"):
            self.add_error("year", _("Give a year, or the first and last days of the period."))


class YearForm(forms.Form):
    """The public figures' only filter: a year (none: every year)."""

    year = year_field()

    def filters(self) -> Filters:
        year = self.cleaned_data.get("year")
        if not year:
            return Filters()
        return Filters(start=date(year, 1, 1), end=date(year, 12, 31))
