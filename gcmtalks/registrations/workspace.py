"""The secretariat's workspace: the registrants of one talk, their counts, the actions on them
and the exports. Every change goes through a service in services.py, which owns the lock, the
audit entry and the mail; a refused change (NotAllowed) becomes a message."""

from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from gcmtalks.core.models import Language, Region, StakeholderGroup
from gcmtalks.core.timezones import format_range, zone
from gcmtalks.talks.access import workspace_view
from gcmtalks.talks.forms import ChoiceByField
from gcmtalks.talks.models import Talk

from . import exports
from .models import Registration
from .services import (
    NotAllowed,
    registration_approve,
    registration_check_in,
    registration_decline,
    registration_promote,
    registration_revoke_join_link,
)

PERMISSION = "registrations.manage_registrants"
Status = Registration.Status
DECLINABLE = (Status.PENDING_APPROVAL, Status.PENDING_EMAIL, Status.WAITLISTED, Status.CONFIRMED)
FILTERS = ("status", "mode", "language", "group", "q")


def manages_registrants(view):
    """The workspace's door (sign-in, organiser, two factors), then the permission for the
    talk, asked before a missing talk is reported, so nobody learns which draft slugs exist."""

    @workspace_view
    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        talk = Talk.objects.filter(slug=slug).first()
        if not request.user.has_perm(PERMISSION, talk):
            raise PermissionDenied
        if talk is None:
            raise Http404
        return view(request, talk, *args, **kwargs)

    return wrapper


# Forms. (They belong in forms.py and the reads in queries.py; kept here while those files
# are being changed by others.)


class RegistrantFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("All statuses")), *Status.choices],
        required=False,
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Attendance"),
        choices=[("", gettext_lazy("All modes")), *Registration.Mode.choices],
        required=False,
    )
    language = ChoiceByField(
        Language.objects.all(),
        to_field_name="code",
        label=gettext_lazy("Listening language"),
        empty_label=gettext_lazy("Any language"),
    )
    group = ChoiceByField(
        StakeholderGroup.objects.all(),
        to_field_name="slug",
        label=gettext_lazy("Stakeholder group"),
        empty_label=gettext_lazy("All groups"),
    )
    q = forms.CharField(
        label=gettext_lazy("Name, email or organisation"), max_length=200, required=False
    )

    def __init__(self, *args, talk: Talk, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].queryset = Language.objects.filter(
            Q(talks=talk) | Q(registration__talk=talk)
        ).distinct()

    def filter(self, registrations):
        """The registrations matching the valid filters; invalid ones are left out."""
        data = {
            name: self.cleaned_data.get(name) if name not in self.errors else None
            for name in FILTERS
        }
        if data["status"]:
            registrations = registrations.filter(status=data["status"])
        if data["mode"]:
            registrations = registrations.filter(attendance_mode=data["mode"])
        if data["language"]:
            registrations = registrations.filter(language=data["language"])
        if data["group"]:
            registrations = registrations.filter(stakeholder_group=data["group"])
        if data["q"]:
            registrations = registrations.filter(
                Q(name__icontains=data["q"])
                | Q(email__icontains=data["q"])
                | Q(organisation__icontains=data["q"])
            )
        return registrations


