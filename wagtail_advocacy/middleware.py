"""Django's ``LoginRequiredMiddleware`` made safe for a site that also runs the Wagtail admin.

Wagtail marks none of its admin's public views ``login_not_required``. Behind Django's
middleware a logged-out editor's admin login page then loads the site's login page in
place of its icon sprite (and its hidden ``next`` field, which sends the editor to the raw
sprite after logging in), loses its JavaScript translations, and the admin's password reset
cannot be reached. This subclass lets those views through and is otherwise Django's own:
every other view still needs a login unless marked ``login_not_required``.
"""

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired

#: The Wagtail admin's views that answer logged-out visitors by design.
WAGTAIL_ADMIN_PUBLIC_VIEWS = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
    }
)


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Use in place of ``django.contrib.auth.middleware.LoginRequiredMiddleware``."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.url_name in WAGTAIL_ADMIN_PUBLIC_VIEWS:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
