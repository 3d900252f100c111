from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static


def mail_files():
    folder = Path(settings.EMAIL_FILE_PATH) if hasattr(settings, "EMAIL_FILE_PATH") else None
    if folder is None or not folder.is_dir():
        return []
    return sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)


def dev_mail(request):
    """Mail written to files in development (DEBUG only)."""
    if not settings.DEBUG:
        raise Http404
    return render(request, "core/dev_mail.html", {"messages_sent": mail_files()})


def dev_mail_message(request, name):
    if not settings.DEBUG:
        raise Http404
    for path in mail_files():
        if path.name == name:
            return HttpResponse(path.read_bytes(), content_type="text/plain; charset=utf-8")
    raise Http404


def favicon(request):
    return redirect(static("img/favicon.svg"), permanent=True)
