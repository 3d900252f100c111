from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .checklist import anchor_day
from .links import validate_links
from .models import LINKS_HELP, MAX_DAYS_BEFORE, BriefingPack, ChecklistItem
from .services import MAX_OFFSET_DAYS

field = BriefingPack._meta.get_field


class PackForm(forms.Form):
    days_before = forms.IntegerField(
        label=capfirst(field("days_before").verbose_name),
        help_text=field("days_before").help_text,
        min_value=0,
        max_value=MAX_DAYS_BEFORE,
    )
    introduction = forms.CharField(
        label=capfirst(field("introduction").verbose_name),
        help_text=field("introduction").help_text,
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    practices = forms.CharField(
        label=capfirst(field("practices").verbose_name),
        help_text=LINKS_HELP,
        required=False,
        max_length=5000,
        validators=[validate_links],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    pledges = forms.CharField(
        label=capfirst(field("pledges").verbose_name),
        help_text=LINKS_HELP,
        required=False,
        max_length=5000,
        validators=[validate_links],
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, pack: BriefingPack, **kwargs):
        kwargs.setdefault("label_suffix", "")
        initial = {name: getattr(pack, name) for name in self.base_fields}
        super().__init__(*args, initial=initial, **kwargs)


class ResendForm(forms.Form):
    registration = forms.TypedChoiceField(label=_("Registrant"), coerce=int)

    def __init__(self, *args, recipients, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["registration"].choices = [(r.pk, f"{r.name} <{r.email}>") for r in recipients]


class DateInput(forms.DateInput):
    input_type = "date"


class ItemForm(forms.Form):
    """An item's owner and due date. Owner choices are read once per page and passed in."""

    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int, required=False, empty_value=None)
    due = forms.DateField(label=_("Due date"), widget=DateInput(format="%Y-%m-%d"))

    def __init__(self, *args, talk, owners, anchor=ChecklistItem.Anchor.START, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.talk, self.anchor = talk, anchor
        self.fields["owner"].choices = [("", _("Nobody yet")), *owners]

    def clean_due(self):
        due = self.cleaned_data["due"]
        if abs((due - anchor_day(self.talk, self.anchor)).days) > MAX_OFFSET_DAYS:
            raise ValidationError(_("Choose a date within a year of the talk."))
        return due

    def clean_owner(self):
        pk = self.cleaned_data["owner"]
        return get_user_model().objects.get(pk=pk) if pk else None


class NewItemForm(ItemForm):
    title = forms.CharField(label=_("What needs doing"), max_length=200)
    field_order = ["title", "owner", "due"]
