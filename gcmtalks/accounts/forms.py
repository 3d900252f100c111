from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Organisation


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of your pages and mail"),
        choices=[
            ("", _("As my browser asks (English if it asks for none of them)")),
            *settings.LANGUAGES,
        ],  # fmt: skip
        required=False,
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_("What the token is for, e.g. 'calendar sync script'."),
    )


class OrganisationForm(forms.ModelForm):
    prefix = "organisation"  # the token form on the same page has a "name" too

    class Meta:
        model = Organisation
        fields = ["name", "type", "country", "website"]
        labels = {"name": _("Name of the organisation")}
        help_texts = {
            "name": _("Its full name, as it should appear on talks it organises."),
            "country": _("Where it is based; leave empty for a regional or global organisation."),
            "website": _("Optional, e.g. https://example.org"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("Choose a type")), *Organisation.Type.choices]
        self.fields["country"].empty_label = _("No single country")
