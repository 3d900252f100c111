"""A talk's title and summary in each UN language, written on the workspace form; where a
language has none, the English text shows with a note saying so."""

import re

import pytest
from django.urls import reverse

from gcmtalks.talks.models import Talk
from tests.factories import OrganiserFactory, TalkFactory

pytestmark = pytest.mark.django_db


def test_a_talk_in_french_and_in_english_only(client):
    TalkFactory(slug="fair", title="Fair recruitment", summary="Fees and contracts.",
                title_fr="Recrutement équitable", summary_fr="Frais et contrats.")  # fmt: skip
    french = client.get("/fr/talks/fair/").text
    assert "Recrutement équitable" in french and "Frais et contrats." in french
    assert "Available in English only" not in french and "Disponible uniquement" not in french
    spanish = client.get("/es/talks/fair/").text
    assert re.search(r'<h1 id="talk-title" lang="en">(<bdi>)?Fair recruitment', spanish)
    assert 'class="in-english-only"' in spanish
    english = client.get("/talks/fair/").text
    assert 'class="in-english-only"' not in english


def test_only_the_summary_missing_is_noted_too(client):
    TalkFactory(slug="fair", title="Fair recruitment", summary="Fees.", title_ru="Набор")
    page = client.get("/ru/talks/fair/").text
    assert re.search(r'<h1 id="talk-title">(<bdi>)?Набор', page)
    assert re.search(r'<p class="lead"[^>]* lang="en">Fees.</p>', page)
    assert 'class="in-english-only"' in page


def test_a_workstream_description_falls_back_with_the_note(client):
    OrganiserFactory(slug="ws", name="Labour", description="About labour.", name_ar="العمل")
    page = client.get("/ar/workstreams/ws/").text
    assert 'class="in-english-only"' in page and 'lang="en"' in page


def test_the_workspace_form_writes_each_language(member_client, workstream):
    talk = TalkFactory(slug="fair", title="Fair recruitment", status=Talk.Status.DRAFT)
    talk.organisers.add(workstream)
    page = member_client.get(reverse("talks_workspace:talk_edit", args=["fair"]))
    assert "Title (français)" in page.text and "Summary (العربيّة)" in page.text
    from gcmtalks.talks.services import talk_form_data

    data = {**talk_form_data(talk), "title_fr": "Recrutement équitable",
            "summary_ar": "رسوم وعقود", "organisers": ["ws-labour"]}  # fmt: skip
    response = member_client.post(reverse("talks_workspace:talk_edit", args=["fair"]), data)
    assert response.status_code == 302, response.text[:3000]
    talk.refresh_from_db()
    assert talk.title_fr == "Recrutement équitable" and talk.summary_ar == "رسوم وعقود"
    assert talk.title_en == "Fair recruitment"
