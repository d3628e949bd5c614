"""A training in English and another in French on one site without Wagtail i18n: each page
is shown in its own language (its Wagtail locale), and "My training" counts the modules of
the reader's language only."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from tests import factories
from wagtail_advocacy.models import TrainingIndexPage, TrainingModulePage

MY_TRAINING = reverse("wagtail_advocacy:my_training")


@pytest.fixture
def french(db):
    return Locale.objects.create(language_code="fr")


@pytest.fixture
def formation(root_page, french):
    """A French index, as the demo's /formation/: its modules take its locale."""
    return root_page.add_child(
        instance=TrainingIndexPage(title="Formation", slug="formation", locale=french)
    )


@pytest.fixture
def both(make_module, formation):
    english = [make_module(title="Share as yourself"), make_module(title="Answer comments")]
    french = [factories.training_module(formation, title="Partager en son nom")]
    return english, french


def test_modules_added_under_the_french_index_are_french(both, french):
    english, modules = both
    assert {m.locale for m in modules} == {french}
    assert {m.locale for m in english} == {Locale.get_default()}


def test_my_training_counts_only_the_modules_of_the_readers_language(employee_client, both):
    content = employee_client.get(MY_TRAINING, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You passed 0 modules out of 2." in content
    assert "Share as yourself" in content and "Partager en son nom" not in content

    content = employee_client.get(MY_TRAINING, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Vous avez réussi 0 module sur 1." in content
    assert "Partager en son nom" in content and "Share as yourself" not in content


def test_a_reader_whose_language_has_no_training_sees_the_default_languages(
    employee_client, make_module, french
):
    make_module(title="Share as yourself")
    response = employee_client.get(MY_TRAINING, HTTP_ACCEPT_LANGUAGE="fr")
    assert [s.module.title for s in response.context["statuses"]] == ["Share as yourself"]


def test_the_french_index_is_in_french_for_an_english_browser(employee_client, both, formation):
    response = employee_client.get(formation.url, HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in content
    assert "Ma formation : où vous en êtes et quoi suivre ensuite" in content
    assert "Non commencé" in content and "Not started" not in content
    assert "Partager en son nom" in content and "Share as yourself" not in content
    # The host's base template around it too (the example's navigation and footer).
    assert "Espace de partage" in content and "usage interne uniquement" in content


def test_a_french_module_is_in_french_for_an_english_browser(employee_client, both):
    module = both[1][0]
    content = employee_client.get(module.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fr">' in content
    assert "Leçon 1 sur 3" in content and "Lesson 1 of 3" not in content


def test_the_main_language_index_follows_the_readers_language(
    employee_client, both, training_index
):
    """Pages in the default locale are read by everyone: a French employee gets French
    labels around them (an English one, English labels), and only this index's modules."""
    response = employee_client.get(training_index.url, HTTP_ACCEPT_LANGUAGE="fr")
    content = response.content.decode()
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in content
    assert "Ma formation : où vous en êtes et quoi suivre ensuite" in content
    assert "Partager en son nom" not in content  # the French modules are not its own
    english = employee_client.get(training_index.url, HTTP_ACCEPT_LANGUAGE="en")
    assert "My training: where you are and what to take next" in english.content.decode()


def test_with_a_single_locale_pages_follow_the_readers_language(
    employee_client, module, training_index
):
    """A site that never added a second locale has said nothing about its pages' language."""
    assert Locale.objects.count() == 1
    content = employee_client.get(training_index.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Ma formation : où vous en êtes et quoi suivre ensuite" in content


def test_a_french_quiz_result_is_in_french_for_an_english_browser(employee, employee_client, both):
    """The result of the quiz, and a refused submission's message, in the module's language."""
    module = both[1][0]
    url = reverse("wagtail_advocacy:training_quiz", args=[module.pk])
    refused = employee_client.post(url, {}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fr">' in refused
    assert "Répondez à toutes les questions" in refused
    form = employee_client.get(f"{module.url}?quiz=1").context["quiz_form"]
    ticks = {name: [field.choices[0][0]] for name, field in form.fields.items()}
    result = employee_client.post(url, ticks, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Votre score" in result and "Your score" not in result


def test_a_certificate_is_in_its_modules_language(employee, employee_client, both):
    module = both[1][0]
    factories.pass_quiz(employee, module)
    url = reverse("wagtail_advocacy:training_certificate", args=[module.pk])
    content = employee_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Attestation de réussite" in content and "Certificate of completion" not in content
    assert '<html lang="fr">' in content


@pytest.mark.django_db
def test_the_demo_french_training_is_french_and_counted_apart(client):
    call_command("advocacy_demo", "--force", stdout=io.StringIO())
    formation = TrainingIndexPage.objects.get(slug="formation")
    french = TrainingModulePage.objects.descendant_of(formation, inclusive=False)
    assert {m.locale.language_code for m in french} == {"fr"}
    assert formation.locale.language_code == "fr"
    english = TrainingIndexPage.objects.get(slug="training")
    assert english.locale == Locale.get_default()

    client.force_login(factories.user("reader"))
    content = client.get(MY_TRAINING, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You passed 0 modules out of 3." in content
    content = client.get(formation.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Ma formation : où vous en êtes et quoi suivre ensuite" in content
