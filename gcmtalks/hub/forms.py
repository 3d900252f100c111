from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms import inlineformset_factory
from django.template.defaultfilters import filesizeformat
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import (
    Country,
    GuidingPrinciple,
    Language,
    Objective,
    Region,
    StakeholderGroup,
)
from gcmtalks.documents.forms import ACCEPT
from gcmtalks.documents.uploads import ACCEPTED, check_document_file
from gcmtalks.talks.forms import ChoiceByField, MultipleByField
from gcmtalks.talks.models import Talk

from .models import Practice, PracticeLink, Review


def ticks(field: forms.Field) -> forms.Field:
    field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
    return field


def public_talks():
    return Talk.objects.exclude(status=Talk.Status.DRAFT).order_by("-start")


class PracticeForm(forms.ModelForm):
    """A good practice; a draft may be incomplete, submission checks the rest."""

    objectives = ticks(MultipleByField(
        Objective.objects.all(), to_field_name="number", label=_("GCM objectives")))  # fmt: skip
    principles = ticks(MultipleByField(
        GuidingPrinciple.objects.all(), to_field_name="letter", label=_("Guiding principles")))  # fmt: skip
    regions = ticks(MultipleByField(Region.objects.all(), to_field_name="slug", label=_("Regions")))
    countries = MultipleByField(
        Country.objects.all(), to_field_name="code", label=_("Countries"),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )  # fmt: skip
    stakeholder_groups = ticks(MultipleByField(
        StakeholderGroup.objects.all(), to_field_name="slug",
        label=_("Stakeholder groups involved")))  # fmt: skip
    languages = ticks(MultipleByField(
        Language.objects.filter(is_un_official=True), to_field_name="code",
        label=_("Languages of the practice's material")))  # fmt: skip
    talks = MultipleByField(public_talks(), to_field_name="slug", label=_("Presented at"))

    class Meta:
        model = Practice
        fields = [
            "language", "title", "summary", "description", "key_takeaway", "objectives",
            "principles",
            "regions", "countries", "implementing_organisations", "stakeholder_groups",
            "period_start", "period_end", "languages", "talks",
            "on_behalf_of_name", "on_behalf_of_organisation",
        ]  # fmt: skip
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organiser: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not organiser:  # only organisers record a practice on a presenter's behalf
            del self.fields["on_behalf_of_name"]
            del self.fields["on_behalf_of_organisation"]
        for name in ("period_start", "period_end"):
            self.fields[name].widget.attrs.update(min=1950, max=2100)
        if not self.instance.pk:
            self.initial.setdefault("language", get_language() or settings.LANGUAGE_CODE)
        self.fields["language"].required = False  # left out, it stays as it is

    def clean_language(self):
        return self.cleaned_data["language"] or self.initial["language"]

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the practice a title."), code="required")
        return title

    def clean(self):
        data = super().clean()
        for name in ("period_start", "period_end"):
            year = data.get(name)
            if year is not None and not 1950 <= year <= 2100:
                self.add_error(name, _("Give a year between 1950 and 2100."))
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end after it starts."))
        return data


class TextsForm(forms.Form):
    """The title and summary in the other UN languages; a language left empty shows the English
    text (else the original) with a note saying so."""

    def __init__(self, *args, practice: Practice, written_in: str = "", **kwargs):
        kwargs.setdefault("prefix", "texts")
        super().__init__(*args, **kwargs)
        self.written_in = written_in or practice.language
        existing = {text.language: text for text in practice.texts.all()} if practice.pk else {}
        for code, name in settings.LANGUAGES:
            if code == self.written_in:
                continue
            text = existing.get(code)
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name},
                max_length=200, required=False, initial=text.title if text else "",
            )  # fmt: skip
            self.fields[f"summary_{code}"] = forms.CharField(
                label=_("Summary in %(language)s") % {"language": name},
                max_length=1000, required=False, initial=text.summary if text else "",
                widget=forms.Textarea(attrs={"rows": 3}),
            )  # fmt: skip
            self.fields[f"title_{code}"].widget.attrs["lang"] = code
            self.fields[f"summary_{code}"].widget.attrs["lang"] = code

    def clean(self):
        data = super().clean()
        for code, _name in settings.LANGUAGES:
            title, summary = data.get(f"title_{code}", ""), data.get(f"summary_{code}", "")
            if summary.strip() and not title.strip():
                self.add_error(f"title_{code}", _("Give the title in this language too."))
        return data

    def texts(self) -> dict[str, tuple[str, str]]:
        """{language: (title, summary)} for the languages given; call after is_valid()."""
        return {
            code: (title.strip(), self.cleaned_data.get(f"summary_{code}", "").strip())
            for code, _name in settings.LANGUAGES
            if (title := self.cleaned_data.get(f"title_{code}", "")).strip()
        }


