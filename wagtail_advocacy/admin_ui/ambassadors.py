"""Admin screens for ambassadors: profiles, directory and spotlights.

Hooks registered here load with ``wagtail_hooks``; ``MODELADMIN_ITEMS`` join the
"Advocacy" menu group.
"""

MODELADMIN_ITEMS = ()
