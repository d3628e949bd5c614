"""Admin screens for training: modules, quizzes, post templates, completions.

Hooks registered here load with ``wagtail_hooks``; ``MODELADMIN_ITEMS`` join the
"Advocacy" menu group.
"""

MODELADMIN_ITEMS = ()
