"""The briefing pack's practices and pledges: one per line, "Title | https://link"."""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

check_url = URLValidator(schemes=["http", "https"])


class Link(NamedTuple):
    title: str
    url: str


def parse_links(text: str) -> list[Link]:
    """The links of `text`, blank lines skipped; ValidationError names each bad line."""
    links, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        title, bar, url = (part.strip() for part in line.rpartition("|"))
        if not bar:
            title, url = url, ""
        if not title:
            errors.append(
                _("Line %(number)d: give a title before the vertical bar.") % {"number": number}
            )
            continue
        try:
            check_url(url)
        except ValidationError:
            errors.append(
                _(
                    "Line %(number)d: after the vertical bar, give a link that starts with "
                    "http:// or https://."
                )
                % {"number": number}
            )
            continue
        links.append(Link(title, url))
    if errors:
        raise ValidationError(errors)
    return links


def validate_links(text: str) -> None:
    parse_links(text)
