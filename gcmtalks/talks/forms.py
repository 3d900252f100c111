from datetime import date, datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from gcmtalks.core.models import Country, GuidingPrinciple, Language, Objective, Region
from gcmtalks.core.timezones import default_end, local_range, to_utc, validate_timezone

from .models import DEFAULT_DURATION_MINUTES, Organiser, Series, Talk


def impossible_key(field, value) -> bool:
    """Whether no row can have `value` in the field's column: a number beyond the column's
    range. The database answers that with an error, not with no row, so it is refused before
    the query (found by the fuzz suite).
    """
    if value in field.empty_values or isinstance(value, (list, tuple)):
        return False
    column = field.queryset.model._meta.get_field(field.to_field_name)
    try:
        column.run_validators(column.to_python(value))
    except ValidationError:
        return True
    return False


# A NUL byte gets its own message ("Null characters are not allowed."), before the key check.
no_null_characters = ProhibitNullCharactersValidator()


class ChoiceByField(forms.ModelChoiceField):
    """A choice named by a stable code (slug, ISO code) rather than a database id."""

    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not one of the known values."),
    }

    def __init__(self, queryset, *, to_field_name, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset, to_field_name=to_field_name, **kwargs)

    def __deepcopy__(self, memo):
        # As Django's, but each form shares the queryset instead of copying it: forms only
        # read it (get, iterator), which never fills its cache. The copies were a tenth of
        # the time of a registration.
        result = forms.Field.__deepcopy__(self, memo)
        result.widget.choices = result.choices
        return result

    def to_python(self, value):
        no_null_characters(value)
        if impossible_key(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value})  # fmt: skip
        return super().to_python(value)


class MultipleByField(forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not one of the known values."),
        "invalid_pk_value": _("“%(pk)s” is not one of the known values."),
    }

    def __init__(self, queryset, *, to_field_name, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset, to_field_name=to_field_name, **kwargs)

    def _check_values(self, value):
        for each in value:
            no_null_characters(each)
            if impossible_key(self, each):
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": each})  # fmt: skip
        return super()._check_values(value)


def month_value(value: str) -> date:
    """The first day of a month given as YYYY-MM, between 2000 and 2100."""
    try:
        month = datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        month = None
    if month is None or not 2000 <= month.year <= 2100:
        raise forms.ValidationError(
            _("Give a month as YYYY-MM between 2000 and 2100, e.g. 2023-05."), code="invalid"
        )
    return month


class TalkFilterForm(forms.Form):
    """The calendar's filters: the same names on the page, in feeds and in the API."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False, strip=True)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    level = forms.ChoiceField(
        label=_("Level"), choices=[("", _("All levels")), *Talk.Level.choices], required=False
    )
    region = ChoiceByField(
        Region.objects.all(), to_field_name="slug", label=_("Region"), empty_label=_("All regions")
    )
    series = ChoiceByField(
        Series.objects.all(), to_field_name="slug", label=_("Series"), empty_label=_("All series")
    )
    workstream = ChoiceByField(
        Organiser.objects.all(),
        to_field_name="slug",
        label=_("Organiser"),
        empty_label=_("All organisers"),
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("All formats")), *Talk.Format.choices], required=False
    )
    language = ChoiceByField(
        Language.objects.all(),
        to_field_name="code",
        label=_("Interpretation"),
        empty_label=_("Any language"),
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=[("", _("All audiences")), *Talk.Audience.choices],
        required=False,
    )
    objective = ChoiceByField(
        Objective.objects.all(),
        to_field_name="number",
        label=_("GCM objective"),
        empty_label=_("All objectives"),
    )

    FILTERS = ("q", "year", "level", "region", "series", "workstream", "format", "language",
               "audience", "objective")  # fmt: skip

    def __init__(self, data=None, **kwargs):
        # Only the filters' own names are read, so links may carry other parameters.
        if data is not None:
            data = {
                name: data.get(name) for name in self.FILTERS if data.get(name) not in (None, "")
            }
        super().__init__(data, **kwargs)

    def active(self) -> dict:
        """The valid, non-empty filters."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            k: v
            for k, v in getattr(self, "cleaned_data", {}).items()
            if k not in self.errors and v not in (None, "")
        }

    def error_list(self) -> list[tuple[str, str]]:
        """[(parameter, message)] for every value that was not understood."""
        if not self.is_bound:
            return []
        return [(name, str(errors[0])) for name, errors in self.errors.items()]


class LocalDateTimeField(forms.DateTimeField):
    """Keeps a naive time naive, so the form can read it in the talk's own zone."""

    input_formats = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S"]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError(
                _(
                    "Give a date and time as YYYY-MM-DD HH:MM (in the talk's time zone) or ISO 8601."
                ),
                code="invalid",
            ) from None

    def prepare_value(self, value):
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        return value


