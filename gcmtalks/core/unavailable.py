"""While the database cannot be reached (restarted, failed over, out of connections), every
request that needs it is answered 503 with `Retry-After` and a short page, or JSON under
/api/: a person or a script told to come back in a minute, rather than a 500 and a
traceback. Each such request is logged once, at WARNING, naming only the exception's class.

psycopg raises OperationalError both when it cannot connect and when the server ends the
connection under a running query (AdminShutdown on `pg_ctl -m fast`); a connection already
closed underneath Django gives InterfaceError. Django re-raises both as its own classes.
The connection is not reused afterwards: Django drops it when errors occurred, and
CONN_HEALTH_CHECKS checks a persistent one at the next request's first query.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_GONE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


def unavailable(request, exc):
    logger.warning(
        "database unavailable: %s on %s %s", type(exc).__name__, request.method, request.path
    )
    message = _("The service is briefly unavailable; please try again in a minute.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message, "errors": {}}, status=503)
    else:
        # Rendered without the request: context processors and the layout could need the
        # database (the signed-in user, their permissions).
        page = render_to_string("core/unavailable.html", {"message": message})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # logged above; django.request would add a traceback
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database under a view into a 503 (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_GONE):
            return unavailable(request, exception)
        return None


def server_error(request):
    """handler500: the same 503 when the database was lost in a middleware rather than a view
    (a session saved after the view, the signed-in user loaded); else Django's 500 page."""
    exc = sys.exc_info()[1]
    if isinstance(exc, DATABASE_GONE):
        return unavailable(request, exc)
    return defaults.server_error(request)
