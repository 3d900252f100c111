"""Each document in the page's language when it exists, otherwise English, otherwise the first
version there is; the page says which language is shown."""

import re

import pytest
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext

from gcmtalks.documents.queries import version_for
from tests.documents.conftest import PDF, add_document

pytestmark = pytest.mark.django_db


def links(page):
    """(hreflang, link text) of each document on the page."""
    section = page.split('id="documents-heading"')[1].split("</section>")[0]
    return re.findall(r'<a href="[^"]+" hreflang="([^"]+)">([^<]+)</a>', section)


def shown_as(language, shown, wanted):
    with translation.override(language):
        return gettext("%(shown)s – not available in %(wanted)s") % {
            "shown": gettext(shown),
            "wanted": gettext(wanted).lower(),  # within a sentence
        }


def test_french_page_shows_the_french_version(client, talk):
    add_document(talk, title="Concept note", versions=[("en", "note.pdf"), ("fr", "note-fr.pdf")])
    page = client.get(f"/fr/talks/{talk.slug}/").content.decode()
    assert links(page) == [("fr", "Concept note")]
    assert "/fr/talks/labour-talk/documents/" in page
    assert "not available" not in page


def test_spanish_page_falls_back_to_english_and_says_so(client, talk):
    add_document(talk, title="Concept note", versions=[("en", "note.pdf"), ("fr", "note-fr.pdf")])
    page = client.get(f"/es/talks/{talk.slug}/").content.decode()
    assert links(page) == [("en", "Concept note")]
    assert shown_as("es", "English", "Spanish") in page


def test_without_english_the_first_version_is_shown(client, talk):
    add_document(talk, title="Agenda", kind="agenda", versions=[("ru", "a.pdf"), ("ar", "b.pdf")])
    page = client.get(f"/zh-hans/talks/{talk.slug}/").content.decode()
    assert links(page) == [("ar", "Agenda")]  # the order of settings.LANGUAGES
    assert shown_as("zh-hans", "Arabic", "Chinese") in page


def test_documents_in_reading_order_with_size_and_type(client, talk):
    add_document(talk, title="Slides", kind="presentation", versions=[("en", "slides.pptx")])
    add_document(talk, title="Paper", kind="background", versions=[("en", "Prog.txt")])
    add_document(talk, title="Agenda", kind="agenda")
    add_document(talk, title="Concept note")
    page = client.get(f"/talks/{talk.slug}/").content.decode()
    assert [title for _lang, title in links(page)] == ["Concept note", "Agenda", "Paper", "Slides"]
    assert f'PDF, <bdi dir="ltr">{filesizeformat(len(PDF))}</bdi>' in page
    assert "Background paper · Text" in page


def test_version_choice_prefers_page_then_english_then_first(talk):
    document = add_document(talk, versions=[("es", "a.pdf"), ("en", "b.pdf"), ("ar", "c.pdf")])
    assert version_for(document, "es").language == "es"
    assert version_for(document, "fr").language == "en"
    document = add_document(talk, versions=[("ru", "a.pdf"), ("zh-hans", "b.pdf")])
    assert version_for(document, "fr").language == "zh-hans"
