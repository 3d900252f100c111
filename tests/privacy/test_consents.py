from django.urls import reverse
from django.utils import timezone

from gcmtalks.privacy import people
from gcmtalks.privacy.models import Consent, ConsentText
from gcmtalks.registrations.models import Registration
from tests.registrations.conftest import open_talk, person  # noqa: F401


def publish(version, text):
    return ConsentText.objects.create(
        kind="registration", version=version, texts={"en": text, "fr": f"FR {text}"},
        published_at=timezone.now(),
    )  # fmt: skip


def test_the_form_shows_the_current_text_and_the_shown_version_is_recorded(client, open_talk):  # noqa: F811
    publish(1, "First wording.")
    publish(2, "We keep your details 12 months after the talk.")
    url = reverse("registrations:register", args=[open_talk.slug])
    page = client.get(url).content.decode()
    assert "We keep your details 12 months" in page and "First wording" not in page

    response = client.post(url, {**person(1), "attendance_mode": "online", "consent_version": "2"})
    assert response.status_code == 302, response.content.decode()[:2000]
    consent = Consent.objects.get()
    assert consent.registration == Registration.objects.get(email="person1@example.org")
    assert consent.text.version == 2
    exported = people.export(people.find_person("person1@example.org"))["consents"]
    assert exported[0]["text"].endswith("v2")


def test_a_forged_version_records_nothing_and_never_fails(client, open_talk):  # noqa: F811
    publish(1, "Wording.")
    url = reverse("registrations:register", args=[open_talk.slug])
    for forged in ("99", "x", ""):
        data = {**person(forged or "n"), "attendance_mode": "online", "consent_version": forged}
        assert client.post(url, data).status_code == 302
    assert not Consent.objects.exists()
    assert Registration.objects.count() == 3
