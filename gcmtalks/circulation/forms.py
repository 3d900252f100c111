from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import Language, Objective, Region
from gcmtalks.talks.forms import ChoiceByField, MultipleByField
from gcmtalks.talks.models import Organiser

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def no_line_breaks(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise forms.ValidationError(_("Write this on one line."), code="line_break")
    return value


class ChoicesForm(forms.Form):
    """What a subscriber receives: every kind of choice left empty means all talks."""

    regions = MultipleByField(
        Region.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Regions"),
        help_text=_("Talks in any of these regions. None chosen: all talks, global ones too."),
        widget=forms.CheckboxSelectMultiple,
    )
    organisers = MultipleByField(
        Organiser.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Workstreams and organisers"),
        help_text=_("Talks organised by any of these. None chosen: all organisers."),
        widget=forms.CheckboxSelectMultiple,
    )
    languages = MultipleByField(
        Language.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Interpretation languages"),
        help_text=_("Talks interpreted into any of these. None chosen: any language."),
        widget=forms.CheckboxSelectMultiple,
    )
    objectives = MultipleByField(
        Objective.objects.all(),
        to_field_name="number",
        required=False,
        label=_("Topics: GCM objectives"),
        help_text=_("Talks on any of these objectives. None chosen: all topics."),
        widget=forms.CheckboxSelectMultiple,
    )
    weekly_digest = forms.BooleanField(
        required=False, initial=True, label=_("A weekly digest of new and changed talks")
    )
    announcements = forms.BooleanField(
        required=False, label=_("Tell me at once when a talk is published")
    )

    def clean(self):
        data = super().clean()
        if not data.get("weekly_digest") and not data.get("announcements"):
            raise forms.ValidationError(
                _("Choose the weekly digest, the announcements of new talks, or both."),
                code="nothing_chosen",
            )
        return data

    def choices(self) -> dict:
        names = ("regions", "organisers", "languages", "objectives", "weekly_digest",
                 "announcements", "language")  # fmt: skip
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["email"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ChangeForm(ChoicesForm):
    language = forms.ChoiceField(label=_("Language of the mails"), choices=settings.LANGUAGES)
    field_order = ["language"]


class ContactForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        validators=[no_line_breaks],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("The secretariat answers you here; you get a copy of your message."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    subject = forms.CharField(label=_("Subject"), max_length=200, validators=[no_line_breaks])
    message = forms.CharField(
        label=_("Message"),
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."), code="honeypot")
        return ""


class WidgetForm(forms.Form):
    """The widget's filters, as partners write them in their snippet."""

    region = ChoiceByField(
        Region.objects.all(),
        to_field_name="slug",
        label=_("Region"),
        empty_label=_("All regions"),
        error_messages={"invalid_choice": _("There is no region “%(value)s”.")},
    )
    workstream = ChoiceByField(
        Organiser.objects.all(),
        to_field_name="slug",
        label=_("Workstream or organiser"),
        empty_label=_("All organisers"),
        error_messages={"invalid_choice": _("There is no workstream or organiser “%(value)s”.")},
    )
    lang = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("The visitor's language")), *settings.LANGUAGES],
        error_messages={
            "invalid_choice": _("“%(value)s” is not one of the languages of GCM Talks.")
        },
    )
