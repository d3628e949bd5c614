"""The quiz form, rendered with django-crispy-forms.

It only displays the questions and keeps the employee's ticks when a submission is
refused; the training service scores and validates the answers from the stored module.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .services.training import FIELD_PREFIX, questions_of


class QuizForm(forms.Form):
    def __init__(self, module, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, question in enumerate(questions_of(module), start=1):
            value = question.value
            choices = [(str(i), choice["text"]) for i, choice in enumerate(value["choices"])]
            label = f"{number}. {value['question']}"
            if value["kind"] == "multiple":
                field = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Tick every right answer."),
                )
            else:
                field = forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect)
            self.fields[FIELD_PREFIX + question.id] = field
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.form_class = "advocacy-quiz__form"
        self.helper.form_action = reverse("wagtail_advocacy:training_quiz", args=[module.pk])
        self.helper.add_input(
            Submit("submit", _("Submit my answers"), css_class="btn btn-primary")
        )
