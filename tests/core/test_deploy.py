import os
import secrets
import subprocess
import sys

import pytest

from tests.factories import TalkFactory


def test_check_deploy_has_no_warnings_under_production_settings():
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS")
    }
    env = {
        **clean,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SITE_URL": "https://gcmtalks.example.org",
        "ALLOWED_HOSTS": "gcmtalks.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/fr/", "/talks/smoke/", "/talks/smoke/register/", "/accounts/login/", "/admin/login/"],
)
def test_pages_have_a_strict_content_security_policy(client, path):
    TalkFactory(slug="smoke", registration_mode="open")
    response = client.get(path, follow=True)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
