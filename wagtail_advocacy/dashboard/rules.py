"""Who may see the KPI dashboard and its reports: one permission, "Can view advocacy
dashboard", grantable to groups in Settings → Groups.

Here, below the views and the admin, because both ask it: the views answer 403 without
it, the admin hides the menu items and the home panel.
"""

from wagtail.permission_policies.base import BasePermissionPolicy

from wagtail_advocacy.campaigns.models import Campaign

PERMISSION = "wagtail_advocacy.view_advocacy_dashboard"


class DashboardPermissionPolicy(BasePermissionPolicy):
    """One permission, "Can view advocacy dashboard", whatever the action asked for."""

    def __init__(self):
        super().__init__(Campaign)

    def user_has_permission(self, user, action):
        return bool(user and user.is_active and user.has_perm(PERMISSION))

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)


dashboard_policy = DashboardPermissionPolicy()


def can_view_dashboard(user) -> bool:
    return dashboard_policy.user_has_permission(user, "view")
