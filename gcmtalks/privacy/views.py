"""A signed-in person's privacy page (download their data, erase it) and the secretariat's
pages (erase a person found by address, the retention report)."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gcmtalks.pledges.workspace import secretariat_view

from . import people, services
from .forms import EraseByLinkForm, EraseForm, EraseOwnForm, SearchForm


def json_download(data: dict, name: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def own_person(user) -> people.Person:
    return people.find_person(user.email, user=user)


@require_GET
@login_required
def mine(request, form=None):
    return render(request, "privacy/mine.html", {"form": form or EraseOwnForm(user=request.user)})


@require_GET
@login_required
def mine_export(request):
    data = people.export(own_person(request.user))
    return json_download(data, f"my-data-{timezone.localdate().isoformat()}.json")


@require_POST
@login_required
def mine_erase(request):
    form = EraseOwnForm(request.POST, user=request.user)
    if not form.is_valid():
        response = mine(request, form=form)
        response.status_code = 422
        return response
    user = request.user
    services.erase_person(email=user.email, user=user, by=user)
    logout(request)
    messages.success(request, _("Your data has been erased and you have been signed out."))
    return redirect("/")


@require_http_methods(["GET"])
@secretariat_view
def workspace(request):
    search = SearchForm(request.GET or None)
    context = {"search": search}
    if search.is_bound and search.is_valid():
        person = people.find_person(search.cleaned_data["email"])
        found = people.export(person)
        context.update(
            person=person,
            counts=[(key, len(rows)) for key, rows in found.items() if key != "email"],
            anything=any(rows for key, rows in found.items() if key != "email"),
            erase=EraseForm(initial={"email": person.email}),
        )
    return render(request, "privacy/workspace.html", context)


@require_POST
@secretariat_view
def workspace_erase(request):
    form = EraseForm(request.POST)
    if not form.is_valid():
        response = render(
            request, "privacy/workspace.html", {"search": SearchForm(), "erase_errors": form}
        )
        response.status_code = 422
        return response
    email = form.cleaned_data["email"]
    try:
        counts = services.erase_person(email=email, by=request.user)
    except services.NothingToErase:
        messages.error(request, _("Nothing is held under this address; nothing was changed."))
        response = render(request, "privacy/workspace.html", {"search": SearchForm()})
        response.status_code = 404
        return response
    messages.success(
        request,
        _("The person has been erased: %(count)s records deleted or anonymised.")
        % {"count": sum(counts.values())},
    )
    return redirect("privacy_workspace:index")


@require_GET
@secretariat_view
def retention(request):
    context = {"rows": services.retention_report(), "now": timezone.now()}
    return render(request, "privacy/retention.html", context)


# ----------------------------------------------------------------- registrants without account


def registration_or_404(token):
    from gcmtalks.registrations.mail import registration_for_token

    registration = registration_for_token(token)
    if registration is None or people.is_erased(registration.email):
        raise Http404
    return registration


@require_GET
def registrant_export(request, token):
    registration = registration_or_404(token)
    data = people.export(people.find_person(registration.email))
    return json_download(data, f"my-data-{timezone.localdate().isoformat()}.json")


@require_http_methods(["GET", "POST"])
def registrant_erase(request, token):
    registration = registration_or_404(token)
    person = people.find_person(registration.email)
    form = EraseByLinkForm(request.POST or None)
    context = {"registration": registration, "token": token, "form": form,
               "has_account": person.user is not None}  # fmt: skip
    if request.method == "POST":
        if person.user is not None:  # an account's owner proves it with their password
            return render(request, "privacy/registrant_erase.html", context, status=403)
        if not form.is_valid():
            return render(request, "privacy/registrant_erase.html", context, status=422)
        services.erase_person(email=registration.email, by=None)
        messages.success(request, _("Your data has been erased."))
        return redirect("/")
    return render(request, "privacy/registrant_erase.html", context)
