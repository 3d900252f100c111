from django import template

from ..queries import matching_pledges

register = template.Library()


@register.inclusion_tag("pledges/_talk_pledges.html")
def talk_pledges(talk, limit=10):
    """Pledges of the GCM pledging dashboard that fit the talk, best first."""
    return {"talk": talk, "pledges": matching_pledges(talk, limit=limit)}
