from django import template

from ..queries import talk_practices as accepted_at_talk

register = template.Library()


@register.inclusion_tag("hub/_talk_practices.html")
def talk_practices(talk):
    """The accepted practices presented at a talk, and a link to submit one from it."""
    return {"talk": talk, "practices": accepted_at_talk(talk)}
