"""Replace Wagtail's welcome page with the intranet's home page, as Wagtail's project
template does."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("intranet.HomePage")

    Page.objects.filter(depth=2, slug="home").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="intranet")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="Welcome to the Northwind intranet",
        draft_title="Welcome to the Northwind intranet",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro="<p>News, tools and people of Northwind Traders.</p>",
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Northwind intranet"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
