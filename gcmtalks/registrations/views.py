from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gcmtalks.talks.queries import public_talks

from .forms import RegistrationForm
from .mail import registration_for_token
from .services import (
    RegistrationClosed,
    check_open,
    registration_cancel,
    registration_confirm_email,
    registration_create,
    settings_for,
)


@require_http_methods(["GET", "HEAD", "POST"])
def register(request, slug):
    talk = get_object_or_404(public_talks(), slug=slug)
    closed = None
    try:
        check_open(talk, settings_for(talk), timezone.now())
    except RegistrationClosed as error:
        closed = str(error)
    form = RegistrationForm(request.POST or None, talk=talk)
    if request.method == "POST" and closed is None and form.is_valid():
        try:
            registration_create(talk=talk, registration=form.save())
        except RegistrationClosed as error:
            closed = str(error)
        else:
            return redirect("registrations:sent", slug=talk.slug)
    status = 409 if request.method == "POST" and closed else 200
    if request.method == "POST" and form.errors:
        status = 422
    context = {"talk": talk, "form": form, "closed": closed}
    return render(request, "registrations/register.html", context, status=status)


def sent(request, slug):
    talk = get_object_or_404(public_talks(), slug=slug)
    return render(request, "registrations/sent.html", {"talk": talk})


def personal(request, token):
    registration = registration_for_token(token)
    if registration is None:
        raise Http404
    Status = registration.Status
    context = {
        "registration": registration,
        "token": token,
        "can_confirm": registration.email_confirmed_at is None
        and registration.status in (Status.PENDING_EMAIL, Status.WAITLISTED),
        "can_cancel": registration.status in registration.ACTIVE,
    }
    return render(request, "registrations/personal.html", context)


@require_POST
def confirm(request, token):
    registration = registration_for_token(token)
    if registration is None:
        raise Http404
    registration_confirm_email(registration=registration)
    messages.success(request, _("Thank you: your email address is confirmed."))
    return redirect("registrations:personal", token=token)


@require_POST
def cancel(request, token):
    registration = registration_for_token(token)
    if registration is None:
        raise Http404
    registration_cancel(registration=registration)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("registrations:personal", token=token)
