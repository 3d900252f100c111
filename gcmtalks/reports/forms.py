from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import SECTIONS, ReportText

# Long enough for any section; a limit keeps a pasted book out of the PDF.
MAX_SECTION = 20_000


class ReportTextForm(forms.ModelForm):
    """The sections of the report in one language."""

    class Meta:
        model = ReportText
        fields = list(SECTIONS)
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in SECTIONS}

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators.append(MaxLengthValidator(MAX_SECTION))
            field.widget.attrs["lang"] = language
            field.widget.attrs["dir"] = "auto"

    def clean(self):
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in SECTIONS):
            raise forms.ValidationError(_("Write at least one section."))
        return data


class JustificationForm(forms.Form):
    """Why a name the Chatham House check found may stay in the report."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=300)
    reason = forms.CharField(
        label=gettext_lazy("Why may this name stay in the report?"),
        help_text=gettext_lazy(
            "For example: it is the name of the organiser, or the person agreed to be named. "
            "The reason is kept in the report's history with your name."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Give the reason the name may stay.")},
    )
