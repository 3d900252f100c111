from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import Access


class RecordingForm(forms.Form):
    """The link and who may see what; the service checks the rules (web address, the
    Chatham House Rule) and the view shows its reasons on these fields."""

    url = forms.CharField(
        label=_("Link to the recording"),
        max_length=500,
        help_text=_(
            "The video's address on UN Web TV, YouTube, Vimeo or another site. "
            "YouTube and Vimeo videos are shown in the talk's page; others as a link."
        ),
        widget=forms.URLInput,
    )
    access = forms.ChoiceField(
        label=_("Who may see the recording"), choices=Access.choices, widget=forms.RadioSelect
    )
    transcript_access = forms.ChoiceField(
        label=_("Who may read the transcripts"),
        choices=Access.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, talk, recording=None, **kwargs):
        if recording is not None:
            initial = {
                "url": recording.url,
                "access": recording.access,
                "transcript_access": recording.transcript_access,
            }
        else:
            level = Access.REGISTRANTS if talk.chatham_house else Access.PUBLIC
            initial = {"access": level, "transcript_access": level}
        super().__init__(*args, initial=initial, **kwargs)
        if talk.chatham_house:
            for name in ("access", "transcript_access"):
                self.fields[name].help_text = _(
                    "This talk is held under the Chatham House Rule: not public."
                )


class FileForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, prefix=kind, **kwargs)
        if kind == "captions":
            self.fields["language"].label = _("Language of the captions")
            self.fields["file"].label = _("Captions file (WebVTT .vtt or SRT .srt)")
            self.fields["file"].widget.attrs["accept"] = ".vtt,.srt,text/vtt"
        else:
            self.fields["language"].label = _("Language of the transcript")
            self.fields["file"].label = _("Transcript file (PDF or Word .docx)")
            self.fields["file"].widget.attrs["accept"] = ".pdf,.docx"
