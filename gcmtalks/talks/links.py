"""'Add to calendar' links for one talk."""

from datetime import UTC
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from .ics import description, location
from .models import Talk


def calendar_links(talk: Talk) -> dict:
    start, end = talk.start.astimezone(UTC), talk.end.astimezone(UTC)
    details, place = description(talk), location(talk)
    google = urlencode(
        {
            "action": "TEMPLATE",
            "text": talk.title,
            "dates": f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}",
            "details": details,
            "location": place,
        }
    )
    outlook = urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": talk.title,
            "startdt": f"{start:%Y-%m-%dT%H:%M:%SZ}",
            "enddt": f"{end:%Y-%m-%dT%H:%M:%SZ}",
            "body": details,
            "location": place,
        }
    )
    return {
        "ics": reverse("talks:talk_ics", kwargs={"slug": talk.slug}),
        "google": f"https://calendar.google.com/calendar/render?{google}",
        "outlook": f"https://outlook.office.com/calendar/0/deeplink/compose?{outlook}",
        "feed": settings.SITE_URL + reverse("talks:calendar_ics"),
    }
