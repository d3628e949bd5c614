"""What editors meet when writing a module: the page editor and the quiz rules."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail_advocacy.blocks_training import QuestionBlock


def question(kind, right):
    block = QuestionBlock()
    return block, block.to_python(
        {
            "question": "Which?",
            "kind": kind,
            "choices": [{"text": t, "correct": t in right} for t in ("a", "b", "c")],
            "explanation": "Because.",
        }
    )


@pytest.mark.parametrize(
    ("kind", "right", "message"),
    [
        ("single", {"a", "b"}, "exactly one right answer"),
        ("single", set(), "exactly one right answer"),
        ("multiple", set(), "at least one right answer"),
    ],
)
def test_questions_need_their_right_answers(kind, right, message):
    block, value = question(kind, right)
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert message in str(error.value.non_block_errors.as_data()[0].message)


@pytest.mark.parametrize(("kind", "right"), [("single", {"b"}), ("multiple", {"a", "c"})])
def test_well_formed_questions_pass(kind, right):
    block, value = question(kind, right)
    assert block.clean(value)["kind"] == kind


def test_module_editor_has_content_and_quiz_tabs(admin_client_, training_index):
    url = reverse(
        "wagtailadmin_pages:add",
        args=["wagtail_advocacy", "trainingmodulepage", training_index.pk],
    )
    content = admin_client_.get(url).content.decode()
    assert "Quiz" in content and "Pass mark (%)" in content
    assert 'type="checkbox" name="networks" value="linkedin"' in content
