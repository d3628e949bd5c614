import pytest

from tests import factories
from tests.factories import LESSONS, QUIZ, all_right  # noqa: F401  (tests import all_right from here)
from wagtail_advocacy.models import TrainingCompletion
from wagtail_advocacy.training.forms import answer_token
from wagtail_advocacy.training.rules import quiz_seed


@pytest.fixture
def training_index(root_page):
    return factories.training_index(root_page)


@pytest.fixture
def make_module(training_index):
    """A live module under the training index (no revision: fast); stream ids are stable."""

    def make(*, lessons=LESSONS, quiz=QUIZ, parent=None, **fields):
        return factories.training_module(
            parent or training_index, lessons=lessons, quiz=quiz, **fields
        )

    return make


@pytest.fixture
def module(make_module):
    return make_module(title="Share as yourself", pass_mark=80)


def ids(module):
    return [block.id for block in module.quiz]


def as_post(answers, module, user):
    """What the quiz form shown to ``user`` sends for ``answers`` (positions in the stored
    module): each position as that attempt's token, as the page's radio buttons carry it."""
    completion = TrainingCompletion.objects.filter(user=user, module=module).first()
    seed = quiz_seed(user, module, completion)
    return {
        f"q_{qid}": [answer_token(seed, qid, int(v)) for v in values]
        for qid, values in answers.items()
    }


@pytest.fixture
def make_ambassador(db):
    """An ambassador of ``department``, through ``join_program``; returns the user.

    ``active=False``: they have left the program since (``leave_program``).
    """

    def make(username, department="", active=True, **fields):
        user = factories.user(username, first_name="")
        return factories.ambassador(user, department=department, active=active, **fields).user

    return make
