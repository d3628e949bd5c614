"""Front-end views for recognition: points, badges, kudos, challenges and rewards."""

urlpatterns = []
