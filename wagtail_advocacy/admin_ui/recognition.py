"""Admin screens for recognition: points, badges, kudos, challenges and rewards.

Hooks registered here load with ``wagtail_hooks``; ``MODELADMIN_ITEMS`` join the
"Advocacy" menu group.
"""

MODELADMIN_ITEMS = ()