class LinkForm(forms.ModelForm):
    url = forms.URLField(label=_("Address"), max_length=500, assume_scheme="https")

    class Meta:
        model = PracticeLink
        fields = ["label", "url"]


LinkFormSet = inlineformset_factory(
    Practice, PracticeLink, form=LinkForm, extra=2, max_num=10, can_delete=True
)


class DocumentForm(forms.Form):
    """A file to attach to a practice, with its title; the file is checked by its content."""

    title = forms.CharField(
        label=_("Title"), max_length=200,
        help_text=_("What it is, e.g. “Evaluation report, 2023”."),
        error_messages={"required": _("Give the document a title.")},
    )  # fmt: skip
    file = forms.FileField(
        label=_("File"), max_length=255,
        allow_empty_file=True,  # check_document_file says so in its own words
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("Choose a file.")},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(accepted)s; at most %(limit)s.") % {
            "accepted": ACCEPTED,
            "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_document_file(upload)
        return upload


class FilterForm(forms.Form):
    """The public list's filters, all optional, read from the query string."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    objective = ChoiceByField(
        Objective.objects.all(), to_field_name="number", label=_("GCM objective"),
        empty_label=_("All objectives"),
    )  # fmt: skip
    principle = ChoiceByField(
        GuidingPrinciple.objects.all(), to_field_name="letter", label=_("Guiding principle"),
        empty_label=_("All principles"),
    )  # fmt: skip
    region = ChoiceByField(Region.objects.all(), to_field_name="slug", label=_("Region"),
                           empty_label=_("All regions"))  # fmt: skip
    country = ChoiceByField(Country.objects.all(), to_field_name="code", label=_("Country"),
                            empty_label=_("All countries"))  # fmt: skip
    stakeholder_group = ChoiceByField(
        StakeholderGroup.objects.all(), to_field_name="slug", label=_("Stakeholder group"),
        empty_label=_("All stakeholder groups"),
    )  # fmt: skip
    language = ChoiceByField(
        Language.objects.filter(is_un_official=True), to_field_name="code",
        label=_("Language"), empty_label=_("All languages"),
    )  # fmt: skip
    talk = ChoiceByField(public_talks(), to_field_name="slug", label=_("Presented at"),
                         empty_label=_("All talks"))  # fmt: skip


class DecisionForm(forms.Form):
    prefix = "decision"
    reason = forms.CharField(
        label=_("Reason, sent to the submitter"), max_length=2000, widget=forms.Textarea
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for the decision."), code="required")
        return reason


def possible_reviewers():
    """The secretariat's people and the members of organisers (workstreams and others)."""
    return (
        get_user_model()
        .objects.filter(Q(is_staff=True) | Q(organiser_roles__isnull=False), is_active=True)
        .distinct()
        .order_by("username")
    )


class AssignForm(forms.Form):
    prefix = "assign"
    reviewer = forms.ModelChoiceField(possible_reviewers(), label=_("Reviewer"))
    is_un = forms.TypedChoiceField(
        label=_("Reviews as"),
        choices=[("1", _("UN reviewer")), ("0", _("Non-UN reviewer"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} <{user.email}>"
        )


class ConflictForm(forms.Form):
    prefix = "conflict"
    declared = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this practice?"),
        choices=[("0", _("No")), ("1", _("Yes"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("If yes, describe it"), max_length=1000, required=False, widget=forms.Textarea
    )

    def clean(self):
        data = super().clean()
        if data.get("declared") and not data.get("text", "").strip():
            self.add_error("text", _("Describe the conflict of interest."))
        return data


class ReviewForm(forms.ModelForm):
    prefix = "review"

    class Meta:
        model = Review
        fields = [*Review.CRITERIA, "recommendation", "comments"]
        widgets = {name: forms.RadioSelect for name in [*Review.CRITERIA, "recommendation"]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in [*Review.CRITERIA, "recommendation"]:
            self.fields[name].required = True
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
