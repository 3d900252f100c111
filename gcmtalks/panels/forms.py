from django import forms
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import Gender
from gcmtalks.core.templatetags.bidi import isolate

from .models import AgendaItem, Speaker
from .services import agenda_problem


class SpeakerForm(forms.ModelForm):
    """The organisers' form for one speaker; the speaker's own answers are not part of it."""

    class Meta:
        model = Speaker
        fields = [
            "name", "email", "organisation", "country", "stakeholder_group", "role", "gender",
            "gender_description", "speaks_as_migrant", "for_migrant_organisation",
            "youth_representative", "locale",
        ]  # fmt: skip
        labels = {"gender": _("Gender (optional)")}
        help_texts = {
            "gender": _("Only for the balance figures; never shown publicly."),
            "gender_description": _("Optional, with “Another gender”, if the speaker wishes."),
            "speaks_as_migrant": _("The speaker speaks from their own experience of migration."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].empty_label = _("Not given")
        self.fields["stakeholder_group"].empty_label = _("Not given")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("gender_description") and cleaned.get("gender") != Gender.OTHER:
            self.add_error(
                "gender_description",
                _("Choose “Another gender” above to add the speaker's own words."),
            )
        return cleaned


class AgendaItemForm(forms.ModelForm):
    starts_after = forms.IntegerField(
        label=_("Starts (minutes after the talk's start)"), min_value=0, max_value=24 * 60
    )
    minutes = forms.IntegerField(label=_("Length in minutes"), min_value=1, max_value=24 * 60)

    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "starts_after", "minutes", "speakers"]
        widgets = {"speakers": forms.CheckboxSelectMultiple}
        help_texts = {
            "title": _("Optional. Not shown publicly for a talk under the Chatham House Rule."),
        }

    def __init__(self, *args, talk, **kwargs):
        super().__init__(*args, **kwargs)
        self.talk = talk
        self.instance.talk = talk
        self.fields["speakers"].queryset = talk.speakers.order_by("position", "id")
        # A name keeps its own direction beside its box in Arabic (see core/templatetags/bidi).
        self.fields["speakers"].label_from_instance = lambda speaker: isolate(speaker.name)
        self.fields["kind"].choices = [("", _("Choose a part")), *AgendaItem.Kind.choices]
        if self.fields["speakers"].queryset.exists():
            self.fields["speakers"].help_text = _("Only this talk's speakers can be chosen.")
        else:
            self.fields["speakers"].help_text = _(
                "Add speakers to the panel first; they can then be chosen here."
            )

    def clean(self):
        cleaned = super().clean()
        start, minutes = cleaned.get("starts_after"), cleaned.get("minutes")
        if start is not None and minutes is not None:
            problem = agenda_problem(self.talk, start, minutes, exclude=self.instance.pk)
            if problem:
                raise forms.ValidationError(problem, code="slot")
        return cleaned


class AnswerForm(forms.Form):
    """The speaker's answers, on their personal page."""

    participation = forms.ChoiceField(
        label=_("Will you take part in this talk?"),
        choices=[("yes", _("Yes, I will take part")), ("no", _("No, I cannot take part"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Please say whether you will take part.")},
    )
    recording = forms.ChoiceField(
        label=_("Do you agree to be recorded?"),
        choices=[
            ("yes", _("Yes, I agree to be recorded")),
            ("no", _("No, I do not agree to be recorded")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Please say whether you agree to be recorded.")},
    )

    def __init__(self, *args, talk, **kwargs):
        super().__init__(*args, **kwargs)
        if talk.chatham_house:
            self.fields["recording"].help_text = _(
                "This talk is held under the Chatham House Rule: it may be recorded (sound, "
                "picture and shared slides) only to help the organisers write the summary "
                "report. The recording is kept by the organisers and never published."
            )
        else:
            self.fields["recording"].help_text = _(
                "The talk is recorded: sound, the picture of the speakers and the slides they "
                "share. The recording, with captions and a transcript, is published on the "
                "talk's page on the UN Network on Migration's website, and may be shown there "
                "from UN Web TV, YouTube or Vimeo."
            )

    def answers(self) -> dict:
        return {
            "confirmed": self.cleaned_data["participation"] == "yes",
            "recording_consent": self.cleaned_data["recording"] == "yes",
        }


def answer_initial(speaker) -> dict:
    def word(value):
        return "" if value is None else ("yes" if value else "no")

    return {"participation": word(speaker.confirmed), "recording": word(speaker.recording_consent)}
