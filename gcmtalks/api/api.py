from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .errors import ApiProblem
from .registrations import router as registrations_router
from .talks import router as talks_router

api = NinjaAPI(
    title="GCM Talks API",
    version="1",
    description="The GCM Talks calendar of the UN Network on Migration. Reading is open; "
    "writing needs a staff member's personal token (`Authorization: Bearer …`).",
    urls_namespace="api",
)
api.add_router("/", talks_router)
api.add_router("/", registrations_router)


def problem(request, status, detail, errors=None):
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


@api.exception_handler(ApiProblem)
def on_problem(request, exc):
    return problem(request, exc.status, exc.detail, exc.errors)


@api.exception_handler(ValidationError)
def on_validation(request, exc):
    errors = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", []) if part not in ("body", "payload")]
        errors.setdefault(".".join(location) or "body", []).append(error.get("msg", ""))
    return problem(request, 422, _("The request was not understood: see the errors."), errors)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return problem(request, 401, _("Give a valid personal API token: Authorization: Bearer …"))


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return problem(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return problem(request, 404, _("No talk has that address."))
