from django import template
from django.utils import timezone

from gcmtalks.talks.workspace_queries import moment

from .. import queries

register = template.Library()


@register.inclusion_tag("briefings/_workspace_briefing.html")
def workspace_briefing(talk):
    """The briefing pack's section on the talk's workspace page: when it goes or went, and
    how many were sent."""
    pack = queries.pack_of(talk)
    return {
        "talk": talk,
        "pack": pack,
        "goes": moment(pack.goes_at),
        "went": moment(pack.sent_at) if pack.sent_at else "",
        "ended": talk.end <= timezone.now(),
        "sent_count": pack.deliveries.count() if pack.pk else 0,
    }


@register.inclusion_tag("briefings/_workspace_checklist.html")
def workspace_checklist(talk):
    """The publication checklist's section on the talk's workspace page (its defaults until
    the checklist page saves them)."""
    return {"talk": talk, "entries": queries.talk_entries(talk, timezone.now())}


@register.inclusion_tag("briefings/_overdue.html", takes_context=True)
def overdue_items(context):
    """The overdue checklist items of the talks the signed-in organiser organises."""
    request = context.get("request")
    if request is None:
        return {"entries": []}
    return {"entries": queries.overdue(request.user, timezone.now())}
