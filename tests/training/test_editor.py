"""What editors meet when writing a module: the page editor and the quiz rules."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from wagtail_advocacy.models import TrainingModulePage
from wagtail_advocacy.training.blocks import QuestionBlock


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


def list_block(items):
    """A ListBlock's form data (Wagtail's test helpers cover streams and formsets only)."""
    data = {"count": len(items)}
    for index, value in enumerate(items):
        data[str(index)] = {"value": value, "deleted": "", "order": index, "id": ""}
    return data


def module_form(*, lesson="", **overrides):
    data = {
        "title": "Hashtags",
        "slug": "hashtags",
        "summary": "Two or three, precise.",
        "level": "beginner",
        "estimated_minutes": "5",
        "tags": "",
        "lessons": streamfield(
            [
                (
                    "lesson",
                    {
                        "title": "Few and precise",
                        "body": streamfield([("rich_text", rich_text("<p>Three at most.</p>"))]),
                    },
                )
            ]
        ),
        "quiz": streamfield(
            [
                (
                    "question",
                    {
                        "question": "How many?",
                        "kind": "single",
                        "choices": list_block(
                            [{"text": "Three", "correct": "on"}, {"text": "Ten"}]
                        ),
                        "explanation": "More looks like spam.",
                        "lesson": lesson,
                    },
                )
            ]
        ),
        "pass_mark": "80",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    data = nested_form_data(data)
    data["networks"] = ["linkedin", "x"]  # several values: kept out of the flattening
    return data


def test_editor_writes_a_module_with_lessons_and_a_quiz(admin_client_, training_index):
    url = reverse(
        "wagtailadmin_pages:add",
        args=["wagtail_advocacy", "trainingmodulepage", training_index.pk],
    )
    response = admin_client_.post(url, module_form())
    assert response.status_code == 302, response.context["form"].errors
    module = TrainingModulePage.objects.get(slug="hashtags")
    assert module.networks == ["linkedin", "x"]
    assert [lesson.value["title"] for lesson in module.lessons] == ["Few and precise"]
    [question] = module.quiz
    assert [c["correct"] for c in question.value["choices"]] == [True, False]


def test_a_question_names_the_lesson_to_read_again(admin_client_, training_index):
    """The editor says which lesson covers a question; a lesson the module does not have
    is refused with a message, and nothing is saved."""
    url = reverse(
        "wagtailadmin_pages:add",
        args=["wagtail_advocacy", "trainingmodulepage", training_index.pk],
    )
    response = admin_client_.post(url, module_form(lesson="2"))
    assert response.status_code == 200
    assert "Question(s) 1 name a lesson this module does not have (it has 1)." in (
        response.content.decode()
    )
    assert not TrainingModulePage.objects.filter(slug="hashtags").exists()

    response = admin_client_.post(url, module_form(lesson="1"))
    assert response.status_code == 302
    [question] = TrainingModulePage.objects.get(slug="hashtags").quiz
    assert question.value["lesson"] == 1


def test_site_settings_and_post_templates_are_in_the_admin(admin_client_):
    site = Site.objects.get(is_default_site=True)
    url = reverse(
        "wagtailsettings:edit", args=["wagtail_advocacy", "advocacysitesettings", site.pk]
    )
    response = admin_client_.get(url)
    assert response.status_code == 200
    assert "Require training before sharing" in response.content.decode()
    response = admin_client_.get(reverse("wagtailsnippets_wagtail_advocacy_posttemplate:list"))
    assert response.status_code == 200
