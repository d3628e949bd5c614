"""A third-party app that plugs a share rule into the package, as a host project would."""

from django.apps import AppConfig


class ShareRulesAppConfig(AppConfig):
    name = "tests.share_rules_app"
    label = "share_rules_app"

    def ready(self):
        from wagtail_advocacy.core.refusals import ShareRefused
        from wagtail_advocacy.core.registries import share_rules

        @share_rules.register(order=40)
        def embargoed_content(user, page):
            """Pages whose title starts with "[Embargo]" may not be shared yet."""
            if page.title.startswith("[Embargo]"):
                return ShareRefused("This news is under embargo until the press release.", 403)
            return None
