"""The door of the organisers' workspace: signed in, an organiser, with two-factor
authentication. Each view then asks its own permission for the object it shows."""

from functools import wraps

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def workspace_view(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("account_login"))
        if not user.has_perm("talks.use_workspace"):
            raise PermissionDenied
        if not is_mfa_enabled(user):
            messages.warning(
                request,
                _("The organisers' workspace needs two-factor authentication: set it up first."),
            )
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.path)
        return view(request, *args, **kwargs)

    return wrapper
