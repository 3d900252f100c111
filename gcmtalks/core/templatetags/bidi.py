"""Mixed-direction text: a Latin name inside an Arabic sentence (or an Arabic one inside
English) keeps its own direction, and the punctuation at its ends stays with it."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def isolate(value):
    """The value in <bdi>, whose direction comes from its own first letters. For values put
    into translated sentences: `{% blocktranslate with name=speaker.name|isolate %}`."""
    return format_html("<bdi>{}</bdi>", value)