class BulkActionForm(forms.Form):
    ACTIONS = [
        ("approve", gettext_lazy("Approve")),
        ("decline", gettext_lazy("Decline")),
        ("check_in", gettext_lazy("Check in")),
    ]

    registrations = forms.ModelMultipleChoiceField(
        Registration.objects.none(),
        label=gettext_lazy("Registrants"),
        error_messages={"required": gettext_lazy("Select at least one registrant.")},
    )
    action = forms.ChoiceField(label=gettext_lazy("Action"), choices=ACTIONS)
    reason = forms.CharField(
        label=gettext_lazy("Reason for declining"), max_length=500, required=False
    )

    def __init__(self, *args, talk: Talk, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registrations"].queryset = talk.registrations.all()

    def clean(self):
        data = super().clean()
        if data.get("action") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason to decline."))
        return data


class RowActionForm(forms.Form):
    do = forms.ChoiceField(
        choices=[
            ("approve", gettext_lazy("Approve")),
            ("decline", gettext_lazy("Decline")),
            ("promote", gettext_lazy("Move up from the waiting list")),
            ("check_in", gettext_lazy("Check in")),
            ("revoke_join_link", gettext_lazy("Revoke join link")),
        ]
    )
    reason = forms.CharField(max_length=500, required=False)

    def clean(self):
        data = super().clean()
        if data.get("do") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason to decline."))
        return data


def run(action: str, registration: Registration, by, reason: str = "") -> Registration:
    if action == "approve":
        return registration_approve(registration=registration, by=by)
    if action == "decline":
        return registration_decline(registration=registration, by=by, reason=reason.strip())
    if action == "promote":
        return registration_promote(registration=registration, by=by)
    if action == "check_in":
        return registration_check_in(registration=registration, by=by)
    if action == "revoke_join_link":
        return registration_revoke_join_link(registration=registration, by=by)
    raise ValueError(action)


DONE = {
    "approve": lambda n: ngettext("%(count)d approved", "%(count)d approved", n),
    "decline": lambda n: ngettext("%(count)d declined", "%(count)d declined", n),
    "promote": lambda n: ngettext("%(count)d moved up", "%(count)d moved up", n),
    "check_in": lambda n: ngettext("%(count)d checked in", "%(count)d checked in", n),
    "revoke_join_link": lambda n: ngettext(
        "%(count)d join link revoked", "%(count)d join links revoked", n
    ),
}


# Reads.


def registrants(talk: Talk):
    return talk.registrations.select_related("stakeholder_group", "country", "language")


def counted(registrations, field: str) -> dict:
    """{value of field: (all, confirmed or attended)} in one aggregate query."""
    rows = (
        registrations.order_by()
        .values(field)
        .annotate(
            total=Count("id"),
            confirmed=Count("id", filter=Q(status__in=[Status.CONFIRMED, Status.ATTENDED])),
        )
    )
    return {row[field]: (row["total"], row["confirmed"]) for row in rows}


def table(counts: dict, labels: list[tuple], missing_label: str) -> list[tuple]:
    """[(label, all, confirmed)] in the order of `labels` ([(key, label)]), then the rest."""
    lines = [(label, *counts[key]) for key, label in labels if key in counts]
    if None in counts:
        lines.append((missing_label, *counts[None]))
    return lines


def count_tables(registrations) -> list[dict]:
    not_given = _("Not given")
    by_status = counted(registrations, "status")
    by_language = counted(registrations, "language")
    by_group = counted(registrations, "stakeholder_group")
    by_region = counted(registrations, "country__regions")
    # Whole reference tables (a few dozen rows), so the number of queries never depends on
    # which values happen to be present.
    languages, groups, regions = (
        Language.objects.all(),
        StakeholderGroup.objects.all(),
        Region.objects.all(),
    )
    return [
        {
            "slug": "status",
            "caption": _("By status"),
            "rows": [(label, *by_status.get(key, (0, 0))) for key, label in Status.choices],
        },
        {
            "slug": "mode",
            "caption": _("By attendance mode"),
            "rows": table(
                counted(registrations, "attendance_mode"), Registration.Mode.choices, not_given
            ),
        },
        {
            "slug": "language",
            "caption": _("By listening language (for booking interpreters)"),
            "rows": table(by_language, [(x.pk, str(x)) for x in languages], not_given),
        },
        {
            "slug": "group",
            "caption": _("By stakeholder group"),
            "rows": table(by_group, [(x.pk, str(x)) for x in groups], not_given),
        },
        {
            "slug": "region",
            "caption": _(
                "By region of the registrant's country (a country in several regions counts "
                "in each)"
            ),
            "rows": table(
                by_region, [(x.pk, str(x)) for x in regions], _("No country or no region")
            ),
        },
        {
            "slug": "gender",
            "caption": _("By gender"),
            "rows": table(counted(registrations, "gender"), Registration.Gender.choices, not_given),
        },
    ]


def filtered(request, talk: Talk):
    form = RegistrantFilterForm(request.GET, talk=talk)
    form.is_valid()
    return form, form.filter(registrants(talk))


def filter_query(request) -> str:
    """The list's filters, to come back to the same list after an action."""
    return urlencode([(k, v) for k, v in request.GET.items() if k in FILTERS and v])


def back(request, talk: Talk):
    url = reverse("workspace:registrants", kwargs={"slug": talk.slug})
    query = filter_query(request)
    return redirect(f"{url}?{query}" if query else url)


def first_error(form: forms.Form) -> str:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        return f"{label}: {errors[0]}" if label else errors[0]
    return ""


def when(talk: Talk) -> str:
    """'12 May 2025, 15:00–16:30 Geneva time (CEST, UTC+2)'."""
    day = talk.start.astimezone(zone(settings.CALENDAR_TIME_ZONE))
    return f"{date_format(day, 'j F Y')}, {format_range(talk.start, talk.end, settings.CALENDAR_TIME_ZONE)}"


# Views.


@require_GET
@manages_registrants
def registrant_list(request, talk: Talk):
    form, registrations = filtered(request, talk)
    query = filter_query(request)
    rows = list(registrations)
    for registration in rows:
        registration.registered_display = exports.registered_at(registration.created_at)
    context = {
        "talk": talk,
        "form": form,
        "filter_errors": [(form.fields[name].label, e[0]) for name, e in form.errors.items()],
        "when": when(talk),
        "registrations": rows,
        "count_tables": count_tables(registrations),
        "bulk_form": BulkActionForm(talk=talk),
        "query": f"?{query}" if query else "",
        "declinable": DECLINABLE,
        "joinable": (Status.CONFIRMED, Status.ATTENDED),
    }
    return render(request, "registrations/workspace/registrants.html", context)


@require_POST
@manages_registrants
def bulk_action(request, talk: Talk):
    form = BulkActionForm(request.POST, talk=talk)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed. %(error)s") % {"error": first_error(form)})
        return back(request, talk)
    action = form.cleaned_data["action"]
    done, refused = 0, []
    for registration in form.cleaned_data["registrations"]:
        try:
            run(action, registration, request.user, form.cleaned_data["reason"])
        except NotAllowed as error:
            refused.append(f"{registration.name}: {error}")
        else:
            done += 1
    report(request, action, done, refused)
    return back(request, talk)


@require_POST
@manages_registrants
def row_action(request, talk: Talk, pk: int):
    registration = talk.registrations.filter(pk=pk).first()
    if registration is None:
        raise Http404
    form = RowActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed. %(error)s") % {"error": first_error(form)})
        return back(request, talk)
    action = form.cleaned_data["do"]
    try:
        run(action, registration, request.user, form.cleaned_data["reason"])
    except NotAllowed as error:
        report(request, action, 0, [f"{registration.name}: {error}"])
    else:
        report(request, action, 1, [])
    return back(request, talk)


def report(request, action: str, done: int, refused: list[str]) -> None:
    """'3 approved; 1 could not be: Person 4: Only registrations waiting for approval …'"""
    text = DONE[action](done) % {"count": done}
    if refused:
        text += "; " + ngettext(
            "%(count)d could not be: %(reasons)s",
            "%(count)d could not be: %(reasons)s",
            len(refused),
        ) % {"count": len(refused), "reasons": "; ".join(refused)}
    (messages.warning if refused else messages.success)(request, text)


@require_GET
@manages_registrants
def export_csv(request, talk: Talk):
    return exports.csv_response(talk, filtered(request, talk)[1])


@require_GET
@manages_registrants
def export_xlsx(request, talk: Talk):
    return exports.xlsx_response(talk, filtered(request, talk)[1])
