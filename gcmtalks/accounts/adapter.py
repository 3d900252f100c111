"""django-allauth, fitted to GCM Talks: its mail goes through our outbox, its QR code into the
page."""

import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from gcmtalks.notifications.services import mail_queue


class AccountAdapter(DefaultAccountAdapter):
    def login(self, request, user):
        """Signing in brings the account's language, if it has one."""
        super().login(request, user)
        if user.language:
            request.language_chosen = user.language

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Queue allauth's message (confirmation, password reset, notices) in the outbox, so a
        mail server that is down only delays it: the outbox's task retries."""
        request = self.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "site_url": settings.SITE_URL,
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        alternatives = {kind: content for content, kind in getattr(message, "alternatives", [])}
        # A fresh token each time: every request for a link is a message of its own (the
        # outbox sends one key once).
        name = template_prefix.rsplit("/", 1)[-1]
        mail_queue(
            to=email,
            subject=message.subject,
            text=message.body,
            html=alternatives.get("text/html"),
            key=f"account:{name}:{secrets.token_urlsafe(16)}",
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )


class MFAAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url: str) -> str:
        """The QR code as an <svg> to put inline in the set-up page, named for screen readers.

        allauth's own page shows it as a data: URI image; inline, it needs nothing more than
        the strict CSP allows (no inline styles: the SVG uses presentation attributes)."""
        svg = super().build_totp_svg(url)
        svg = svg[svg.index("<svg") :]  # an XML declaration means nothing inside HTML
        label = escape(_("QR code to scan with your authenticator app"))
        return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def user_display(user) -> str:
    """How allauth names a person (pages, mail): by email, since usernames are made up at
    sign-up."""
    return user.email or user.get_username()
