"""The demo training: three modules in English and French, safe to load again."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from wagtail_advocacy.models import (
    PostTemplate,
    ShareablePage,
    TrainingCompletion,
    TrainingIndexPage,
    TrainingModulePage,
)

from .conftest import all_right, as_post


@pytest.mark.django_db
def test_demo_training_is_complete_idempotent_and_can_be_passed():
    call_command("advocacy_demo", "--force", stdout=io.StringIO())
    lesson_ids = {m.slug: [b.id for b in m.lessons] for m in TrainingModulePage.objects.all()}
    call_command("advocacy_demo", "--force", stdout=io.StringIO())

    assert sorted(TrainingIndexPage.objects.values_list("slug", flat=True)) == [
        "formation",
        "training",
    ]
    modules = TrainingModulePage.objects.live()
    assert modules.count() == 6
    assert {m.slug: [b.id for b in m.lessons] for m in modules} == lesson_ids
    assert PostTemplate.objects.count() == 2
    for module in modules:
        questions = list(module.quiz)
        assert 4 <= len(questions) <= 6, module.title
        assert all(q.value["explanation"] for q in questions)
        kinds = {b.block_type for lesson in module.lessons for b in lesson.value["body"]}
        assert len(kinds) >= 3, module.title
    # The right answer is not always first: the stored order shows in the form's values.
    singles = [
        (len(q.value["choices"]), [c["correct"] for c in q.value["choices"]].index(True))
        for module in modules
        for q in module.quiz
        if q.value["kind"] == "single"
    ]
    firsts = sum(1 for _count, position in singles if position == 0)
    assert firsts * 3 <= len(singles), "most right answers come first"
    assert {position for count, position in singles if count == 3} == {0, 1, 2}
    multiples = [
        [c["correct"] for c in q.value["choices"]]
        for module in modules
        for q in module.quiz
        if q.value["kind"] == "multiple"
    ]
    assert len({tuple(m) for m in multiples}) > 1, "the multiple-choice answers all look alike"
    french = TrainingModulePage.objects.get(slug="partager-en-son-nom")
    assert french.get_parent().slug == "formation"

    alice = Client()
    assert alice.login(username="alice", password="advocacy-demo")
    module = TrainingModulePage.objects.get(slug="share-as-yourself")
    assert alice.get(module.url).status_code == 200
    url = reverse("wagtail_advocacy:training_quiz", args=[module.pk])
    user = get_user_model().objects.get(username="alice")
    response = alice.post(url, as_post(all_right(module), module, user))
    assert "Your score: 100 %" in response.content.decode()
    assert TrainingCompletion.objects.get(module=module, user=user).passed

    # The job offer page offers the matching post template.
    job = ShareablePage.objects.get(slug="senior-backend-engineer")
    texts = [t.text for t in alice.get(job.url).context["share_panel"]["extra_suggestions"]]
    assert any(text.startswith("My colleagues at Northwind are hiring") for text in texts)

    editor = Client()
    editor.login(username="editor", password="advocacy-demo")
    response = editor.get(reverse("wagtail_advocacy_training:statistics"))
    assert response.status_code == 200
    assert editor.get("/admin/wagtail_advocacy/trainingcompletion/").status_code == 200
