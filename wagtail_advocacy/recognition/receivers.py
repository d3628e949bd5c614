"""Recognition listens to what employees do elsewhere and turns it into points, badges and
challenge progress (imported when the app is ready)."""

from wagtail_advocacy.recognition import services as recognition_services
from wagtail_advocacy.signals import (
    ambassador_left,
    link_clicked,
    share_recorded,
    training_completed,
)

share_recorded.connect(
    recognition_services.on_share_recorded, dispatch_uid="advocacy_recognition_share"
)
link_clicked.connect(
    recognition_services.on_link_clicked, dispatch_uid="advocacy_recognition_click"
)
training_completed.connect(
    recognition_services.on_training_completed, dispatch_uid="advocacy_recognition_training"
)
ambassador_left.connect(
    recognition_services.on_ambassador_left, dispatch_uid="advocacy_recognition_left"
)
