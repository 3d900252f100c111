"""The organisers' workspace forms: TalkForm as an organiser sees it, and postponing."""

from django import forms
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .forms import TRANSLATIONS, LocalDateTimeField, TalkForm
from .models import Organiser
from .roles import roles_of
from .rules import organiser_ids
from .services import EDIT_LANGUAGE

GROUPS = [
    (_("The talk"), ["title", "slug", "summary"]),
    (_("Where it belongs"), ["level", "regions", "country", "series", "organisers"]),
    (_("When and where"), ["start", "end", "timezone", "format", "venue", "city"]),
    (
        _("Who and how"),
        [
            "audience",
            "chatham_house",
            "interpretation_languages",
            "registration_mode",
            "registration_url",
        ],
    ),
    (_("Themes"), ["objectives", "principles"]),
    (_("Outcomes"), ["info_url", "report_url", "practices_url"]),
    (_("In the other languages"), list(TRANSLATIONS)),
]
CHECKBOXES = ("regions", "organisers", "interpretation_languages", "objectives", "principles")


class WorkspaceTalkForm(TalkForm):
    """TalkForm, so the same rules as in the admin and the API, for one organiser: the status
    changes only through the talk page's actions (a new talk is a draft); someone outside the
    secretariat chooses among their own organisers and those the talk already has, and keeps
    one of theirs, or the talk would leave their hands."""

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("label_suffix", "")
        # The title and summary are read and written in the default language (see
        # services.EDIT_LANGUAGE), whatever the page's language.
        with translation.override(EDIT_LANGUAGE):
            super().__init__(*args, **kwargs)
        del self.fields["status"]
        self.roles = roles_of(user)
        talk = self.instance
        for name in ("title", "summary"):
            self.fields[name].help_text = _("In English; the other languages are further down.")
        for name, (english, code) in TRANSLATIONS.items():
            label = _("Title") if english == "title" else _("Summary")
            self.fields[name].label = f"{label} ({get_language_info(code)['name_local']})"
            self.fields[name].help_text = _("Empty: the English text is shown, with a note.")
        for name in CHECKBOXES:
            field = self.fields[name]
            field.widget = forms.CheckboxSelectMultiple()
            field.widget.choices = field.choices
        if not self.roles.secretariat:
            allowed = set(self.roles.organisers) | (organiser_ids(talk) if talk.pk else set())
            self.fields["organisers"].queryset = Organiser.objects.filter(pk__in=allowed)
            if not talk.pk and len(self.roles.organisers) == 1:
                self.initial["organisers"] = list(self.fields["organisers"].queryset)
            self.fields["organisers"].help_text = _("Keep at least one organiser you belong to.")

    def _post_clean(self):
        with translation.override(EDIT_LANGUAGE):
            super()._post_clean()

    def clean_organisers(self):
        organisers = self.cleaned_data["organisers"]
        if not self.roles.secretariat and not {o.pk for o in organisers} & self.roles.organisers:
            raise forms.ValidationError(
                _(
                    "Keep at least one organiser you belong to, or you could no longer manage "
                    "this talk."
                ),
                code="not_theirs",
            )
        return organisers

    def groups(self) -> list[tuple[str, list]]:
        """[(legend, bound fields)] in the order the page shows them."""
        return [(legend, [self[name] for name in names]) for legend, names in GROUPS]


class PostponeForm(forms.Form):
    start = LocalDateTimeField(label=_("New date and time"), required=False)

    def __init__(self, *args, talk, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["start"].help_text = _(
            "As YYYY-MM-DD HH:MM in the talk's time zone (%(zone)s); the talk keeps its "
            "length. Leave empty if the new date is not known yet."
        ) % {"zone": talk.timezone}
