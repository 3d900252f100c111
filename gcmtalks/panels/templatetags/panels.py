from django import template

register = template.Library()


@register.simple_tag
def workspace_panel(talk):
    """The panel's section on the talk's workspace page (speakers, balance figures)."""
    return ""


@register.simple_tag
def talk_panel(talk):
    """The panel and agenda on the public talk page."""
    return ""
