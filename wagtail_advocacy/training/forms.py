"""The quiz form, rendered with django-crispy-forms.

It only displays the questions and keeps the employee's ticks when a submission is
refused; the training service scores and validates the answers from the stored module.
"""

import random

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from wagtail_advocacy.networks import network_choices


class QuizForm(forms.Form):
    """The questions in the module's order; each question's answers shuffled by ``seed``.

    An answer's value is an opaque token of the attempt (:func:`answer_token`), not its
    position in the stored module, so the page's source tells nothing of the order the
    editor wrote the answers in (often the right one first). The same seed gives the same
    order and tokens (one attempt reloaded, or refused and shown again); the training rules
    turn the tokens back into positions (``answers_from_post``).
    """

    def __init__(self, module, *args, seed, **kwargs):
        super().__init__(*args, **kwargs)
        for number, question in enumerate(questions_of(module), start=1):
            value = question.value
            choices = [
                (answer_token(seed, question.id, i), choice["text"])
                for i, choice in enumerate(value["choices"])
            ]
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

    def clean(self):
        cleaned = super().clean()
        lessons, quiz = cleaned.get("lessons"), cleaned.get("quiz")
        if lessons is not None and quiz is not None:
            count = sum(1 for block in lessons if block.block_type == "lesson")
            wrong = [
                str(number)
                for number, block in enumerate(
                    (b for b in quiz if b.block_type == "question"), start=1
                )
                if (block.value.get("lesson") or 0) > count
            ]
            if wrong:
                self.add_error(
                    "quiz",
                    _(
                        "Question(s) %(numbers)s name a lesson this module does not have "
                        "(it has %(count)d)."
                    )
                    % {"numbers": ", ".join(wrong), "count": count},
                )
        return cleaned


def _language_choices():
    return [("", _("Any language"))] + list(settings.LANGUAGES)


class PostTemplateForm(WagtailAdminModelForm):
    # settings.LANGUAGES belong to the host: offered here, never stored in field choices.
    language = forms.ChoiceField(label=_("language"), required=False, choices=_language_choices)


FIELD_PREFIX = "q_"


def answer_token(seed, question_id, position) -> str:
    """What the form sends for one answer of one attempt: keyed with the site's secret,
    so nobody can tell from it, or forge, which stored answer it stands for."""
    message = f"{seed}/{question_id}/{position}"
    digest = salted_hmac("wagtail_advocacy.quiz.answer", message, algorithm="sha256")
    return digest.hexdigest()[:16]


def questions_of(module):
    return [block for block in module.quiz if block.block_type == "question"]
