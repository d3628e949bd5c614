"""Front-end views for kPIs: the dashboard, reports, conversions and the homepage panel."""

urlpatterns = []
