from django import template

from gcmtalks.privacy.consents import current

register = template.Library()


@register.simple_tag
def current_consent(kind):
    """The current published text of `kind`, or None."""
    return current(kind)
