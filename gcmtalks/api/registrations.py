from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from gcmtalks.registrations import ratelimit
from gcmtalks.registrations.forms import RegistrationForm
from gcmtalks.registrations.services import RegistrationClosed, registration_create
from gcmtalks.talks.queries import talks_open_for_registration

from .errors import ApiProblem
from .schemas import Problem

router = Router(tags=["registrations"])


class RegistrationIn(Schema):
    name: str
    email: str
    organisation: str | None = None
    stakeholder_group: str | None = None
    country: str | None = None
    attendance_mode: str | None = None
    language: str | None = None
    accessibility_needs: str | None = None
    gender: str | None = None
    migrant_or_diaspora: bool | None = None
    birth_date: str | None = None
    member_state: str | None = None
    ministry: str | None = None
    accepted_chatham_house: bool | None = None


class Accepted(Schema):
    detail: str


@router.post(
    "/talks/{slug}/registrations",
    response={202: Accepted, 400: Problem, 404: Problem, 409: Problem, 422: Problem, 429: Problem},
    summary="Register for a talk",
    description="The answer is the same whether the address was new or already registered: "
    "a message with the registrant's personal link is sent either way.",
)
def register(request, slug: str, payload: RegistrationIn):
    talk = get_object_or_404(talks_open_for_registration(), slug=slug)
    data = {k: ("" if v is None else v) for k, v in payload.dict().items()}
    form = RegistrationForm(data, talk=talk)
    if not form.is_valid():
        errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        raise ApiProblem(
            422, _("The registration was not saved: see the errors per field."), errors
        )
    if not ratelimit.allowed(ip=ratelimit.client_ip(request), email=form.cleaned_data["email"]):
        raise ApiProblem(
            429, _("Too many registrations were sent from here. Please try again later.")
        )
    try:
        registration_create(talk=talk, registration=form.save())
    except RegistrationClosed as error:
        raise ApiProblem(409, str(error)) from None
    return Status(202, {"detail": _("Check your mailbox: we have sent a link to confirm.")})
