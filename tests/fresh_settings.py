"""Settings as a server would load them: ``config.settings`` imported in a fresh interpreter
with the environment given, for the tests that settings come from the environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fresh_settings(printed: str, **env: str) -> subprocess.CompletedProcess:
    """Import the settings as ``s`` and print ``printed`` (an expression over ``s``); DEBUG
    and SECRET_KEY come only from ``env``."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "-c", f"import config.settings as s; print({printed})"],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        check=False,
    )
