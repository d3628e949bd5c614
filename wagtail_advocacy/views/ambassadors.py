"""Front-end views for ambassadors: profiles, directory and spotlights."""

urlpatterns = []
