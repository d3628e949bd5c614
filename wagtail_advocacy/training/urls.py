"""Routes of training, included by the package's urls.py."""

from django.urls import path

from wagtail_advocacy.training.views import certificate, lesson_read, my_training, quiz

urlpatterns = [
    path("training/", my_training, name="my_training"),
    path("training/<int:module_id>/quiz/", quiz, name="training_quiz"),
    path(
        "training/<int:module_id>/lessons/<str:lesson_id>/read/",
        lesson_read,
        name="training_lesson_read",
    ),
    path("training/<int:module_id>/certificate/", certificate, name="training_certificate"),
]
