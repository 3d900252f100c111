from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gcmtalks.privacy import consents
from gcmtalks.talks.queries import public_talks, talks_open_for_registration

from . import ratelimit
from .forms import ChangeForm, RegistrationForm
from .mail import registration_for_token
from .models import Registration
from .services import (
    NotAllowed,
    RegistrationClosed,
    check_open,
    join_opens_at,
    join_url,
    registration_cancel,
    registration_change,
    registration_confirm_email,
    registration_create,
    settings_for,
)
from .viewers import remember


@require_http_methods(["GET", "HEAD", "POST"])
def register(request, slug):
    talk = get_object_or_404(talks_open_for_registration(), slug=slug)
    closed = None
    try:
        check_open(talk, settings_for(talk), timezone.now())
    except RegistrationClosed as error:
        closed = str(error)
    form = RegistrationForm(request.POST or None, talk=talk)
    status = 200
    if request.method == "POST" and closed is None and form.is_valid():
        email = form.cleaned_data["email"]
        if not ratelimit.allowed(ip=ratelimit.client_ip(request), email=email):
            closed, status = (
                _("Too many registrations were sent from here. Please try again later."),
                429,
            )
        else:
            try:
                registration = registration_create(talk=talk, registration=form.save())[0]
            except RegistrationClosed as error:
                closed, status = str(error), 409
            else:
                consents.record_shown(kind="registration", registration=registration,
                                      version=request.POST.get("consent_version"))  # fmt: skip
                return redirect("registrations:sent", slug=talk.slug)
    elif request.method == "POST":
        status = 409 if closed else 422
    invalid = [name for name in form.errors if name in form.fields]
    if invalid:  # take the reader straight to the first field to correct
        form.fields[invalid[0]].widget.attrs["autofocus"] = True
    context = {"talk": talk, "form": form, "closed": closed}
    return render(request, "registrations/register.html", context, status=status)


def registration_or_404(token):
    registration = registration_for_token(token)
    if registration is None:
        raise Http404
    return registration


def sent(request, slug):
    talk = get_object_or_404(public_talks(), slug=slug)
    return render(request, "registrations/sent.html", {"talk": talk})


def personal(request, token):
    registration = registration_or_404(token)
    remember(request, registration)
    Status = registration.Status
    can_join = join_url(registration) is not None
    context = {
        "registration": registration,
        "token": token,
        "change_form": ChangeForm(registration=registration)
        if registration.status in registration.ACTIVE
        else None,
        "join_path": reverse("registrations:join", kwargs={"key": registration.join_key})
        if can_join
        else "",
        "join_opens_at": join_opens_at(registration)
        if registration.status == Status.CONFIRMED and registration.attendance_mode == "online"
        else None,
        "can_confirm": registration.email_confirmed_at is None
        and registration.status in (Status.PENDING_EMAIL, Status.WAITLISTED),
        "can_cancel": registration.status in registration.ACTIVE,
    }
    return render(request, "registrations/personal.html", context)


@require_POST
def confirm(request, token):
    registration = registration_or_404(token)
    registration_confirm_email(registration=registration)
    messages.success(request, _("Thank you: your email address is confirmed."))
    return redirect("registrations:personal", token=token)


@require_POST
def change(request, token):
    registration = registration_or_404(token)
    form = ChangeForm(request.POST, registration=registration)
    if form.is_valid():
        try:
            registration_change(
                registration=registration,
                language=form.cleaned_data.get("language"),
                mode=form.cleaned_data["attendance_mode"],
            )
        except NotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your registration is updated."))
    else:
        messages.error(request, _("Choose one of the languages and ways of attending offered."))
    return redirect("registrations:personal", token=token)


@require_POST
def cancel(request, token):
    registration = registration_or_404(token)
    registration_cancel(registration=registration)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("registrations:personal", token=token)


def join(request, key):
    """A registrant's own way into the meeting: checked at every use, so it can be revoked."""
    registration = Registration.objects.select_related("talk").filter(join_key=key).first()
    url = join_url(registration) if registration else None
    if url is None:
        return render(
            request,
            "registrations/join_closed.html",
            {"registration": registration},
            status=403 if registration else 404,
        )
    response = redirect(url)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
