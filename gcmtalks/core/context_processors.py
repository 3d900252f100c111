from django.conf import settings


def site(request):
    return {"DEBUG": settings.DEBUG, "CALENDAR_TIME_ZONE": settings.CALENDAR_TIME_ZONE}
