from django import template
from django.utils.translation import get_language

from ..queries import shown_text
from ..queries import talk_practices as accepted_at_talk

register = template.Library()


@register.inclusion_tag("hub/_talk_practices.html")
def talk_practices(talk):
    """The accepted practices presented at a talk, and a link to submit one from it."""
    return {"talk": talk, "practices": accepted_at_talk(talk)}


@register.simple_tag
def practice_text(practice):
    """The practice's title and summary in the page's language, or the fallback (queries.Shown)."""
    return shown_text(practice, get_language())
