"""The admin's door: staff sign in through allauth (so with their second factor), and staff
without two-factor authentication are sent to set it up before they see anything."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _


def staff_with_two_factors(request) -> bool:
    """May use the admin: active staff with two-factor authentication turned on."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    if not hasattr(request, "_gcm_admin_two_factors"):  # asked several times per page
        request._gcm_admin_two_factors = is_mfa_enabled(user)
    return request._gcm_admin_two_factors


def admin_login(request, extra_context=None):
    """Replaces the admin's own sign-in form, which would skip the second factor."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    next_url = next_url or reverse("admin:index")
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(next_url, reverse("account_login"))
    if not (user.is_active and user.is_staff):
        raise PermissionDenied
    if not staff_with_two_factors(request):
        messages.warning(
            request,
            _("The secretariat's pages need two-factor authentication: set it up first."),
        )
        return redirect(reverse("mfa_activate_totp") + "?" + urlencode({"next": next_url}))
    return redirect(next_url)


def require_two_factors(site: AdminSite) -> None:
    """Fit the door to an admin site (gcmtalks/urls.py does it for admin.site)."""
    site.has_permission = staff_with_two_factors
    site.login = admin_login
