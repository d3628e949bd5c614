# ruff: noqa: I001  (each domain keeps its imports inside its own marked section)
from .ambassadors import AmbassadorExpertiseTag, AmbassadorProfile, NetworkAudience
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

# --- training: imports ---
from .training import (
    AdvocacySiteSettings,
    PostTemplate,
    PostTemplateTag,
    QuizAnswer,
    QuizAttempt,
    TrainingCompletion,
    TrainingIndexPage,
    TrainingLevel,
    TrainingModulePage,
    TrainingModuleTag,
)
# --- end of training: imports ---

# --- ambassadors: imports ---
from .ambassadors import (
    AmbassadorIndexPage,
    AmbassadorIndexPageMixin,
    AmbassadorSpotlightFavourite,
    AmbassadorSpotlightPage,
    AmbassadorSpotlightPageMixin,
    EmployeeRecord,
)
# --- end of ambassadors: imports ---

# --- recognition: imports ---
from .recognition import (
    Badge,
    BadgeAward,
    BadgeKind,
    Challenge,
    ChallengeCompletion,
    ChallengeMetric,
    Kudos,
    NoticeKind,
    PointsAction,
    PointsBalance,
    PointsEntry,
    RecognitionNotice,
    Redemption,
    RedemptionStatus,
    Reward,
)
# --- end of recognition: imports ---

# --- kpis: imports ---
from .conversions import Conversion, ConversionKind, ConversionSource
# --- end of kpis: imports ---

__all__ = [
    "AmbassadorExpertiseTag",
    "AmbassadorProfile",
    "NetworkAudience",
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
    # --- training: names ---
    "AdvocacySiteSettings",
    "PostTemplate",
    "PostTemplateTag",
    "QuizAnswer",
    "QuizAttempt",
    "TrainingCompletion",
    "TrainingIndexPage",
    "TrainingLevel",
    "TrainingModulePage",
    "TrainingModuleTag",
    # --- end of training: names ---
    # --- ambassadors: names ---
    "AmbassadorIndexPage",
    "AmbassadorIndexPageMixin",
    "AmbassadorSpotlightFavourite",
    "AmbassadorSpotlightPage",
    "AmbassadorSpotlightPageMixin",
    "EmployeeRecord",
    # --- end of ambassadors: names ---
    # --- recognition: names ---
    "Badge",
    "BadgeAward",
    "BadgeKind",
    "Challenge",
    "ChallengeCompletion",
    "ChallengeMetric",
    "Kudos",
    "NoticeKind",
    "PointsAction",
    "PointsBalance",
    "PointsEntry",
    "RecognitionNotice",
    "Redemption",
    "RedemptionStatus",
    "Reward",
    # --- end of recognition: names ---
    # --- kpis: names ---
    "Conversion",
    "ConversionKind",
    "ConversionSource",
    # --- end of kpis: names ---
]
