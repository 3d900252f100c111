import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_prod(var_dir, **env):
    clean = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    return subprocess.run(
        [sys.executable, str(ROOT / "bin" / "prod")],
        # Nothing listens on port 1: bin/prod stops when it prepares the database.
        env={**clean, "VAR_DIR": str(var_dir), "DATABASE_URL": "postgres://u@127.0.0.1:1/x", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_a_secret_key_one_is_made_once_readable_only_by_its_owner(tmp_path):
    first = run_prod(tmp_path)
    kept = tmp_path / "prod-secret-key"
    assert "made one and kept it in" in first.stderr
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    key = kept.read_text()
    assert len(key) >= 50
    second = run_prod(tmp_path)
    assert "using the one kept in" in second.stderr
    assert kept.read_text() == key
    assert first.returncode != 0  # and it says so instead of serving without a database


def test_a_given_secret_key_is_not_written_anywhere(tmp_path):
    run_prod(tmp_path, SECRET_KEY="given-" + "k" * 50)
    assert not (tmp_path / "prod-secret-key").exists()
