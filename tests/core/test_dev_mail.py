import re

import pytest
from django.core.mail import send_mail


@pytest.fixture
def mail_to_files(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)


def test_development_mail_is_listed_and_readable(client, settings, mail_to_files):
    settings.DEBUG = True
    send_mail("Your registration", "See you on Monday.", "gcm@example.org", ["a@example.org"])
    page = client.get("/dev/mail/").content.decode()
    (name,) = re.findall(r'href="/dev/mail/([^"]+\.log)"', page)
    assert "See you on Monday." in client.get(f"/dev/mail/{name}").content.decode()
    assert client.get("/dev/mail/../../etc/passwd").status_code == 404


def test_development_mail_is_hidden_in_production(client, mail_to_files):
    send_mail("Private", "Not for the public.", "gcm@example.org", ["a@example.org"])
    assert client.get("/dev/mail/").status_code == 404
