"""The example intranet's own templates (its navigation, footer, home and login pages) in
the reader's language: their strings are in example_site/intranet/locale/."""

from django.urls import reverse
from wagtail.models import Locale

from tests import factories


def test_a_french_browser_gets_the_navigation_and_footer_in_french(employee_client):
    response = employee_client.get(
        reverse("wagtail_advocacy:my_impact"), HTTP_ACCEPT_LANGUAGE="fr"
    )
    content = response.content.decode()
    assert '<html lang="fr">' in content
    assert 'aria-label="Menu principal"' in content
    assert ">Accueil</a>" in content and ">Espace de partage</a>" in content
    assert "Se déconnecter (Alice)" in content
    assert "Northwind Traders · usage interne uniquement" in content
    assert "Share hub" not in content and "internal use only" not in content


def test_the_home_and_login_pages_in_french(client, employee, root_page):
    content = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Connexion à l'intranet" in content and "Se connecter" in content
    client.force_login(employee)
    factories.hub(root_page)
    content = client.get(root_page.url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<h2>Actualités</h2>" in content
    assert "Ouvrir l'espace de partage" in content


def test_an_english_browser_keeps_the_example_in_english(employee_client):
    content = employee_client.get(reverse("wagtail_advocacy:my_impact")).content.decode()
    assert ">Share hub</a>" in content and "internal use only" in content


def test_the_language_of_a_page_does_not_outlast_it(employee_client, root_page):
    """A French page is shown in French; the next request is in the browser's language."""
    french = Locale.objects.create(language_code="fr")
    index = factories.training_index(root_page, title="Formation", slug="formation")
    type(index).objects.filter(pk=index.pk).update(locale=french)
    assert "Espace de partage" in employee_client.get(index.url).content.decode()
    content = employee_client.get(reverse("wagtail_advocacy:my_impact")).content.decode()
    assert ">Share hub</a>" in content
