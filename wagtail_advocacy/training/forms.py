"""The quiz form, rendered with django-crispy-forms.

It only displays the questions and keeps the employee's ticks when a submission is
refused; the training service scores and validates the answers from the stored module.
"""

import random

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from wagtail_advocacy.networks import network_choices


class QuizForm(forms.Form):
    """The questions in the module's order; each question's answers shuffled by ``seed``.

    An answer's value is its position in the stored module, whatever place the shuffle
    gives it, so the service scores the ticks against the module as stored. The same seed
    gives the same order (one attempt reloaded, or refused and shown again).
    """

    def __init__(self, module, *args, seed=None, **kwargs):
        super().__init__(*args, **kwargs)
        for number, question in enumerate(questions_of(module), start=1):
            value = question.value
            choices = [(str(i), choice["text"]) for i, choice in enumerate(value["choices"])]
            if seed is not None:
                random.Random(f"{seed}/{question.id}").shuffle(choices)
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
        self.helper.template_pack = "wagtail_advocacy/crispy"  # the package's own markup
        # The template writes the <form> tag: crispy would copy its attributes onto the
        # radio and checkbox groups.
        self.helper.form_tag = False


class TrainingModuleForm(WagtailAdminPageForm):
    # Network keys are stored as a list; offered as tick boxes rather than raw JSON.
    networks = forms.MultipleChoiceField(
        label=_("networks covered"),
        choices=network_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _language_choices():
    return [("", _("Any language"))] + list(settings.LANGUAGES)


class PostTemplateForm(WagtailAdminModelForm):
    # settings.LANGUAGES belong to the host: offered here, never stored in field choices.
    language = forms.ChoiceField(label=_("language"), required=False, choices=_language_choices)


FIELD_PREFIX = "q_"


def questions_of(module):
    return [block for block in module.quiz if block.block_type == "question"]
