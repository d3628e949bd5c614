"""What training does when something happens elsewhere."""

from wagtail_advocacy.signals import ambassador_left
from wagtail_advocacy.training.services import erase_on_leave

ambassador_left.connect(erase_on_leave, dispatch_uid="advocacy_training_erase")
