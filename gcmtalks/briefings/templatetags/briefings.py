from django import template

register = template.Library()


@register.simple_tag
def workspace_briefing(talk):
    """The briefing pack's section on the talk's workspace page."""
    return ""


@register.simple_tag
def workspace_checklist(talk):
    """The publication checklist's section on the talk's workspace page."""
    return ""


@register.simple_tag(takes_context=True)
def overdue_items(context):
    """The overdue checklist items of the talks the signed-in organiser organises."""
    return ""
