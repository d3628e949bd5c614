"""Training KPIs on a hand-built data set, the statistics report, completions in the admin,
and erasure when an ambassador leaves."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from wagtail_advocacy.ambassadors.services import leave_program
from wagtail_advocacy.models import QuizAnswer, QuizAttempt, TrainingCompletion
from wagtail_advocacy.training.queries import (
    average_quiz_score,
    completion_rate,
    module_statistics,
    most_failed_questions,
)
from wagtail_advocacy.training.services import submit_quiz

from .conftest import all_right, ids

NOW = timezone.now()
DAY = datetime.timedelta(days=1)


def wrong_on(module, *positions):
    answers = all_right(module)
    for position in positions:
        answers[ids(module)[position]] = ["1"]
    return answers


@pytest.fixture
def data(make_ambassador, make_module, django_user_model):
    """Four ambassadors (three active), two modules, known attempts.

    ana (Sales): module A 33 % then 100 %  -> passed A
    ben (Sales): module A 67 %             -> not passed
    cleo (Tech): module B 100 %            -> passed B; module A 67 %
    dan (Tech, left the program): module A 100 %
    eve (no profile): module A 100 %
    """
    a = make_module(title="A")
    b = make_module(title="B")
    ana = make_ambassador("ana", "Sales")
    ben = make_ambassador("ben", "Sales")
    cleo = make_ambassador("cleo", "Tech")
    dan = make_ambassador("dan", "Tech", active=False)
    eve = django_user_model.objects.create_user("eve")
    submit_quiz(ana, a, wrong_on(a, 0, 2))
    submit_quiz(ana, a, all_right(a))
    submit_quiz(ben, a, wrong_on(a, 0))
    submit_quiz(cleo, b, all_right(b))
    submit_quiz(cleo, a, wrong_on(a, 2))
    submit_quiz(dan, a, all_right(a))
    submit_quiz(eve, a, all_right(a))
    return {"a": a, "b": b, "ana": ana, "cleo": cleo}


def test_completion_rate_among_active_ambassadors(data, django_assert_num_queries):
    start, end = NOW - DAY, NOW + DAY
    with django_assert_num_queries(1):
        assert completion_rate(start, end) == pytest.approx(2 / 3)  # ana and cleo
    assert completion_rate(start, end, department="Sales") == pytest.approx(1 / 2)
    assert completion_rate(start, end, department="Tech") == 1.0
    assert completion_rate(start, end, module=data["b"]) == pytest.approx(1 / 3)
    assert completion_rate(start, end, department="Nobody") == 0.0


def test_completion_rate_counts_the_first_pass_inside_the_period(data):
    TrainingCompletion.objects.filter(user=data["cleo"]).update(first_passed_at=NOW - 10 * DAY)
    assert completion_rate(NOW - DAY, NOW + DAY) == pytest.approx(1 / 3)
    assert completion_rate(NOW - 11 * DAY, NOW - 9 * DAY) == pytest.approx(1 / 3)
    assert completion_rate(NOW + DAY, NOW + 2 * DAY) == 0.0


def test_average_quiz_score_of_ambassadors(data, django_assert_num_queries):
    start, end = NOW - DAY, NOW + DAY
    with django_assert_num_queries(1):
        # ana 33 and 100, ben 67, cleo 100 and 67 (dan left, eve has no profile)
        assert average_quiz_score(start, end) == pytest.approx((33 + 100 + 67 + 100 + 67) / 5)
    assert average_quiz_score(start, end, department="Sales") == pytest.approx(200 / 3)
    assert average_quiz_score(start, end, module=data["b"]) == 100.0
    assert average_quiz_score(NOW + DAY, NOW + 2 * DAY) is None


def test_module_statistics_and_the_question_most_failed(data, django_assert_num_queries):
    a, b = data["a"], data["b"]
    with django_assert_num_queries(1):
        stats = {m.title: m for m in module_statistics(type(a).objects.order_by("path"))}
    # A: ana (best 100, 2 attempts), ben (67, 1), cleo (67, 1), dan (100, 1), eve (100, 1)
    assert (stats["A"].learners_started, stats["A"].learners_passed) == (5, 3)
    assert stats["A"].average_score == pytest.approx((100 + 67 + 67 + 100 + 100) / 5)
    assert stats["A"].average_attempts == pytest.approx(6 / 5)
    assert (stats["B"].learners_started, stats["B"].learners_passed) == (1, 1)
    with django_assert_num_queries(1):
        worst = most_failed_questions([a, b])
    # A's first question was failed by ana and ben, the third by ana and cleo: a tie, won
    # by the question asked first.
    assert worst == {a.pk: (ids(a)[0], 2)}


def test_statistics_report_needs_the_permission(client, django_user_model, data):
    url = reverse("wagtail_advocacy_training:statistics")
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(url).status_code == 302  # turned away to the dashboard
    assert "Training statistics" not in client.get("/admin/").content.decode()
    editor.user_permissions.add(Permission.objects.get(codename="view_trainingcompletion"))
    editor = django_user_model.objects.get(pk=editor.pk)  # drop the permission cache
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Training statistics" in content and "Question most often failed" in content
    assert "60 %" in content  # A: 3 passed of 5 started
    assert "Q1 “Whose voice?” (2 wrong)" in content
    csv = client.get(url, {"export": "csv"})
    assert csv.status_code == 200
    lines = b"".join(csv.streaming_content).decode().splitlines()
    assert lines[0].startswith("Module,Started,Passed,Pass rate")
    assert lines[1].startswith("A,5,3,60,")


def test_statistics_menu_item_is_in_reports(admin_client_):
    content = admin_client_.get("/admin/").content.decode()
    assert "Training statistics" in content


def test_completions_are_browsable_filterable_and_exportable(admin_client_, data):
    url = "/admin/wagtail_advocacy/trainingcompletion/"
    response = admin_client_.get(url)
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 6
    by_module = admin_client_.get(url, {"module": data["b"].pk}).context["object_list"]
    assert [c.user.username for c in by_module] == ["cleo"]
    sales = admin_client_.get(url, {"department": "Sales"}).context["object_list"]
    assert sorted(c.user.username for c in sales) == ["ana", "ben"]
    tomorrow = (timezone.now() + DAY).isoformat()
    later = admin_client_.get(url, {"first_passed_at__gte": tomorrow}).context["object_list"]
    assert len(later) == 0
    csv = admin_client_.get(url, {"export": "csv", "department": "Tech"})
    lines = b"".join(csv.streaming_content).decode().splitlines()
    assert lines[0].startswith("Employee,Module,Department,Best Score (%),Attempts")
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["cleo", "cleo", "dan"]


def test_a_module_id_no_module_can_have_lists_nothing(admin_client_, data):
    url = "/admin/wagtail_advocacy/trainingcompletion/"
    response = admin_client_.get(url, {"module": "99999999999999999999999"})
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 0
    assert admin_client_.get(url, {"module": "abc"}).status_code == 400


def test_completions_are_read_only(admin_client_, data):
    completion = TrainingCompletion.objects.first()
    url = "/admin/wagtail_advocacy/trainingcompletion/"
    response = admin_client_.get(url + f"edit/{completion.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    admin_client_.post(url + f"delete/{completion.pk}/")
    assert TrainingCompletion.objects.filter(pk=completion.pk).exists()


def test_leaving_with_erasure_deletes_quiz_history(data):
    ana = data["ana"]
    leave_program(ana, erase=False)
    assert TrainingCompletion.objects.filter(user=ana).exists()
    leave_program(ana, erase=True)
    assert not TrainingCompletion.objects.filter(user=ana).exists()
    assert not QuizAttempt.objects.filter(user=ana).exists()
    assert not QuizAnswer.objects.filter(attempt__user=ana).exists()
    assert TrainingCompletion.objects.filter(user=data["cleo"]).count() == 2


def test_statistics_exports_round_numbers_as_numbers(admin_client_, data, make_ambassador):
    """B: cleo passed; two more start it and one passes: 2 of 3, 67 % (not 66)."""
    import io

    import openpyxl

    b = data["b"]
    submit_quiz(make_ambassador("fay", "Tech"), b, all_right(b))
    submit_quiz(make_ambassador("gus", "Tech"), b, wrong_on(b, 0, 1, 2))
    url = reverse("wagtail_advocacy_training:statistics")
    lines = b"".join(admin_client_.get(url, {"export": "csv"}).streaming_content).decode()
    header, *rows = [line.split(",") for line in lines.splitlines()]
    assert header[3] == "Pass rate (%)"
    row_b = next(row for row in rows if row[0] == "B")
    assert row_b[1:4] == ["3", "2", "67"]
    assert len(row_b[4].split(".")[1]) == 1  # average score, one decimal as on screen

    xlsx = b"".join(admin_client_.get(url, {"export": "xlsx"}).streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    cells = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
    assert cells["B"][3] == 67
    assert all(isinstance(v, (int, float)) for v in cells["B"][1:6])


def test_statistics_screen_rounds_as_the_export(admin_client_, data, make_ambassador):
    """2 of 3 passed reads 67 % on screen as in the export, and 77.67 reads 77.7."""
    b = data["b"]
    submit_quiz(make_ambassador("fay", "Tech"), b, all_right(b))
    submit_quiz(make_ambassador("gus", "Tech"), b, wrong_on(b, 0, 1, 2))
    html = admin_client_.get(reverse("wagtail_advocacy_training:statistics")).content.decode()
    rows = [re.sub(r"<[^>]+>|\s+", " ", row) for row in html.split("<tr")]
    row_b = next(row for row in rows if re.search(r"^\s*\S*\s+B\s", row))
    assert "67 %" in row_b
    assert "66 %" not in row_b
    average = (100 + 100 + 0) / 3  # cleo, fay, gus's best scores: 66.67
    shown = f"{average:.1f}"
    assert shown == "66.7" and shown in row_b
