from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)


class EraseForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    confirm = forms.BooleanField(
        label=_("I confirm: erase this person's data now. This cannot be undone."), required=True
    )


class EraseOwnForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand: my account and my data are erased now. This cannot be undone."),
        required=True,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


class EraseByLinkForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand: my registrations and my other data are erased now. This cannot be "
                "undone."),
        required=True,
    )  # fmt: skip
