"""Scoring on the server, the quiz form, retakes, tampering and the training_completed signal."""

import re

import pytest
from django.urls import reverse

from wagtail_advocacy.models import QuizAnswer, QuizAttempt, TrainingCompletion
from wagtail_advocacy.signals import training_completed
from wagtail_advocacy.training.rules import TrainingError, score_quiz
from wagtail_advocacy.training.services import submit_quiz

from .conftest import all_right, as_post, ids


def quiz_url(module):
    return reverse("wagtail_advocacy:training_quiz", args=[module.pk])


def test_all_right_scores_100_and_passes(module):
    result = score_quiz(module, all_right(module))
    assert (result.score, result.passed, result.right) == (100, True, 3)


def test_one_wrong_single_choice_scores_67_and_fails_an_80_pass_mark(module):
    answers = all_right(module)
    answers[ids(module)[0]] = ["1"]
    result = score_quiz(module, answers)
    assert (result.score, result.passed) == (67, False)
    assert [q.correct for q in result.questions] == [False, True, True]


@pytest.mark.parametrize(
    "ticked",
    [["0"], ["0", "1", "2"], ["2"]],
    ids=["partial", "one-too-many", "wrong-only"],
)
def test_multiple_choice_counts_only_the_exact_set(module, ticked):
    answers = all_right(module)
    answers[ids(module)[1]] = ticked
    result = score_quiz(module, answers)
    assert result.questions[1].correct is False
    assert result.score == 67


def test_pass_mark_is_inclusive(make_module):
    module = make_module(pass_mark=67)
    answers = all_right(module)
    answers[ids(module)[2]] = ["1"]
    assert score_quiz(module, answers).passed is True


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a, q: a.update({"forged": ["0"]}), "This quiz has changed"),
        (lambda a, q: a.pop(q[2]), "missing: 3"),
        (lambda a, q: a.update({q[0]: ["7"]}), "Question 1 has an answer"),
        (lambda a, q: a.update({q[0]: ["0", "1"]}), "Question 1 has an answer"),
        (lambda a, q: a.update({q[1]: ["0", "0"]}), "Question 2 has an answer"),
        (lambda a, q: a.update({q[0]: ["yes"]}), "Question 1 has an answer"),
    ],
    ids=["unknown-question", "incomplete", "out-of-range", "two-on-single", "dup", "not-int"],
)
def test_tampered_or_incomplete_forms_are_refused(module, change, message):
    answers = all_right(module)
    change(answers, ids(module))
    with pytest.raises(TrainingError, match=message):
        score_quiz(module, answers)


def test_submitting_shows_score_explanations_and_records_a_completion(
    employee_client, employee, module
):
    answers = all_right(module)
    answers[ids(module)[1]] = ["0"]  # partial answer: wrong
    response = employee_client.post(quiz_url(module), as_post(answers, module, employee))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Your score: 67 % (2 of 3 right)" in content
    assert "Not passed yet" in content
    assert "Confidential information stays inside." in content  # the explanation
    completion = TrainingCompletion.objects.get(user=employee, module=module)
    assert (completion.attempts, completion.best_score, completion.passed) == (1, 67, False)
    assert completion.first_passed_at is None
    attempt = QuizAttempt.objects.get()
    assert [(a.correct, a.chosen) for a in attempt.answers.order_by("pk")] == [
        (True, [0]),
        (False, [0]),
        (True, [0]),
    ]


def test_tampered_post_gets_a_clear_error_and_records_nothing(employee_client, employee, module):
    data = as_post(all_right(module), module, employee)
    data["q_forged"] = ["0"]
    response = employee_client.post(quiz_url(module), data)
    assert response.status_code == 400
    assert "the form was altered" in response.content.decode()
    assert not TrainingCompletion.objects.exists()
    assert not QuizAttempt.objects.exists() and not QuizAnswer.objects.exists()


def test_incomplete_post_keeps_the_ticks_and_records_nothing(employee_client, employee, module):
    answers = all_right(module)
    del answers[ids(module)[1]]
    data = as_post(answers, module, employee)
    response = employee_client.post(quiz_url(module), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Answer every question before submitting (missing: 2)." in content
    ticked = response.context["quiz_form"].data.getlist(f"q_{ids(module)[0]}")
    assert ticked == data[f"q_{ids(module)[0]}"]
    assert re.search(f'value="{ticked[0]}"[^>]*\\bchecked', content)
    assert not QuizAttempt.objects.exists()


def test_answer_values_tell_nothing_of_the_stored_order(employee_client, employee, module):
    """The radio values are tokens of the attempt: not the answers' positions, different on
    a retry, and a token of the previous attempt (a stale tab) is refused with "reload"."""
    page = employee_client.get(f"{module.url}?quiz=1").content.decode()
    first = re.findall(r'name="q_[^"]+" value="([^"]+)"', page)
    assert first and not any(value.isdigit() for value in first)
    answers = all_right(module)
    stale = as_post(answers, module, employee)
    employee_client.post(quiz_url(module), stale)
    again = employee_client.get(f"{module.url}?quiz=1").content.decode()
    assert not set(re.findall(r'name="q_[^"]+" value="([^"]+)"', again)) & set(first)
    response = employee_client.post(quiz_url(module), stale)
    assert response.status_code == 400
    assert "Reload the page and answer again." in response.content.decode()
    assert QuizAttempt.objects.filter(user=employee).count() == 1
    positions = employee_client.post(quiz_url(module), {f"q_{q}": v for q, v in answers.items()})
    assert positions.status_code == 400  # the stored positions are no answers either


def test_retakes_count_attempts_keep_best_score_and_signal_only_the_first_pass(
    employee, module, django_capture_on_commit_callbacks
):
    received = []

    def receiver(sender, completion, user, module, **kwargs):
        received.append((completion.pk, user, module.pk))

    training_completed.connect(receiver)
    wrong = all_right(module)
    wrong[ids(module)[0]] = ["1"]
    try:
        with django_capture_on_commit_callbacks(execute=True):
            submit_quiz(employee, module, wrong)
        assert received == []
        with django_capture_on_commit_callbacks(execute=True):
            _result, completion = submit_quiz(employee, module, all_right(module))
        first_passed_at = completion.first_passed_at
        with django_capture_on_commit_callbacks(execute=True):
            submit_quiz(employee, module, wrong)
            submit_quiz(employee, module, all_right(module))
    finally:
        training_completed.disconnect(receiver)

    assert received == [(completion.pk, employee, module.pk)]
    completion.refresh_from_db()
    assert (completion.attempts, completion.best_score, completion.passed) == (4, 100, True)
    assert completion.first_passed_at == first_passed_at
    assert QuizAttempt.objects.filter(user=employee).count() == 4


def test_signal_waits_for_the_commit(employee, module, django_capture_on_commit_callbacks):
    received = []
    training_completed.connect(received.append, weak=False, dispatch_uid="test-commit")
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            submit_quiz(employee, module, all_right(module))
        assert received == [] and len(callbacks) == 1
    finally:
        training_completed.disconnect(dispatch_uid="test-commit")


def test_quiz_answers_only_post(employee_client, module):
    assert employee_client.get(quiz_url(module)).status_code == 405
