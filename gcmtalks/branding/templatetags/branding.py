from django import template
from django.utils.safestring import mark_safe

from gcmtalks.branding import display, tokens

register = template.Library()


@register.simple_tag
def token_properties():
    """The tokens as CSS custom properties (:root { --brand: …; }), for the PDF report's
    <style>. Safe: written by tokens.py, no user input."""
    return mark_safe(tokens.properties_css())  # noqa: S308


@register.simple_tag
def mail_css():
    """Style rules for an HTML mail's <style>, with the tokens' values written out."""
    return mark_safe(tokens.mail_css())  # noqa: S308


@register.simple_tag
def token(name):
    """One colour's value, e.g. {% token "brand" %}."""
    return tokens.colour(name)


@register.inclusion_tag("branding/_social_meta.html")
def social_meta(talk):
    """Open Graph and Twitter tags of a talk page (inside <head>)."""
    return display.social_meta(talk)


@register.inclusion_tag("branding/_workspace_cards.html")
def workspace_cards(talk):
    """The talk's social-media cards, to download, on its workspace page."""
    return display.workspace_cards(talk)
