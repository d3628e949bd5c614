"""Admin screens for kPIs: the dashboard, reports, conversions and the homepage panel.

Hooks registered here load with ``wagtail_hooks``; ``MODELADMIN_ITEMS`` join the
"Advocacy" menu group.
"""

MODELADMIN_ITEMS = ()
