"""docs/privacy.md's inventory follows the models: a new model that names a person fails
here until the data-protection officer's page lists it."""

import re
from pathlib import Path

from django.apps import apps

from tests.core.test_personal_data import _models_naming_a_person
from wagtail_advocacy.core.registries import personal_data

DOC = Path(__file__).resolve().parents[2] / "docs" / "privacy.md"


def inventory() -> dict[str, str]:
    """``{model name: its "My data" column}`` from the inventory's table."""
    section = DOC.read_text().split("## Inventory", 1)[1].split("\n## ", 1)[0]
    listed = {}
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        for name in re.findall(r"`(\w+)`", cells[0]):
            listed[name] = cells[5]
    return listed


def test_every_model_that_names_a_person_is_in_the_inventory():
    listed = inventory()
    naming = {label.split(".")[1] for label in _models_naming_a_person()}
    assert not naming - set(listed), f"add to docs/privacy.md: {sorted(naming - set(listed))}"


def test_the_inventory_names_only_models_that_exist():
    models = {model.__name__ for model in apps.get_app_config("wagtail_advocacy").get_models()}
    assert set(inventory()) <= models


def test_what_the_inventory_says_is_downloaded_is_exported():
    exported = {
        label.split(".")[1] for part in personal_data if part.export for label in part.models
    }
    for name, in_my_data in inventory().items():
        if f"wagtail_advocacy.{name}" not in _models_naming_a_person():
            continue  # the download covers the models that name a person
        assert (name in exported) == in_my_data.startswith("yes"), name
