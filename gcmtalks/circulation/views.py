"""Subscription pages, the one-click unsubscribe, the embeddable widget and the contact form."""

from urllib.parse import urlencode

from csp.constants import SELF
from csp.decorators import csp_replace, csp_update
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gcmtalks.core.middleware import cache_publicly
from gcmtalks.talks.display import talk_view

from . import queries, ratelimit, services
from .forms import ChangeForm, ContactForm, SubscribeForm, WidgetForm
from .links import key_for_token, subscriber_for_token


def private(response):
    """Pages reached by a personal link: never cached, never indexed, no referrer."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def first_error_focused(form):
    invalid = [name for name in form.errors if name in form.fields]
    if invalid:  # take the reader straight to the first field to correct
        form.fields[invalid[0]].widget.attrs["autofocus"] = True


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    status, refusal = 200, ""
    if request.method == "POST":
        if form.is_valid():
            email = form.cleaned_data["email"]
            ip = ratelimit.client_ip(request)
            if ratelimit.allowed("SUBSCRIBE_RATE_LIMIT", ip=ip, email=email):
                choices = {**form.choices(), "language": get_language()}
                services.subscription_request(email=email, choices=choices)
                return redirect("circulation:subscribe_sent")
            refusal, status = (
                _("Too many requests were sent from here. Please try again later."),
                429,
            )
        else:
            status = 400
    first_error_focused(form)
    context = {"form": form, "refusal": refusal}
    return render(request, "circulation/subscribe.html", context, status=status)


@require_safe
def subscribe_sent(request):
    return render(request, "circulation/subscribe_sent.html")


def invalid_link(request):
    return private(render(request, "circulation/invalid_link.html", status=404))


@require_http_methods(["GET", "HEAD", "POST"])
def personal(request, token):
    """The subscriber's own page: confirm (while pending), change the choices, unsubscribe."""
    subscriber = subscriber_for_token(token)
    if subscriber is None:
        return invalid_link(request)
    form = None
    status = 200
    if subscriber.is_confirmed:
        initial = {"language": subscriber.language, "weekly_digest": subscriber.weekly_digest,
                   "announcements": subscriber.announcements}  # fmt: skip
        for name in services.CHOICES:
            initial[name] = list(getattr(subscriber, name).all())
        form = ChangeForm(request.POST or None, initial=initial)
        if request.method == "POST":
            if form.is_valid():
                services.subscription_change(subscriber=subscriber, choices=form.choices())
                messages.success(request, _("Your choices are saved."))
                return private(redirect("circulation:personal", token=token))
            status = 400
            first_error_focused(form)
    elif request.method == "POST":
        status = 409
    context = {"subscriber": subscriber, "token": token, "form": form}
    return private(render(request, "circulation/personal.html", context, status=status))


@require_POST
def confirm(request, token):
    subscriber = subscriber_for_token(token)
    if subscriber is None:
        return invalid_link(request)
    services.subscription_confirm(subscriber=subscriber)
    messages.success(
        request, _("Thank you: your subscription is confirmed. Choose below what you receive.")
    )
    return private(redirect("circulation:personal", token=token))


# Mail clients send the one-click unsubscribe (RFC 8058) as a bare POST: no CSRF token, no
# cookie. It only ends the subscription the secret link names, so a forged POST gains nothing.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    if key_for_token(token) is None:
        return invalid_link(request)
    subscriber = subscriber_for_token(token)
    if request.method == "POST":
        if subscriber is not None:
            services.subscription_end(subscriber=subscriber)
        return private(render(request, "circulation/unsubscribed.html"))
    context = {"subscriber": subscriber, "token": token}
    return private(render(request, "circulation/unsubscribe.html", context))


# The widget: framed by partners' sites, so this view alone may be framed by any site.


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def widget(request):
    form = WidgetForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "embed_url": reverse("circulation:embed")}
        return render(request, "circulation/widget.html", context, status=400)
    lang = form.cleaned_data["lang"] or get_language()
    with translation.override(lang):
        talks = queries.widget_talks(
            now=timezone.now(),
            region=form.cleaned_data["region"],
            organiser=form.cleaned_data["workstream"],
        )
        now = timezone.now()
        context = {
            "form": form,
            "talks": [talk_view(talk, now) for talk in talks],
            "calendar_url": settings.SITE_URL + calendar_path(form),
            "lang": lang,
        }
        response = render(request, "circulation/widget.html", context)
    response["Content-Language"] = lang
    cache_publicly(request)
    return response


def calendar_path(form) -> str:
    """The calendar with the widget's filters."""
    params = {name: form.data[name] for name in ("region", "workstream") if form.data.get(name)}
    return reverse("talks:calendar") + (f"?{urlencode(params)}" if params else "")


@require_safe
@csp_update({"frame-src": [SELF]})  # the preview frames our own widget
def embed(request):
    """For partners: the snippet to copy, for the filters and language they choose."""
    form = WidgetForm(request.GET or None)
    choice = form.cleaned_data if form.is_valid() else {}
    status = 400 if form.is_bound and form.errors else 200
    lang = choice.get("lang") or get_language()
    attributes = {"region": getattr(choice.get("region"), "slug", ""),
                  "workstream": getattr(choice.get("workstream"), "slug", ""), "lang": lang}  # fmt: skip
    query = urlencode({name: value for name, value in attributes.items() if value})
    with translation.override(lang):
        title = _("GCM Talks: upcoming talks")
        frame_src = settings.SITE_URL + reverse("circulation:widget") + f"?{query}"
    context = {
        "form": form,
        "attributes": [(name, value) for name, value in attributes.items() if value],
        "frame_title": title,
        "script_src": settings.SITE_URL + settings.STATIC_URL + "circulation/widget.js",
        "preview_src": static("circulation/widget.js"),
        "frame_src": frame_src,
    }
    return render(request, "circulation/embed.html", context, status=status)


# The contact form.


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    form = ContactForm(request.POST or None)
    status, refusal = 200, ""
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            ip = ratelimit.client_ip(request)
            if ratelimit.allowed("CONTACT_RATE_LIMIT", ip=ip, email=data["email"]):
                services.contact_send(
                    name=data["name"],
                    email=data["email"],
                    subject=data["subject"],
                    message=data["message"],
                    language=get_language(),
                )
                return redirect("circulation:contact_sent")
            refusal, status = (
                _("Too many messages were sent from here. Please try again later."),
                429,
            )
        else:
            status = 400
    first_error_focused(form)
    return render(
        request, "circulation/contact.html", {"form": form, "refusal": refusal}, status=status
    )


@require_safe
def contact_sent(request):
    return render(request, "circulation/contact_sent.html")
