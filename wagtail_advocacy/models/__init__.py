"""Django's models module for the app: every domain's models and pages, importable from one
place (``from wagtail_advocacy.models import ShareablePage``)."""

from wagtail_advocacy.ambassadors.models import (
    AmbassadorExpertiseTag,
    AmbassadorProfile,
    EmployeeRecord,
    NetworkAudience,
)
from wagtail_advocacy.ambassadors.pages import (
    AmbassadorIndexPage,
    AmbassadorIndexPageMixin,
    AmbassadorSpotlightFavourite,
    AmbassadorSpotlightPage,
    AmbassadorSpotlightPageMixin,
)
from wagtail_advocacy.campaigns.models import Campaign, CampaignObjective
from wagtail_advocacy.conversions.models import Conversion, ConversionKind, ConversionSource
from wagtail_advocacy.core.models import AdvocacySiteSettings, Watermark
from wagtail_advocacy.recognition.models import (
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
from wagtail_advocacy.sharing.models import (
    ClickUniqueness,
    ContentFormat,
    LinkClick,
    ShareEvent,
    TrackedLink,
)
from wagtail_advocacy.sharing.pages import (
    ShareablePage,
    ShareablePageMixin,
    ShareablePageTag,
    ShareHubPage,
    ShareHubPageMixin,
    SuggestedPost,
)
from wagtail_advocacy.stats.models import (
    DailyPersonStat,
    DailySharer,
    DailyStat,
    ErasedMembership,
)
from wagtail_advocacy.training.models import (
    PostTemplate,
    PostTemplateTag,
    QuizAnswer,
    QuizAttempt,
    TrainingCompletion,
    TrainingLevel,
)
from wagtail_advocacy.training.pages import (
    TrainingIndexPage,
    TrainingModulePage,
    TrainingModuleTag,
)

__all__ = [
    "AdvocacySiteSettings",
    "AmbassadorExpertiseTag",
    "AmbassadorIndexPage",
    "AmbassadorIndexPageMixin",
    "AmbassadorProfile",
    "AmbassadorSpotlightFavourite",
    "AmbassadorSpotlightPage",
    "AmbassadorSpotlightPageMixin",
    "Badge",
    "BadgeAward",
    "BadgeKind",
    "Campaign",
    "CampaignObjective",
    "Challenge",
    "ChallengeCompletion",
    "ChallengeMetric",
    "ClickUniqueness",
    "ContentFormat",
    "Conversion",
    "DailyPersonStat",
    "DailySharer",
    "DailyStat",
    "ErasedMembership",
    "ConversionKind",
    "ConversionSource",
    "EmployeeRecord",
    "Kudos",
    "LinkClick",
    "NetworkAudience",
    "NoticeKind",
    "PointsAction",
    "PointsBalance",
    "PointsEntry",
    "PostTemplate",
    "PostTemplateTag",
    "QuizAnswer",
    "QuizAttempt",
    "RecognitionNotice",
    "Redemption",
    "RedemptionStatus",
    "Reward",
    "ShareEvent",
    "ShareHubPage",
    "ShareHubPageMixin",
    "ShareablePage",
    "ShareablePageMixin",
    "ShareablePageTag",
    "SuggestedPost",
    "TrackedLink",
    "TrainingCompletion",
    "TrainingIndexPage",
    "TrainingLevel",
    "TrainingModulePage",
    "TrainingModuleTag",
    "Watermark",
]
