"""What a statistic is about: a period, a region, a level, a series, a workstream, an objective.

The period counts the talks whose start falls on those days in Geneva time, the calendar's
home zone, whatever the talk's own zone: a talk at 23:30 in Geneva on 31 December counts in
that year even though it is already 1 January in UTC."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcmtalks.core.models import Objective, Region
from gcmtalks.core.timezones import zone
from gcmtalks.talks.forms import ChoiceByField
from gcmtalks.talks.models import Organiser, Series, Talk

FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class Filters:
    start: date | None = None
    end: date | None = None
    region: Region | None = None
    level: str = ""  # "" or a Talk.Level value
    series: Series | None = None
    workstream: Organiser | None = None  # any organiser: a workstream or a regional network
    objective: Objective | None = None

    @property
    def is_empty(self) -> bool:
        return not self.query()

    def period(self) -> tuple[datetime | None, datetime | None]:
        """The first moment of the period and the first moment after it (aware datetimes),
        for `start__gte` and `start__lt`."""
        home = zone(settings.CALENDAR_TIME_ZONE)
        since = datetime.combine(self.start, time(), tzinfo=home) if self.start else None
        until = (
            datetime.combine(self.end + timedelta(days=1), time(), tzinfo=home)
            if self.end
            else None
        )
        return since, until

    def describe(self) -> str:
        """One translated line, e.g. "Africa, Regional, 2025-01-01 to 2025-12-31"."""
        parts = []
        if self.region:
            parts.append(self.region.name)
        if self.level:
            parts.append(str(Talk.Level(self.level).label))
        if self.series:
            parts.append(self.series.title)
        if self.workstream:
            parts.append(self.workstream.name)
        if self.objective:
            parts.append(_("Objective %(objective)s") % {"objective": self.objective})
        period = self.describe_period()
        if period:
            parts.append(period)
        return ", ".join(parts) if parts else _("All talks")

    def describe_period(self) -> str:
        # ISO dates: the same in every language, and unambiguous.
        start = self.start.isoformat() if self.start else ""
        end = self.end.isoformat() if self.end else ""
        if start and end:
            return _("%(start)s to %(end)s") % {"start": start, "end": end}
        if start:
            return _("from %(start)s") % {"start": start}
        if end:
            return _("until %(end)s") % {"end": end}
        return ""

    def query(self) -> dict[str, str]:
        """The GET parameters that FilterForm turns back into these filters."""
        values = {
            "start": self.start.isoformat() if self.start else "",
            "end": self.end.isoformat() if self.end else "",
            "region": self.region.slug if self.region else "",
            "level": self.level,
            "series": self.series.slug if self.series else "",
            "workstream": self.workstream.slug if self.workstream else "",
            "objective": str(self.objective.number) if self.objective else "",
        }
        return {name: value for name, value in values.items() if value}


def _choice(queryset, to_field_name, label, message):
    return ChoiceByField(
        queryset,
        to_field_name=to_field_name,
        label=label,
        error_messages={"invalid_choice": message},
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def year_field(help_text="") -> forms.IntegerField:
    return forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=help_text,
        error_messages={
            "invalid": gettext_lazy("Enter a year such as 2025."),
            "min_value": gettext_lazy("Choose a year between 2000 and 2100."),
            "max_value": gettext_lazy("Choose a year between 2000 and 2100."),
        },
    )


class PeriodForm(forms.Form):
    """A year, or the first and last days (a year fills in whichever is left empty); a period
    that ends before it starts is refused."""

    year = year_field(gettext_lazy("The whole calendar year, unless you give the days below."))
    start = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": gettext_lazy("Enter a date such as 2025-01-31.")},
    )
    end = forms.DateField(
        label=gettext_lazy("Until"),
        required=False,
        widget=DateInput(),
        help_text=gettext_lazy("Talks starting on these days, in Geneva time."),
        error_messages={"invalid": gettext_lazy("Enter a date such as 2025-12-31.")},
    )

    def clean(self):
        data = super().clean()
        year = data.get("year")
        if year:
            if not data.get("start") and "start" not in self.errors:
                data["start"] = date(year, 1, 1)
            if not data.get("end") and "end" not in self.errors:
                data["end"] = date(year, 12, 31)
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        return data


class FilterForm(PeriodForm):
    """The filters, read from the query string (GET); every field may be left empty, and a
    bad value becomes a field error, never a 500."""

    region = _choice(
        Region.objects.all(),
        "slug",
        gettext_lazy("Region"),
        gettext_lazy("Choose a region from the list."),
    )
    level = forms.ChoiceField(
        label=gettext_lazy("Level"),
        required=False,
        choices=[("", gettext_lazy("Any level")), *Talk.Level.choices],
        error_messages={"invalid_choice": gettext_lazy("Choose a level from the list.")},
    )
    series = _choice(
        Series.objects.all(),
        "slug",
        gettext_lazy("Series"),
        gettext_lazy("Choose a series from the list."),
    )
    workstream = _choice(
        Organiser.objects.all(),
        "slug",
        gettext_lazy("Workstream or regional network"),
        gettext_lazy("Choose a workstream or regional network from the list."),
    )
    objective = _choice(
        Objective.objects.all(),
        "number",
        gettext_lazy("GCM objective"),
        gettext_lazy("Choose a GCM objective from the list (1 to 23)."),
    )

    def filters(self) -> Filters:
        """The filters asked for (call after is_valid(); a field in error is left out)."""
        data = getattr(self, "cleaned_data", {})
        return Filters(
            start=data.get("start"),
            end=data.get("end"),
            region=data.get("region"),
            level=data.get("level") or "",
            series=data.get("series"),
            workstream=data.get("workstream"),
            objective=data.get("objective"),
        )
