from gcmtalks.core.email_url import parse_email_url
from tests.processes import run_django


def run_settings(**env):
    code = "import django; from django.conf import settings; settings.DEBUG"
    return run_django(code, unset=("SECRET_KEY", "DEBUG"), **env)


def test_production_without_a_secret_key_fails_fast_with_a_clear_message():
    result = run_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_development_runs_without_a_secret_key():
    assert run_settings(DEBUG="1").returncode == 0


def test_email_url_smtp():
    settings = parse_email_url("smtp://user:p%40ss@mail.example.org:2525?starttls=1")
    assert settings["EMAIL_HOST"] == "mail.example.org"
    assert settings["EMAIL_PORT"] == 2525
    assert settings["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert settings["EMAIL_USE_TLS"] is True


def test_email_url_file_default():
    assert parse_email_url("file:///tmp/mail")["EMAIL_FILE_PATH"] == "/tmp/mail"


def default_storage_with(**env) -> list[str]:
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import default_storage as s; s._setup();"
        "print(type(s._wrapped).__name__, getattr(s, 'bucket_name', ''),"
        " getattr(s, 'endpoint_url', ''), getattr(s, 'default_acl', ''))"
    )
    result = run_django(code, unset=("SECRET_KEY",), DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_uploads_go_to_an_s3_compatible_store_when_a_bucket_is_set():
    assert default_storage_with(
        S3_BUCKET="gcm-files", S3_ENDPOINT_URL="https://s3.example.org"
    ) == [
        "S3Storage",
        "gcm-files",
        "https://s3.example.org",
        "private",
    ]
    assert default_storage_with() == ["FileSystemStorage"]
