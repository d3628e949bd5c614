"""An employee fails a quiz, passes it, and finds the points and the badge on My impact."""

from tests import factories
from wagtail_advocacy.models import TrainingCompletion


def answer(quiz, choices):
    for text in choices:
        quiz.get_by_label(text, exact=True).check()
    quiz.get_by_role("button", name="Submit my answers").click()


def test_employee_fails_then_passes_quiz_and_sees_points_and_badge(employee_page, employee):
    module = factories.training_module(
        factories.training_index(), title="Sharing well", slug="sharing-well"
    )
    page = employee_page
    page.goto(module.url)
    page.get_by_role("link", name="Go to the quiz").or_(
        page.get_by_role("link", name="Skip to the quiz")
    ).first.click()
    quiz = page.locator("#quiz")

    # One wrong answer out of three: under the pass mark.
    answer(quiz, ["The brand's", "Client names under NDA", "Unreleased figures", "Yes"])
    result = quiz.get_by_role("status")
    result.get_by_text("Not passed yet").wait_for()
    assert "2 of 3 right" in result.inner_text()
    assert not TrainingCompletion.objects.filter(user=employee, passed=True).exists()

    quiz.get_by_role("link", name="Take the quiz again").click()
    answer(quiz, ["Yours", "Client names under NDA", "Unreleased figures", "Yes"])
    quiz.get_by_role("status").get_by_text("Passed").wait_for()
    assert "3 of 3 right" in quiz.get_by_role("status").inner_text()

    page.goto("/advocacy/impact/")
    stats = page.locator(".advocacy-stat").filter(has_text="points earned")
    assert stats.locator("strong").inner_text() == "50"
    badges = page.locator("#badges-title ~ .advocacy-badges").first
    assert "Trained" in badges.inner_text()
