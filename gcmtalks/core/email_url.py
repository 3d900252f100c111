"""EMAIL_URL → Django e-mail settings.

smtp://user:password@host:port (smtps:// for TLS, ?starttls=1), file:///path, console:, locmem:
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}


def parse_email_url(url: str) -> dict:
    parts = urlsplit(url)
    backend = BACKENDS.get(parts.scheme)
    if backend is None:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {parts.scheme!r} is not one of {', '.join(sorted(BACKENDS))}."
        )
    settings = {"EMAIL_BACKEND": backend}
    if parts.scheme == "file":
        settings["EMAIL_FILE_PATH"] = unquote(parts.path)
    elif parts.scheme in ("smtp", "smtps"):
        query = parse_qs(parts.query)
        settings.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if parts.scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_USE_TLS=query.get("starttls", ["0"])[0] in ("1", "true"),
            EMAIL_TIMEOUT=10,
        )
    return settings
