from django import template

register = template.Library()


@register.simple_tag
def workspace_documents(talk):
    """The documents' section on the talk's workspace page."""
    return ""


@register.simple_tag(takes_context=True)
def talk_documents(context, talk):
    """The documents the viewer may see, on the public talk page, in the page's language."""
    return ""
