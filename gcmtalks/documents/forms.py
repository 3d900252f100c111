from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import Access
from gcmtalks.talks.models import Talk

from .models import Document
from .uploads import ACCEPTED, OFFICE, PDF, check_document_file

TEXT_MAX_LENGTH = 100_000
# A hint for the browser's file picker; the server checks the content anyway.
ACCEPT = ",".join([".pdf", ".docx", ".pptx", ".xlsx", PDF, *(t for _e, t in OFFICE.values())])


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["kind", "title", "access"]
        help_texts = {
            "title": _("Leave it empty to use the kind, e.g. “Concept note”."),
            "access": _("Who may open it from the talk page once it is published."),
        }

    def __init__(self, *args, talk: Talk, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            members_only = talk.audience == Talk.Audience.MEMBER_STATES
            self.initial.setdefault(
                "access", Access.MEMBER_STATES if members_only else Access.PUBLIC
            )


class VersionForm(forms.Form):
    """The document in one language: a file or a text, exactly one of them."""

    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("A version already there in this language is replaced."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        allow_empty_file=True,  # check_document_file says so in its own words
        max_length=255,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    text = forms.CharField(
        label=_("Or a text"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Instead of a file: the text itself, shown as a web page."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(accepted)s; at most %(limit)s.") % {
            "accepted": ACCEPTED,
            "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_document_file(upload)
        return upload

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if "file" in self.errors:
            return data
        if upload and text:
            raise forms.ValidationError(_("Give either a file or a text, not both."))
        if not upload and not text:
            raise forms.ValidationError(_("Give a file or a text."))
        return data
