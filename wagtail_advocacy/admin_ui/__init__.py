"""Admin screens, one module per domain; ``wagtail_hooks`` loads them all."""
