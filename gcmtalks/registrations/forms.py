from datetime import date

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gcmtalks.core.models import Country, Language, StakeholderGroup
from gcmtalks.core.timezones import zone
from gcmtalks.talks.forms import ChoiceByField
from gcmtalks.talks.models import Talk

from .models import GovernmentDomain, Registration, Settings

YOUTH_AGE_LIMIT = 30


class RegistrationForm(forms.ModelForm):
    """One registrant for one talk; the audience rules are checked here, for the page and the
    API alike. Only what the talk needs is asked."""

    stakeholder_group = ChoiceByField(
        StakeholderGroup.objects.all(), to_field_name="slug", label=_("Stakeholder group")
    )
    country = ChoiceByField(Country.objects.all(), to_field_name="code", label=_("Country"))
    language = ChoiceByField(
        Language.objects.all(), to_field_name="code", label=_("Listening language")
    )
    member_state = ChoiceByField(
        Country.objects.all(), to_field_name="code", label=_("Member State you represent")
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        help_text=_("Only the year is kept, to check you are under 30 on the day of the talk."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Registration
        fields = [
            "name", "email", "organisation", "stakeholder_group", "country", "attendance_mode",
            "language", "accessibility_needs", "gender", "migrant_or_diaspora", "member_state",
            "ministry", "accepted_chatham_house",
        ]  # fmt: skip

    def __init__(self, *args, talk: Talk, **kwargs):
        super().__init__(*args, **kwargs)
        self.talk = talk
        self.fields["email"].max_length = 254
        modes = self.modes()
        self.fields["attendance_mode"].choices = [
            c for c in Registration.Mode.choices if c[0] in modes
        ]
        if len(modes) == 1:
            self.fields["attendance_mode"].required = False
        # Read only when needed: to check a language given, or that one must be given.
        self.fields["language"].queryset = talk.interpretation_languages.all()
        if talk.audience != Talk.Audience.YOUTH:
            del self.fields["birth_date"]
        if talk.audience != Talk.Audience.MEMBER_STATES:
            for name in ("member_state", "ministry", "accepted_chatham_house"):
                del self.fields[name]
        else:
            self.fields["ministry"].required = True
            self.fields["member_state"].required = True

    def has_languages(self) -> bool:
        known = getattr(self.talk, "has_languages", None)  # see talks_open_for_registration
        return self.talk.interpretation_languages.exists() if known is None else known

    def modes(self) -> list[str]:
        return self.modes_of(self.talk)

    @staticmethod
    def modes_of(talk: Talk) -> list[str]:
        if talk.format == Talk.Format.ONLINE:
            return [Registration.Mode.ONLINE]
        if talk.format == Talk.Format.IN_PERSON:
            return [Registration.Mode.IN_PERSON]
        return [Registration.Mode.ONLINE, Registration.Mode.IN_PERSON]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."), code="honeypot")
        return ""

    def clean_attendance_mode(self):
        mode = self.cleaned_data.get("attendance_mode")
        return mode or self.modes()[0]

    def clean_birth_date(self):
        born = self.cleaned_data.get("birth_date")
        if born is None:
            raise forms.ValidationError(_("Give your date of birth."), code="required")
        if born > date.today():
            raise forms.ValidationError(_("The date of birth is in the future."), code="future")
        on_the_day = self.talk.start.astimezone(zone(settings.CALENDAR_TIME_ZONE)).date()
        age = (
            on_the_day.year
            - born.year
            - ((on_the_day.month, on_the_day.day) < (born.month, born.day))
        )
        if age >= YOUTH_AGE_LIMIT:
            raise forms.ValidationError(
                _("GCM Youth Talks are for participants under 30 on the day of the talk."),
                code="too_old",
            )
        return born

    def clean_accepted_chatham_house(self):
        if not self.cleaned_data.get("accepted_chatham_house"):
            raise forms.ValidationError(
                _("This talk is held under the Chatham House Rule: please accept it to register."),
                code="required",
            )
        return True

    def clean(self):
        data = super().clean()
        if not data.get("language") and "language" not in self.errors and self.has_languages():
            self.add_error("language", _("Choose the language you will listen in."))
        return data

    def save(self, commit=False):
        registration = super().save(commit=False)
        registration.locale = get_language() or settings.LANGUAGE_CODE
        born = self.cleaned_data.get("birth_date")
        registration.birth_year = born.year if born else None
        if self.talk.audience == Talk.Audience.MEMBER_STATES:
            domain = registration.email.rsplit("@", 1)[-1]
            known = GovernmentDomain.objects.filter(
                country=registration.member_state, domain=domain
            )
            registration.needs_approval = not known.exists()
        return registration


class SettingsForm(forms.ModelForm):
    class Meta:
        model = Settings
        fields = [
            "opens_at",
            "closes_at",
            "capacity_online",
            "capacity_in_person",
            "requires_approval",
        ]

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Registration must close after it opens."))
        return data


class ChangeForm(forms.Form):
    """What a registrant may change on their own page."""

    language = forms.ModelChoiceField(
        Language.objects.none(),
        to_field_name="code",
        label=_("Listening language"),
        required=False,
        empty_label=None,
    )
    attendance_mode = forms.ChoiceField(label=_("Attendance"), choices=Registration.Mode.choices)

    def __init__(self, *args, registration: Registration, **kwargs):
        super().__init__(*args, **kwargs)
        talk = registration.talk
        self.fields["language"].queryset = talk.interpretation_languages.all()
        self.fields["language"].initial = (
            registration.language.code if registration.language else None
        )
        modes = RegistrationForm.modes_of(talk)
        self.fields["attendance_mode"].choices = [
            c for c in Registration.Mode.choices if c[0] in modes
        ]
        self.fields["attendance_mode"].initial = registration.attendance_mode
        if not talk.interpretation_languages.exists():
            del self.fields["language"]
