"""Django in a process of its own, for what a test's process cannot change: settings read at
start-up, a database that is not there, logging set up from the environment."""

import os
import subprocess
import sys


def run_django(code: str, *, unset=(), **env) -> subprocess.CompletedProcess:
    """Run `code` with gcmtalks.settings and this environment, less `unset`, plus `env`."""
    kept = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**kept, "DJANGO_SETTINGS_MODULE": "gcmtalks.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
