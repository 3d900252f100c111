from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from gcmtalks.accounts.models import Organisation
from gcmtalks.core.models import GuidingPrinciple, Language, Objective, Region
from gcmtalks.talks.forms import ChoiceByField, MultipleByField
from gcmtalks.talks.models import Organiser

from .models import Message, Proposal, Score, Speaker

LEADING_ORGANISERS = (
    Organiser.Kind.WORKSTREAM,
    Organiser.Kind.REGIONAL_NETWORK,
    Organiser.Kind.REGIONAL_COMMISSION,
)


def ticks(field: forms.Field) -> forms.Field:
    field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
    return field


class ProposalForm(forms.ModelForm):
    """A partner's proposal; a draft may be incomplete, submission checks the rest."""

    organisation = forms.ModelChoiceField(
        Organisation.objects.none(), label=_("Proposing organisation"), empty_label=None
    )
    workstream = ChoiceByField(
        Organiser.objects.filter(kind__in=LEADING_ORGANISERS),
        to_field_name="slug",
        label=_("Network priority or workstream"),
    )
    objectives = ticks(MultipleByField(
        Objective.objects.all(), to_field_name="number", label=_("GCM objectives")))  # fmt: skip
    principles = ticks(MultipleByField(
        GuidingPrinciple.objects.all(), to_field_name="letter", label=_("Guiding principles")))  # fmt: skip
    regions = ticks(MultipleByField(Region.objects.all(), to_field_name="slug", label=_("Regions")))
    languages = ticks(MultipleByField(
        Language.objects.all(), to_field_name="code", label=_("Interpretation languages needed")))  # fmt: skip

    class Meta:
        model = Proposal
        fields = [
            "organisation", "title", "rationale", "workstream", "objectives", "principles",
            "level", "regions", "preferred_from", "preferred_until", "format", "audience",
            "languages", "co_organisers", "expected_outcomes",
        ]  # fmt: skip
        widgets = {
            "preferred_from": forms.DateInput(attrs={"type": "date"}),
            "preferred_until": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(members=user)
        if self.instance.pk:  # the organisation stays the one that proposed
            self.fields["organisation"].disabled = True

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def clean(self):
        data = super().clean()
        start, end = data.get("preferred_from"), data.get("preferred_until")
        if start and end and end < start:
            self.add_error("preferred_until", _("The period must end after it starts."))
        return data


SpeakerFormSet = inlineformset_factory(
    Proposal,
    Speaker,
    fields=["name", "organisation", "role", "gender", "migrant", "diaspora", "youth"],
    extra=2,
    max_num=12,
    can_delete=True,
)


# Several of these forms share a page: each has its own prefix, so their fields' ids differ.


class MessageForm(forms.Form):
    prefix = "message"
    text = forms.CharField(label=_("Message"), max_length=4000, widget=forms.Textarea)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write a message."), code="required")
        return text


class NoteForm(MessageForm):
    prefix = "note"
    kind = forms.ChoiceField(
        label=_("Who reads it"),
        choices=[
            (Message.Kind.NOTE, _("Reviewers only (internal note)")),
            (Message.Kind.TO_PROPOSER, _("The proposer (sent by mail)")),
        ],
        widget=forms.RadioSelect,
    )


class DecisionForm(forms.Form):
    prefix = "decision"
    reason = forms.CharField(
        label=_("Reason, sent to the proposer"), max_length=2000, widget=forms.Textarea
    )


class AssignForm(forms.Form):
    prefix = "assign"
    workstream = ChoiceByField(
        Organiser.objects.filter(kind__in=LEADING_ORGANISERS),
        to_field_name="slug",
        label=_("Workstream"),
        required=True,
    )


class ScoreForm(forms.ModelForm):
    prefix = "score"

    class Meta:
        model = Score
        fields = [*Score.CRITERIA, "note"]
        widgets = {name: forms.NumberInput(attrs={"min": 1, "max": 5}) for name in Score.CRITERIA}
