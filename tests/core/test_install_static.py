"""``collectstatic`` with the hashed storage a production site uses.

``ManifestStaticFilesStorage`` rewrites the references inside CSS and JavaScript files,
``sourceMappingURL`` comments included, and fails when a referenced file is missing: a
vendored file must not point at a source map the package does not ship.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

PACKAGE_STATIC = Path(__file__).resolve().parents[2] / "wagtail_advocacy" / "static"


def package_static_files():
    return sorted(
        path.relative_to(PACKAGE_STATIC).as_posix()
        for path in PACKAGE_STATIC.rglob("*")
        if path.is_file()
    )


def test_collectstatic_succeeds_with_the_manifest_storage(tmp_path):
    static_root = tmp_path / "static"
    storages = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        },
    }
    with override_settings(STATIC_ROOT=str(static_root), STORAGES=storages):
        # The finders cache their storages: start from fresh ones under the new settings.
        finders.get_finder.cache_clear()
        try:
            call_command("collectstatic", interactive=False, verbosity=0)
        finally:
            finders.get_finder.cache_clear()

    manifest = json.loads((static_root / "staticfiles.json").read_text(encoding="utf-8"))
    paths = manifest["paths"]
    ours = package_static_files()
    assert "wagtail_advocacy/vendor/chartjs/chart.umd.min.js" in ours
    missing = [name for name in ours if name not in paths]
    assert not missing, f"not in the manifest: {missing}"
    for name in ours:
        assert (static_root / paths[name]).is_file(), name
