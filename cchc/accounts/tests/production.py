"""Running the project's code in a subprocess with the production settings (config.settings), as a server would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

LONG_KEY = "k" * 20 + "-production-like-secret-key-for-the-tests-" + "z" * 20


def production_env(**extra: str) -> dict[str, str]:
    """The environment of a production process: config.settings, none of the test or development variables."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "SECRET_KEY_FILE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(DJANGO_SETTINGS_MODULE="config.settings", LANGUAGE="en", LC_ALL="C.UTF-8")
    env.setdefault("DATABASE_URL", f"sqlite:///{Path(settings.BASE_DIR) / 'var' / 'production-test.sqlite3'}")
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=timeout
    )


def run_cchc(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run(["-c", "from config.cli import main; main()", *args], env)