# The title and summary in the other UN languages (modeltranslation's fields); left empty,
# the English text is shown with a note saying so.
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
TRANSLATIONS = {  # field name: (the English field, language code)
    build_localized_fieldname(name, code): (name, code)
    for code in OTHER_LANGUAGES
    for name in ("title", "summary")
}


class TalkForm(forms.ModelForm):
    """Every way of writing a talk (admin, API) validates through this form."""

    start = LocalDateTimeField(
        label=_("Start"), help_text=_("Local time in the talk's time zone, e.g. 2023-02-27 15:00.")
    )
    end = LocalDateTimeField(
        label=_("End"),
        required=False,
        help_text=_("Leave empty for the usual %(minutes)s minutes.")
        % {"minutes": DEFAULT_DURATION_MINUTES},
    )
    slug = forms.SlugField(
        label=_("Slug"),
        max_length=120,
        required=False,
        help_text=_("The talk's address; made from the title when left empty."),
    )
    timezone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        initial="Europe/Zurich",
        validators=[validate_timezone],
        help_text=_("IANA name, e.g. Europe/Zurich, Asia/Baku, Africa/Cairo."),
    )
    regions = MultipleByField(Region.objects.all(), to_field_name="slug", label=_("Regions"))
    country = ChoiceByField(Country.objects.all(), to_field_name="code", label=_("Country"))
    series = ChoiceByField(Series.objects.all(), to_field_name="slug", label=_("Series"))
    organisers = MultipleByField(
        Organiser.objects.all(), to_field_name="slug", label=_("Organisers")
    )
    interpretation_languages = MultipleByField(
        Language.objects.all(), to_field_name="code", label=_("Interpretation")
    )
    objectives = MultipleByField(
        Objective.objects.all(), to_field_name="number", label=_("GCM objectives")
    )
    principles = MultipleByField(
        GuidingPrinciple.objects.all(), to_field_name="letter", label=_("Guiding principles")
    )

    class Meta:
        model = Talk
        fields = [
            "title", "slug", "summary", "status", "level", "regions", "country", "series",
            "organisers", "format", "venue", "city", "start", "end", "timezone",
            "interpretation_languages", "audience", "chatham_house", "objectives", "principles",
            "registration_mode", "registration_url", "info_url", "report_url", "practices_url",
            *TRANSLATIONS,
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        talk = self.instance
        # A foreign key's initial value is its id, but these fields choose by code.
        if talk.country_id:
            self.initial["country"] = talk.country.code
        if talk.series_id:
            self.initial["series"] = talk.series.slug
        if talk.pk and talk.start:
            local = local_range(talk.start, talk.end, talk.timezone)
            self.initial["start"] = local["start"].replace(tzinfo=None)
            self.initial["end"] = local["end"].replace(tzinfo=None)

    def clean(self):
        data = super().clean()
        tzname = data.get("timezone")
        start, end = data.get("start"), data.get("end")
        if tzname and start:
            if start.tzinfo is None:
                data["start"] = start = to_utc(start, tzname)
            if end is None:
                data["end"] = end = default_end(start, DEFAULT_DURATION_MINUTES)
            elif end.tzinfo is None:
                data["end"] = end = to_utc(end, tzname)
            if end <= start:
                self.add_error("end", _("The end must be after the start."))
        self.check_place(data)
        if data.get("level") == Talk.Level.REGIONAL and not data.get("regions"):
            self.add_error("regions", _("A regional talk needs at least one region."))
        if data.get("level") == Talk.Level.NATIONAL and not data.get("country"):
            self.add_error("country", _("A national talk needs a country."))
        if data.get("registration_mode") == Talk.Registration.EXTERNAL and not data.get(
            "registration_url"
        ):
            self.add_error(
                "registration_url", _("Give the link where people register for this talk.")
            )
        if (
            not self.instance.pk
            and "chatham_house" not in self.data
            and data.get("audience") == Talk.Audience.MEMBER_STATES
        ):
            data["chatham_house"] = True
        title = data.get("title") or data.get("title_en")  # the admin edits title_en
        if not data.get("slug") and title and start:
            data["slug"] = self.unused_slug(f"{slugify(title)[:100]}-{start:%Y}")
        return data

    def check_place(self, data):
        if data.get("format") in (Talk.Format.IN_PERSON, Talk.Format.HYBRID):
            for field in ("venue", "city"):
                if not data.get(field):
                    self.add_error(field, _("In-person and hybrid talks need a venue and a city."))

    def unused_slug(self, base: str) -> str:
        base = base.strip("-") or "talk"
        taken = set(
            Talk.objects.filter(slug__startswith=base)
            .exclude(pk=self.instance.pk)
            .values_list("slug", flat=True)
        )
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def _post_clean(self):
        # The model validates slug uniqueness; a generated slug is set on the instance here.
        if self.cleaned_data.get("slug"):
            self.instance.slug = self.cleaned_data["slug"]
        super()._post_clean()
