from django import template

register = template.Library()


@register.simple_tag
def workspace_report(talk):
    """The summary report's section on the talk's workspace page."""
    return ""


@register.simple_tag
def talk_report(talk):
    """The link to the published summary report (web page and PDF) on the public talk page."""
    return ""
