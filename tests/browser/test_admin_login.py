"""An editor logging in through the Wagtail admin's own login page, on a site that keeps
every other page behind Django's login-required middleware (as the example intranet)."""

from .conftest import PASSWORD


def test_the_admin_login_page_has_its_icons_and_leads_to_the_dashboard(page, editor):
    page.goto("/admin/")
    page.wait_for_url("**/accounts/login/**")
    page.goto("/admin/login/?next=/admin/")
    # The icon sprite is the admin's own, not the site's login page pasted in its place.
    page.wait_for_selector("[data-sprite] svg symbol", state="attached")
    assert page.locator("[data-sprite] form").count() == 0
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    assert "sprite" not in page.url
    assert page.get_by_role("heading", level=1).first.is_visible()
