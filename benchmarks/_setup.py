"""What every benchmark does first: the repository and the example site on ``sys.path``,
the test settings (unless DJANGO_SETTINGS_MODULE says otherwise), and Django set up."""

import os
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
django.setup()
