from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import ApiTokenForm, LanguageForm, OrganisationForm
from .models import ApiToken, OrganisationMember
from .services import (
    OrganisationExists,
    api_token_create,
    api_token_revoke,
    organisation_create,
    organisation_leave,
    user_language_set,
)


def profile_page(request, *, token_form=None, organisation_form=None, new_token=None,
                 language_form=None, status=200):  # fmt: skip
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "form": token_form or ApiTokenForm(),
            "organisation_form": organisation_form or OrganisationForm(),
            "tokens": user.api_tokens.all(),
            "new_token": new_token,
            "organisations": user.organisations.select_related("country").order_by("name"),
            "two_factors": is_mfa_enabled(user),
            "language_form": language_form or LanguageForm(initial={"language": user.language}),
        },
        status=status,
    )


@login_required
def profile(request):
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = api_token_create(
            user=request.user, name=form.cleaned_data["name"], by=request.user
        )
        form = ApiTokenForm()
    return profile_page(request, token_form=form, new_token=new_token)


@login_required
@require_POST
def language_set(request):
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return profile_page(request, language_form=form, status=400)
    language = form.cleaned_data["language"]
    user_language_set(user=request.user, language=language, by=request.user)
    if language:
        request.language_chosen = language  # the cookie follows the account
    with translation.override(language or get_language()):
        messages.success(request, _("Your language is saved."))
    return redirect(translate_url(reverse("accounts:profile"), language or get_language()))


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")


@login_required
@require_POST
def organisation_new(request):
    form = OrganisationForm(request.POST)
    if form.is_valid():
        try:
            organisation = organisation_create(**form.cleaned_data, by=request.user)
        except OrganisationExists:
            form.add_error(
                "name",
                _(
                    "An organisation of this name is registered already. To join it, ask the "
                    "secretariat, or one of its members, to have you added."
                ),
            )
        else:
            messages.success(
                request,
                _("“%(name)s” is registered, with you as its member.")
                % {"name": organisation.name},
            )
            return redirect("accounts:profile")
    return profile_page(request, organisation_form=form)


@login_required
def organisation_leave_confirm(request, pk):
    """Asks first: nobody can join an organisation again by themselves."""
    membership = get_object_or_404(
        OrganisationMember.objects.select_related("organisation"),
        organisation_id=pk,
        user=request.user,
    )
    organisation = membership.organisation
    if request.method == "POST":
        organisation_leave(organisation=organisation, user=request.user, by=request.user)
        messages.success(request, _("You have left “%(name)s”.") % {"name": organisation.name})
        return redirect("accounts:profile")
    return render(request, "accounts/organisation_leave.html", {"organisation": organisation})
