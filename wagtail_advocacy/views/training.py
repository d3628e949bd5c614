"""Front-end views for training: modules, quizzes, post templates, completions."""

urlpatterns = []
