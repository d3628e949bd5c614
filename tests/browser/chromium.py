"""How the browser tests and ``scripts/screenshots.py`` launch Debian's Chromium (never a
browser Playwright downloads). No Django import: the screenshot script runs without the
test settings."""

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("ADVOCACY_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
