"""The Chatham House check: which names of people, organisations and Member States appear in a
report's texts. Pure: callers pass the texts and the names (see queries.chatham_findings).

Matching ignores letter case, accents and spacing, and takes whole words only, so "Mali" is
found in "MALI" and "mali's" but not in "Somalia"."""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

SPEAKER = "speaker"
REGISTRANT = "registrant"
MEMBER_STATE = "member_state"
ORGANISATION = "organisation"
KINDS = {
    SPEAKER: _("Speaker"),
    REGISTRANT: _("Registrant"),
    MEMBER_STATE: _("Member State"),
    ORGANISATION: _("Organisation"),
}

# A name this short (after normalising) would match too much to mean anything.
MIN_LENGTH = 2

# The same apostrophe or dash typed in different ways, before NFKD (which would turn "´" into
# a space and an accent).
SAME_MARKS = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-"}
)
# Letters NFKD does not take apart but people write without their stroke or ligature.
PLAIN_LETTERS = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe"}
)

# A letter or digit that continues a word. Chinese and Japanese are written without spaces,
# so their characters do not: "张伟" is found in "张伟说", and a Latin name beside them too.
NO_SPACE_SCRIPTS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD = rf"[^\W_{NO_SPACE_SCRIPTS}]"


def normalise(text: str) -> str:
    """Without accents or case, one space between words: "Zoë  MÜLLER" -> "zoe muller"."""
    text = unicodedata.normalize("NFKD", text.translate(SAME_MARKS))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.casefold().translate(PLAIN_LETTERS).split())


@dataclass(frozen=True)
class Name:
    kind: str
    name: str


@dataclass(frozen=True)
class Finding:
    kind: str
    name: str
    key: str  # the normalised name: what a justification is given for
    language: str  # "" for text that is the same in every language (the agenda)
    section: str


def find(texts: Iterable[tuple[str, str, str]], names: Iterable[Name]) -> list[Finding]:
    """Each name found in each (language, section, text), names in the order given."""
    prepared = [(language, section, normalise(text)) for language, section, text in texts]
    prepared = [item for item in prepared if item[2]]
    findings, seen = [], set()
    for name in names:
        key = normalise(name.name)
        if len(key) < MIN_LENGTH or (name.kind, key) in seen:
            continue
        seen.add((name.kind, key))
        pattern = re.compile(rf"(?<!{WORD}){re.escape(key)}(?!{WORD})")
        for language, section, text in prepared:
            # The substring test is cheap and rules out most texts before the regex runs.
            if key in text and pattern.search(text):
                findings.append(Finding(name.kind, name.name.strip(), key, language, section))
    return findings


@dataclass
class Group:
    """One name with every kind it has and every place it was found."""

    key: str
    name: str
    kinds: list[str] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)  # (language, section)


def grouped(findings: Iterable[Finding]) -> list[Group]:
    groups: dict[str, Group] = {}
    for finding in findings:
        group = groups.setdefault(finding.key, Group(finding.key, finding.name))
        if finding.kind not in group.kinds:
            group.kinds.append(finding.kind)
        place = (finding.language, finding.section)
        if place not in group.places:
            group.places.append(place)
    return list(groups.values())


def unresolved(findings: Iterable[Finding], justified: Iterable[str]) -> list[Finding]:
    """The findings whose name has no justification."""
    keys = set(justified)
    return [finding for finding in findings if finding.key not in keys]
