from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from gcmtalks.core.middleware import cache_publicly
from gcmtalks.registrations.forms import SettingsForm
from gcmtalks.registrations.services import settings_save
from gcmtalks.talks.forms import TalkFilterForm, TalkForm
from gcmtalks.talks.models import Talk
from gcmtalks.talks.queries import filter_talks, public_talks, talks_with_relations
from gcmtalks.talks.services import talk_save

from .auth import TokenAuth
from .errors import ApiProblem
from .schemas import Problem, TalkIn, TalkList, TalkOut, registration_out, talk_out, utc_z

router = Router(tags=["talks"])

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


class TalkQuery(Schema):
    year: str | None = None
    region: str | None = None
    level: str | None = None
    series: str | None = None
    workstream: str | None = None
    format: str | None = None
    language: str | None = None
    audience: str | None = None
    objective: str | None = None
    q: str | None = None
    limit: str | None = None
    offset: str | None = None


def whole_number(request, name, default, low, high):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        message = _("must be a whole number from %(low)s to %(high)s") % {"low": low, "high": high}
        raise ApiProblem(400, f"{name}: {message}", {name: [message]})
    return value


@router.get(
    "/talks",
    response={200: TalkList, 400: Problem},
    summary="List published talks",
    description="Filters as on the calendar page. Unknown values answer 400 naming the parameter.",
)
def list_talks(request, filters: Query[TalkQuery]):
    form = TalkFilterForm(request.GET)
    problems = form.error_list()
    if problems:
        detail = "; ".join(f"{name}: {message}" for name, message in problems)
        raise ApiProblem(400, detail, {name: [message] for name, message in problems})
    limit = whole_number(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = whole_number(request, "offset", 0, 0, 10**9)
    talks = filter_talks(public_talks(), form.active())
    items = [talk_out(t) for t in talks[offset : offset + limit]]
    cache_publicly(request)
    # Already plain JSON types: answered directly rather than re-validated item by item
    # (tests check the answer against TalkList).
    return JsonResponse({"count": talks.count(), "items": items})


@router.get("/talks/{slug}", response={200: TalkOut, 404: Problem}, summary="One talk")
def get_talk(request, slug: str):
    talk = public_talks().filter(slug=slug).first()
    if talk is None:
        raise Http404
    cache_publicly(request)
    return talk_out(talk)


def require_staff(request):
    if not request.auth.has_perm("talks.change_talk"):
        raise HttpError(403, _("Your account may not change talks."))


def form_data(talk: Talk) -> dict:
    """What the form needs to see to leave every field of `talk` as it is."""
    data = talk_out(talk)
    data.update(
        country=data["country"] or "",
        series=data["series"] or "",
        format=data["format"] or "",
        audience=data["audience"] or "",
        start=utc_z(talk.start),
        end=utc_z(talk.end),
    )
    return data


def blank_none(values: dict) -> dict:
    return {k: ("" if v is None else v) for k, v in values.items()}


def save(request, payload: TalkIn, talk: Talk | None):
    """Validate the talk and its registration settings together; save both or neither."""
    data = form_data(talk) if talk else {}
    changes = payload.dict(exclude_unset=True)
    registration = changes.pop("registration", None) or {}
    if "mode" in registration:
        changes["registration_mode"] = registration.pop("mode")
    data.update(blank_none(changes))
    form = TalkForm(data, instance=talk)
    current = registration_out(talk) if talk else {}
    current.pop("mode", None)
    settings_form = SettingsForm(blank_none({**current, **registration}))
    errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    errors |= {f"registration.{name}": [str(m) for m in messages] for name, messages in settings_form.errors.items()}  # fmt: skip
    if errors:
        raise ApiProblem(422, _("The talk was not saved: see the errors per field."), errors)
    with transaction.atomic():
        talk = talk_save(form=form, by=request.auth)
        if registration or not hasattr(talk, "registration_settings"):
            settings_save(talk=talk, form=settings_form, by=request.auth)
    return talk


@router.post(
    "/talks",
    auth=TokenAuth(),
    response={201: TalkOut, 400: Problem, 401: Problem, 403: Problem, 422: Problem},
    summary="Create a talk (staff)",
)
def create_talk(request, payload: TalkIn):
    require_staff(request)
    talk = save(request, payload, None)
    return Status(201, talk_out(talks_with_relations().get(pk=talk.pk)))


@router.patch(
    "/talks/{slug}",
    auth=TokenAuth(),
    response={200: TalkOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Change a talk (staff)",
)
def update_talk(request, slug: str, payload: TalkIn):
    require_staff(request)
    talk = get_object_or_404(Talk, slug=slug)
    talk = save(request, payload, talk)
    return talk_out(talks_with_relations().get(pk=talk.pk))
