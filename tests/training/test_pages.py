"""What employees see: the module page and its lessons, the index, "My training",
certificates; all of it behind a login, in a constant number of queries."""

from django.test import Client
from django.urls import reverse

from tests import factories
from wagtail_advocacy.models import TrainingCompletion
from wagtail_advocacy.training.services import submit_quiz

from .conftest import all_right


def read_url(module, lesson_id):
    return reverse("wagtail_advocacy:training_lesson_read", args=[module.pk, lesson_id])


def lesson_ids(module):
    return [block.id for block in module.lessons]


def test_module_page_opens_at_the_first_unread_lesson_and_resumes(
    employee_client, employee, module
):
    first, second, third = lesson_ids(module)
    response = employee_client.get(module.url)
    assert response.context["current_lesson"].id == first
    content = response.content.decode()
    assert "Lesson 1 of 3" in content and "Paste the press release" in content
    assert "0 of 3 lessons read" in content

    response = employee_client.post(read_url(module, first))
    assert response.status_code == 302
    assert response["Location"] == f"{module.url}?lesson={second}#lesson"

    # Coming back later opens the lesson after the last one read.
    response = employee_client.get(module.url)
    assert response.context["current_lesson"].id == second
    content = response.content.decode()
    assert "1 of 3 lessons read" in content
    assert "REVOLUTIONARY product!!!" in content and "Read it aloud" in content

    employee_client.post(read_url(module, third))
    response = employee_client.post(read_url(module, second))
    assert response["Location"] == f"{module.url}?quiz=1#quiz"
    response = employee_client.get(module.url)
    assert response.context["show_quiz"] is True
    assert "Whose voice?" in response.content.decode()
    completion = TrainingCompletion.objects.get(user=employee)
    assert sorted(completion.lessons_read) == sorted([first, second, third])
    assert completion.attempts == 0 and not completion.passed


def test_reading_a_lesson_twice_records_it_once(employee_client, employee, module):
    first = lesson_ids(module)[0]
    employee_client.post(read_url(module, first))
    employee_client.post(read_url(module, first))
    assert TrainingCompletion.objects.get(user=employee).lessons_read == [first]


def test_an_unknown_lesson_is_not_recorded(employee_client, module):
    assert employee_client.post(read_url(module, "not-a-lesson")).status_code == 404
    assert not TrainingCompletion.objects.exists()


def test_any_lesson_and_the_quiz_can_be_opened_directly(employee_client, module):
    third = lesson_ids(module)[2]
    assert employee_client.get(module.url, {"lesson": third}).context["current_lesson"].id == third
    response = employee_client.get(module.url, {"quiz": "1"})
    assert response.context["current_lesson"] is None
    assert 'name="q_' in response.content.decode()


def test_training_needs_a_login(client, module, training_index, settings):
    # Even without the example intranet's LoginRequiredMiddleware.
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if not m.endswith("LoginRequiredMiddleware")
    ]
    urls = [
        module.url,
        training_index.url,
        reverse("wagtail_advocacy:my_training"),
        reverse("wagtail_advocacy:training_certificate", args=[module.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]
    response = client.post(read_url(module, lesson_ids(module)[0]))
    assert response.status_code == 302 and not TrainingCompletion.objects.exists()


def test_index_and_my_training_show_status_and_what_to_take_next(
    employee_client, employee, make_module, training_index
):
    passed = make_module(title="Passed one")
    started = make_module(title="Started one")
    make_module(title="Untouched one")
    submit_quiz(employee, passed, all_right(passed))
    employee_client.post(read_url(started, lesson_ids(started)[0]))

    response = employee_client.get(training_index.url)
    statuses = {s.module.title: s.status for s in response.context["modules"]}
    assert statuses == {
        "Passed one": "passed",
        "Started one": "in_progress",
        "Untouched one": "not_started",
    }

    response = employee_client.get(reverse("wagtail_advocacy:my_training"))
    content = response.content.decode()
    assert response.context["next"].module.title == "Started one"
    assert "You passed 1 module out of 3." in content
    assert "Passed · 100 %" in content and "1 of 3 lessons read" in content
    certificate = reverse("wagtail_advocacy:training_certificate", args=[passed.pk])
    assert certificate in content
    # The table scrolls inside a focusable region named by its caption on a narrow screen.
    assert (
        '<div class="advocacy-table-scroll" role="region" aria-labelledby="training-caption"'
        ' tabindex="0">' in content
    )
    assert '<caption id="training-caption" class="advocacy-visually-hidden">' in content


def test_a_required_module_comes_next_before_others(employee_client, make_module):
    make_module(title="Optional")
    make_module(title="Required", required_before_sharing=True)
    response = employee_client.get(reverse("wagtail_advocacy:my_training"))
    assert response.context["next"].module.title == "Required"


def _fill(make_module, employee, count):
    for _ in range(count):
        factories.pass_quiz(employee, make_module())


def test_index_and_my_training_run_a_constant_number_of_queries(
    employee_client, employee, make_module, training_index, django_assert_max_num_queries
):
    _fill(make_module, employee, 2)
    employee_client.get(training_index.url)  # warm the site and session caches
    with django_assert_max_num_queries(20) as small_index:
        employee_client.get(training_index.url)
    with django_assert_max_num_queries(20) as small_mine:
        employee_client.get(reverse("wagtail_advocacy:my_training"))
    _fill(make_module, employee, 6)
    with django_assert_max_num_queries(len(small_index)):
        assert len(employee_client.get(training_index.url).context["modules"]) == 8
    with django_assert_max_num_queries(len(small_mine)):
        employee_client.get(reverse("wagtail_advocacy:my_training"))


def test_certificate_is_for_the_employee_who_passed(employee_client, employee, module):
    url = reverse("wagtail_advocacy:training_certificate", args=[module.pk])
    assert employee_client.get(url).status_code == 404  # not passed yet
    submit_quiz(employee, module, all_right(module))
    response = employee_client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Certificate of completion" in content
    assert "Alice Martin" in content and "Share as yourself" in content
    assert "with a best score of 100 %" in content
    assert "training/training.css" in content  # its print styles


def test_nobody_sees_someone_elses_certificate(client, employee, other_employee, module):
    submit_quiz(employee, module, all_right(module))
    client.force_login(other_employee)
    url = reverse("wagtail_advocacy:training_certificate", args=[module.pk])
    assert client.get(url).status_code == 404


def test_an_unpublished_module_cannot_be_taken(employee_client, module):
    module.unpublish()
    url = reverse("wagtail_advocacy:training_quiz", args=[module.pk])
    assert employee_client.post(url, {}).status_code == 404
    assert Client().get(module.url).status_code in (302, 404)
