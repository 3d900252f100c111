"""The interface in the six UN languages: every string translated, compiled and in use."""

import ast
import gettext as gnu_gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
# URL prefix -> directory under gcmtalks/locale
LANGUAGES = {"fr": "fr", "es": "es", "ar": "ar", "zh-hans": "zh_Hans", "ru": "ru"}
PLURAL_FORMS = {"fr": 2, "es": 3, "ar": 6, "zh_Hans": 1, "ru": 3}

CALENDAR_HEADING = {
    "fr": "Calendrier des GCM Talks",
    "es": "Calendario de los GCM Talks",
    "ar": "تقويم GCM Talks",
    "zh-hans": "GCM Talks 日历",
    "ru": "Календарь GCM Talks",
}
FIND_TALKS = {
    "fr": "Rechercher des dialogues",
    "es": "Buscar diálogos",
    "ar": "البحث عن الحوارات",
    "zh-hans": "查找对话会",
    "ru": "Поиск диалогов",
}


def po_path(directory: str) -> Path:
    return LOCALE_DIR / directory / "LC_MESSAGES" / "django.po"


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: {"flags": set, "msgctxt", "msgid", "msgid_plural", "msgstr": {i: s}}.

    Obsolete entries (#~) are left out, as msgfmt leaves them out of the .mo file.
    """
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry = {"flags": set(), "msgctxt": None, "msgid_plural": None, "msgstr": {}}
        key = None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                value = ast.literal_eval(line)
                if isinstance(key, int):
                    entry["msgstr"][key] += value
                else:
                    entry[key] += value
            else:
                keyword, value = line.split(" ", 1)
                value = ast.literal_eval(value)
                if keyword.startswith("msgstr"):
                    key = int(keyword[7:-1]) if "[" in keyword else 0
                    entry["msgstr"][key] = value
                else:
                    key = keyword
                    entry[key] = value
        if "msgid" in entry:
            entries.append(entry)
    return entries


@pytest.mark.parametrize("lang", LANGUAGES)
def test_calendar_page_is_translated(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    page = response.content.decode()
    with translation.override(lang):
        assert translation.gettext("GCM Talks calendar") == CALENDAR_HEADING[lang]
        assert translation.gettext("Find talks") == FIND_TALKS[lang]
    assert f"<h1>{CALENDAR_HEADING[lang]}</h1>" in page
    assert f"<legend>{FIND_TALKS[lang]}</legend>" in page
    assert f'lang="{lang}"' in page
    assert ('dir="rtl"' in page) == (lang == "ar")


@pytest.mark.parametrize("directory", LANGUAGES.values())
def test_po_file_has_no_untranslated_or_fuzzy_entry(directory):
    entries = parse_po(po_path(directory))
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == ""
    assert "fuzzy" not in header["flags"]
    assert "Content-Type: text/plain; charset=UTF-8" in header["msgstr"][0]
    assert f"Language: {directory}\n" in header["msgstr"][0]
    assert f"nplurals={PLURAL_FORMS[directory]};" in header["msgstr"][0]
    assert messages, "makemessages found no strings"
    for entry in messages:
        assert "fuzzy" not in entry["flags"], entry["msgid"]
        if entry["msgid_plural"] is None:
            assert list(entry["msgstr"]) == [0], entry["msgid"]
        else:
            assert list(entry["msgstr"]) == list(range(PLURAL_FORMS[directory])), entry["msgid"]
        assert all(text.strip() for text in entry["msgstr"].values()), entry["msgid"]


@pytest.mark.parametrize("directory", LANGUAGES.values())
def test_mo_file_is_compiled_from_the_po_file(directory):
    """The committed .mo holds exactly the .po's translations: run `make messages` after editing."""
    po = po_path(directory)
    with po.with_suffix(".mo").open("rb") as mo:
        catalog = gnu_gettext.GNUTranslations(mo)._catalog
    expected = {}
    for entry in parse_po(po):
        key = entry["msgid"]
        if entry["msgctxt"] is not None:
            key = f"{entry['msgctxt']}\x04{key}"
        if entry["msgid_plural"] is None:
            expected[key] = entry["msgstr"][0]
        else:
            expected |= {(key, i): text for i, text in entry["msgstr"].items()}
    assert {key: value for key, value in catalog.items() if key != ""} == {
        key: value for key, value in expected.items() if key != ""
    }


@pytest.mark.parametrize("directory", LANGUAGES.values())
def test_po_file_passes_msgfmt_check(directory):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("gettext is not installed")
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(po_path(directory))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_youth_refusal_is_in_french():
    with translation.override("fr"):
        text = translation.gettext(
            "GCM Youth Talks are for participants under 30 on the day of the talk."
        )
    assert text == (
        "Les GCM Youth Talks sont réservés aux participants âgés de moins de 30 ans "
        "le jour du dialogue."
    )


def test_geneva_time_reads_naturally_in_french():
    from datetime import UTC, datetime

    from gcmtalks.core.timezones import format_range

    start = datetime(2023, 2, 27, 14, 0, tzinfo=UTC)
    end = datetime(2023, 2, 27, 15, 30, tzinfo=UTC)
    with translation.override("fr"):
        text = format_range(start, end, "Europe/Zurich")
    assert text == "15:00–16:30 heure de Genève (CET, UTC+1)"


def test_every_string_of_the_code_is_in_the_catalogues(tmp_path, settings):
    """What `make messages` would gather today, gathered into a copy: a string added to the
    code or templates but not to the catalogues (not yet translated) fails here."""
    if shutil.which("xgettext") is None:
        pytest.skip("gettext is not installed")
    source = Path(settings.BASE_DIR) / "gcmtalks"
    copy = tmp_path / "gcmtalks"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("locale", "__pycache__",
                                                                "*.mo", "*.po"))  # fmt: skip
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = [copy / "locale"]
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        call_command("makemessages", locale=["fr"], keep_pot=True, verbosity=0,
                     ignore_patterns=["static/*"])  # fmt: skip
    finally:
        os.chdir(here)
    gathered = {(e["msgctxt"], e["msgid"]) for e in parse_po(copy / "locale" / "django.pot")}
    gathered.discard((None, ""))
    for directory in LANGUAGES.values():
        known = {(e["msgctxt"], e["msgid"]) for e in parse_po(po_path(directory))}
        missing = sorted(str(key) for key in gathered - known)
        assert not missing, f"{directory}: run `make messages` and translate {missing[:10]}"
