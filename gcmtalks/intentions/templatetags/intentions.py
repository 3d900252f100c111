from django import template

from .. import queries

register = template.Library()


@register.inclusion_tag("intentions/_talk_intentions.html")
def talk_intentions(talk):
    """The public follow-up of the talk's pledge intentions: counts and progress, and the
    intentions their speakers agreed to show (never under the Chatham House Rule)."""
    summary = queries.talk_summary(talk)
    return {"talk": talk, "summary": summary, "shown": queries.shown_on_talk(talk)}


@register.inclusion_tag("intentions/_workspace_intentions.html")
def workspace_intentions(talk):
    """The intentions' section on the talk's workspace page."""
    return {"talk": talk, "summary": queries.talk_summary(talk)}
