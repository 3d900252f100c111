from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import Country, Objective
from gcmtalks.pledges.models import Pledge
from gcmtalks.talks.forms import ChoiceByField, MultipleByField
from gcmtalks.talks.models import Organiser, Talk

from .models import Intention
from .rules import possible_owners

State = Intention.State


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.username


class IntentionForm(forms.ModelForm):
    """An intention as an organiser records it; the rapporteur's form leaves out the owner and
    the due date. Its state and progress change by steps (MoveForm)."""

    member_state = ChoiceByField(Country.objects.all(), to_field_name="code",
                                 label=_("Member State"))  # fmt: skip
    objectives = MultipleByField(
        Objective.objects.all(), to_field_name="number", label=_("GCM objectives"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = Intention
        fields = ["speaker_name", "member_state", "organisation", "text", "objectives", "owner",
                  "due_on", "shown_publicly"]  # fmt: skip
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, talk: Talk, rapporteur: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.talk = talk
        if rapporteur:
            for name in ("owner", "due_on", "shown_publicly"):
                del self.fields[name]
        else:
            self.fields["owner"] = OwnerField(
                possible_owners([talk]), required=False, label=_("Owner"),
                help_text=_("The workstream member who follows it up."),
            )  # fmt: skip
            if talk.chatham_house:
                del self.fields["shown_publicly"]

    def clean(self):
        data = super().clean()
        if not data.get("member_state") and not (data.get("organisation") or "").strip():
            raise forms.ValidationError(
                _("Give the Member State or the organisation it was voiced for.")
            )
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        return {"objectives": data.pop("objectives"), **data}


class MoveForm(forms.Form):
    prefix = "step"  # beside the intention's own form on one page: ids stay unique
    state = forms.ChoiceField(label=_("State"), choices=State.choices)
    pledge = forms.CharField(
        label=_("Resulting pledge (its ID on the pledging dashboard)"), required=False,
        max_length=64,
    )  # fmt: skip
    reason = forms.CharField(label=_("Why it is not pursued"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    progress = forms.IntegerField(
        label=_("Progress (%)"), required=False, min_value=0, max_value=100,
        help_text=_("Leave empty for the state's usual progress."),
    )  # fmt: skip
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def clean_pledge(self):
        code = self.cleaned_data["pledge"].strip()
        if not code:
            return None
        pledge = Pledge.objects.filter(external_id=code).first()
        if pledge is None:
            raise forms.ValidationError(
                _("No pledge has the ID “%(code)s”: import it from the pledging dashboard "
                  "first, or check the ID.") % {"code": code}
            )  # fmt: skip
        return pledge


class NoteForm(forms.Form):
    prefix = "note"
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class BoardFilter(forms.Form):
    """The board's filters, read from the query string; a bad value becomes a field error."""

    DUE = [("", _("Any date")), ("overdue", _("Overdue")), ("week", _("Due within a week")),
           ("none", _("No date"))]  # fmt: skip
    STATES = [("", _("Open (voiced, contacted, in preparation)")), *State.choices,
              ("all", _("All"))]  # fmt: skip

    owner = forms.CharField(label=_("Owner"), required=False)
    state = forms.ChoiceField(label=_("State"), choices=STATES, required=False)
    due = forms.ChoiceField(label=_("Due"), choices=DUE, required=False)
    talk = ChoiceByField(Talk.objects.all(), to_field_name="slug", label=_("Talk"))
    objective = ChoiceByField(Objective.objects.all(), to_field_name="number",
                              label=_("GCM objective"))  # fmt: skip
    workstream = ChoiceByField(Organiser.objects.all(), to_field_name="slug",
                               label=_("Workstream or regional network"))  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_owner(self):
        value = self.cleaned_data["owner"].strip()
        if value in ("", "none"):
            return value or None
        if value == "me":
            return self.user
        user = get_user_model().objects.filter(username=value, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No one has the user name “%(name)s”.") % {"name": value})
        return user

    def states(self):
        state = self.cleaned_data.get("state")
        if state == "all":
            return [value for value, _label in State.choices]
        return [state] if state else list(Intention.OPEN)


class ReassignForm(forms.Form):
    intentions = forms.ModelMultipleChoiceField(
        Intention.objects.none(), label=_("Intentions"), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick the intentions to give to someone else.")},
    )  # fmt: skip
    new_owner = OwnerField(
        get_user_model().objects.none(), required=False, label=_("New owner"),
        empty_label=_("Nobody (unassigned)"),
    )  # fmt: skip

    def __init__(self, *args, intentions, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intentions"].queryset = intentions
        self.fields["new_owner"].queryset = owners
