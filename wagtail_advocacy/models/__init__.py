from .campaigns import Campaign, CampaignObjective
from .pages import (
    ContentFormat,
    ShareablePage,
    ShareablePageMixin,
    ShareablePageTag,
    ShareHubPage,
    ShareHubPageMixin,
    SuggestedPost,
)
from .sharing import LinkClick, ShareEvent, TrackedLink

__all__ = [
    "Campaign",
    "CampaignObjective",
    "ContentFormat",
    "LinkClick",
    "ShareEvent",
    "ShareHubPage",
    "ShareHubPageMixin",
    "ShareablePage",
    "ShareablePageMixin",
    "ShareablePageTag",
    "SuggestedPost",
    "TrackedLink",
]
