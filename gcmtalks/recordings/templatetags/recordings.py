from django import template

register = template.Library()


@register.simple_tag
def workspace_recording(talk):
    """The recording's section on the talk's workspace page."""
    return ""


@register.simple_tag(takes_context=True)
def talk_recording(context, talk):
    """The recording (embedded where the host allows it) on the public talk page."""
    return ""
