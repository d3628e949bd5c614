"""Every dotted path docs/developers.md names in backticks is importable."""

import importlib
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "developers.md"
SPAN = re.compile(r"`([^`\n]+)`")
# The dotted path a span starts with: `wagtail_advocacy.sharing.services.record_share(...)`
# names wagtail_advocacy.sharing.services.record_share; a file path (`wagtail_advocacy/...`) none.
PATH = re.compile(r"wagtail_advocacy(?:\.[A-Za-z_][A-Za-z0-9_]*)*(?![A-Za-z0-9_/])")
# System check ids (`wagtail_advocacy.E001`) share the prefix but name no Python object.
CHECK_ID = re.compile(r"wagtail_advocacy\.[CEIW]\d{3}")
MINIMUM = 10


def documented_paths():
    found = set()
    for span in SPAN.findall(DOC.read_text(encoding="utf-8")):
        match = PATH.match(span.strip())
        if match:
            found.add(match.group())
    return sorted(path for path in found if not CHECK_ID.fullmatch(path))


def resolves(dotted):
    """Import the longest importable prefix of ``dotted``, then ``getattr`` the rest."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for name in parts[cut:]:
                target = getattr(target, name)
        except AttributeError:
            return False
        return True
    return False


def test_the_developer_guide_names_enough_paths():
    paths = documented_paths()
    assert len(paths) >= MINIMUM, f"docs/developers.md names only {len(paths)}: {paths}"


def test_every_path_in_the_developer_guide_resolves():
    broken = [path for path in documented_paths() if not resolves(path)]
    assert not broken, "docs/developers.md names paths that do not resolve:\n" + "\n".join(broken)
