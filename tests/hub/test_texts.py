"""A practice's title and summary in other languages: written by the submitter or the
secretariat, read in the reader's language, else English, else the practice's own language,
with a note saying which."""

import pytest

from gcmtalks.core.models import AuditEntry
from gcmtalks.hub.models import Practice, PracticeText
from tests.hub.conftest import make_practice, practice_data

pytestmark = pytest.mark.django_db

ACCEPTED = Practice.Status.ACCEPTED


def page(client, path, language="en"):
    prefix = "" if language == "en" else f"/{language}"
    return client.get(prefix + path, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_submitter_writes_the_practice_in_french_with_an_english_title(client, people):
    client.force_login(people.submitter)
    data = practice_data(language="fr", title="Corridors de recrutement équitable",
                         **{"texts-title_en": "Fair recruitment corridors",
                            "texts-summary_en": "Zero fees for workers.",
                            "texts-title_es": "Corredores de contratación equitativa"})  # fmt: skip
    client.post("/fr/hub/submit/", data)
    practice = Practice.objects.get()
    assert practice.language == "fr" and practice.title == "Corridors de recrutement équitable"
    texts = {t.language: (t.title, t.summary) for t in practice.texts.all()}
    assert texts == {"en": ("Fair recruitment corridors", "Zero fees for workers."),
                     "es": ("Corredores de contratación equitativa", "")}  # fmt: skip
    assert AuditEntry.objects.filter(action="practice.texts", object_id=str(practice.pk)).exists()

    # The form offers the other five languages, not the one it is written in.
    form = page(client, f"/hub/mine/{practice.pk}/edit/", "fr")
    assert 'name="texts-title_en"' in form and 'name="texts-title_fr"' not in form
    assert 'value="Fair recruitment corridors"' in form


def test_readers_get_their_language_else_english_else_the_original(client, people):
    practice = make_practice(people.submitter, ACCEPTED, language="fr",
                             title="Corridors équitables", summary="Sans frais.")  # fmt: skip
    path = f"/hub/{practice.pk}/"
    french = page(client, path, "fr")
    assert "Corridors équitables" in french and "in-english-only" not in french

    # Only the French text: every other reader gets it with the note, marked as French.
    spanish = page(client, path, "es")
    assert '<bdi lang="fr">Corridors équitables</bdi>' in spanish
    assert "Disponible solo en francés." in spanish

    # An English text comes before the original for readers of other languages.
    PracticeText.objects.create(practice=practice, language="en", title="Fair corridors",
                                summary="No fees.")  # fmt: skip
    spanish = page(client, path, "es")
    assert '<bdi lang="en">Fair corridors</bdi>' in spanish and "No fees." in spanish
    assert "Disponible solo en inglés." in spanish
    english = page(client, path, "en")
    assert "Fair corridors" in english and "in-english-only" not in english

    # Their own language, when there is one, without a note; the list and talk pages agree.
    PracticeText.objects.create(practice=practice, language="ar", title="ممرات عادلة")
    arabic = page(client, path, "ar")
    assert '<bdi lang="ar">ممرات عادلة</bdi>' in arabic and "in-english-only" not in arabic
    listing = page(client, "/hub/", "ar")
    assert "ممرات عادلة" in listing and "Corridors équitables" not in listing
    listing = page(client, "/hub/", "ru")
    assert "Fair corridors" in listing and "in-english-only" in listing


def test_search_finds_a_practice_by_its_translated_title(client, people):
    practice = make_practice(people.submitter, ACCEPTED, title="Corridors équitables",
                             language="fr")  # fmt: skip
    PracticeText.objects.create(practice=practice, language="en", title="Fair corridors")
    assert "Fair corridors" in page(client, "/hub/?q=fair")
    assert "No practices match these filters." in page(client, "/hub/?q=nothing-like-it")


def test_secretariat_translates_an_accepted_practice(client, people):
    practice = make_practice(people.submitter, ACCEPTED, title="Fair corridors")
    client.force_login(people.secretariat)
    url = f"/manage/practices/{practice.pk}/texts/"
    form = client.get(url).content.decode()
    assert 'name="texts-title_fr"' in form and 'name="texts-title_en"' not in form
    answer = client.post(url, {"texts-title_fr": "Corridors équitables",
                               "texts-summary_fr": "Sans frais."}, follow=True)  # fmt: skip
    assert "The translations are saved." in answer.content.decode()
    assert practice.texts.get().title == "Corridors équitables"
    assert "Corridors équitables" in page(client, f"/hub/{practice.pk}/", "fr")

    # Emptied, the translation goes.
    client.post(url, {"texts-title_fr": "", "texts-summary_fr": ""})
    assert not practice.texts.exists()


def test_translations_with_bad_input_save_nothing(client, people):
    practice = make_practice(people.submitter, ACCEPTED, title="Fair corridors")
    PracticeText.objects.create(practice=practice, language="fr", title="Corridors équitables")
    client.force_login(people.secretariat)
    url = f"/manage/practices/{practice.pk}/texts/"
    for data, message in (
        ({"texts-title_es": "", "texts-summary_es": "Sin costes."},
         "Give the title in this language too."),
        ({"texts-title_fr": "x" * 201}, "Ensure this value has at most 200 characters"),
    ):  # fmt: skip
        answer = client.post(url, data)
        assert answer.status_code == 400 and message in answer.content.decode()
        assert [(t.language, t.title) for t in practice.texts.all()] == [
            ("fr", "Corridors équitables")
        ]

    # The submitter's form refuses it too, and keeps the draft as it was.
    draft = make_practice(people.submitter, title="Draft title")
    client.force_login(people.submitter)
    answer = client.post(f"/hub/mine/{draft.pk}/edit/", practice_data(
        title="Changed", **{"texts-summary_fr": "Résumé sans titre"}))  # fmt: skip
    assert answer.status_code == 422
    assert "Give the title in this language too." in answer.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Draft title" and not draft.texts.exists()


def test_only_the_secretariat_translates_in_the_workspace(client, people):
    practice = make_practice(people.submitter, ACCEPTED)
    url = f"/manage/practices/{practice.pk}/texts/"
    client.force_login(people.submitter)
    assert client.get(url).status_code in (403, 404)
    client.force_login(people.member)
    assert client.get(url).status_code in (403, 404)
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(people.member)
    client.post(url, {"texts-title_fr": "Pirate"})
    assert not practice.texts.exists()


def test_export_carries_the_translations(client, people):
    practice = make_practice(people.submitter, ACCEPTED, title="Corridors", language="fr")
    PracticeText.objects.create(practice=practice, language="en", title="Corridors",
                                summary="No fees.")  # fmt: skip
    data = client.get("/hub/export.json").json()["practices"][0]
    assert data["written_in"] == "fr"
    assert data["translations"] == {"en": {"title": "Corridors", "summary": "No fees."}}
