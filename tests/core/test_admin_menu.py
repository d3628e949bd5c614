"""The Advocacy menu groups every domain's admin lists."""


def test_advocacy_menu_lists_campaigns_and_events(admin_client_):
    content = admin_client_.get("/admin/").content.decode()
    assert "Advocacy" in content
    assert "Campaigns" in content and "Tracked links" in content
