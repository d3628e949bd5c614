"""Retrying the quiz through HTTP: the links of the result page, answers shuffled per
attempt, and a failed attempt that says what was wrong without giving the answers away."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from tests.factories import QUIZ

from .conftest import ids

ATTEMPTS = 16  # a two-answer question keeps its order 16 times once in 2**15


class Parsed(HTMLParser):
    """The links of a page, and its quiz form: ``{field: [(value, label), ...]}`` in the
    order shown."""

    def __init__(self, content):
        super().__init__()
        self.links, self.fields = [], {}
        self._inputs, self._label, self._link = {}, None, None
        self.feed(content)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "href" in attrs:
            self._link = [attrs["href"], ""]
            self.links.append(self._link)
        elif tag == "input" and attrs.get("type") in {"radio", "checkbox"}:
            self._inputs[attrs["id"]] = (attrs["name"], attrs["value"])
        elif tag == "label" and attrs.get("for") in self._inputs:
            self._label = [attrs["for"], ""]

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        if self._label is not None:
            self._label[1] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._link = None
        elif tag == "label" and self._label is not None:
            name, value = self._inputs[self._label[0]]
            self.fields.setdefault(name, []).append((value, self._label[1].strip()))
            self._label = None

    def link(self, text):
        return next(href for href, label in self.links if label.strip() == text)


def quiz_url(module):
    return reverse("wagtail_advocacy:training_quiz", args=[module.pk])


def quiz_page(client, module):
    response = client.get(f"{module.url}?quiz=1")
    assert response.status_code == 200
    return Parsed(response.content.decode())


def by_text(form, texts):
    """The POST ticking, on each question, the answers labelled ``texts[question]``, looked
    up in the form as shown: what an employee clicks, wherever the shuffle put it."""
    return {
        name: [value for value, label in form.fields[name] if label in texts[name]]
        for name in form.fields
    }


def right_texts(module):
    return {
        f"q_{block.id}": {c["text"] for c in block.value["choices"] if c["correct"]}
        for block in module.quiz
    }


def wrong_first_question(module):
    """Right answers everywhere but on question 1 ("Whose voice?")."""
    texts = right_texts(module)
    texts[f"q_{ids(module)[0]}"] = {"The brand's"}
    return texts


def test_the_result_page_links_open_the_module_page_not_the_quiz_endpoint(employee_client, module):
    form = quiz_page(employee_client, module)
    response = employee_client.post(quiz_url(module), by_text(form, wrong_first_question(module)))
    assert response.status_code == 200
    result = Parsed(response.content.decode())
    here = f"http://testserver{quiz_url(module)}"

    again = urljoin(here, result.link("Take the quiz again"))
    assert urlsplit(again).path == module.url
    retry = employee_client.get(again)
    assert retry.status_code == 200  # was 405: "?quiz=1" resolved against the POST-only URL
    assert retry.context["show_quiz"] is True

    lessons = [block.id for block in module.lessons]
    sidebar = [urljoin(here, href) for href, _label in result.links if "?lesson=" in href]
    assert sidebar, "the sidebar lists the lessons"
    for href in sidebar:
        assert urlsplit(href).path == module.url
        lesson = employee_client.get(href)
        assert lesson.status_code == 200
        assert lesson.context["current_lesson"].id in lessons
    assert not [href for href, _label in result.links if href.startswith("?")]
    lesson_page = Parsed(employee_client.get(module.url).content.decode())
    assert not [href for href, _label in lesson_page.links if href.startswith("?")]


def test_answers_are_shuffled_per_attempt_stable_within_one_and_scored_by_identity(
    employee_client, module
):
    orders = []
    for _attempt in range(ATTEMPTS):
        form = quiz_page(employee_client, module)
        assert quiz_page(employee_client, module).fields == form.fields  # reloading keeps it
        orders.append(form.fields)
        response = employee_client.post(
            quiz_url(module), by_text(form, wrong_first_question(module))
        )
        assert "Your score: 67 % (2 of 3 right)" in response.content.decode()
    for name in orders[0]:
        shown = {tuple(label for _value, label in order[name]) for order in orders}
        assert len(shown) > 1, f"{name} always shows its answers in the same order"

    # The ticks are scored by the answer they name, not by the place it was shown at.
    form = quiz_page(employee_client, module)
    response = employee_client.post(quiz_url(module), by_text(form, right_texts(module)))
    assert "Your score: 100 % (3 of 3 right)" in response.content.decode()


def test_a_refused_submission_shows_the_same_order_with_its_ticks(employee_client, module):
    form = quiz_page(employee_client, module)
    data = by_text(form, right_texts(module))
    del data[f"q_{ids(module)[1]}"]
    response = employee_client.post(quiz_url(module), data)
    assert response.status_code == 400
    assert Parsed(response.content.decode()).fields == form.fields


def review_of(response):
    content = response.content.decode()
    start = content.index('class="advocacy-quiz__review"')
    return content[start : content.index("</ol>", start)]


def test_a_failed_attempt_shows_what_was_wrong_but_not_the_right_answers(employee_client, module):
    form = quiz_page(employee_client, module)
    response = employee_client.post(quiz_url(module), by_text(form, wrong_first_question(module)))
    review = review_of(response)
    parsed = Parsed(review)
    assert review.count("advocacy-quiz__q--wrong") == 1
    assert review.count("advocacy-quiz__q--right") == 2
    assert "People trust people." in review  # the wrong question's explanation
    for block in module.quiz:
        for choice in block.value["choices"]:
            assert choice["text"].replace("'", "&#x27;") not in review, choice["text"]
    assert "right answer" not in review and "your answer" not in review
    first_lesson = module.lessons[0].id  # the question names no lesson: the first one
    link = parsed.link("Read the lesson again: Be yourself")
    assert link == f"{module.url}?lesson={first_lesson}#lesson"

    # Once passed, the whole correction.
    form = quiz_page(employee_client, module)
    response = employee_client.post(quiz_url(module), by_text(form, right_texts(module)))
    review = review_of(response)
    assert review.count("right answer") == 4  # 1 + 2 + 1 right answers
    assert "Yours" in review and "A published article" in review
    assert "Read the lesson again" not in review


@pytest.mark.parametrize(("named", "shown"), [(3, 2), (9, 0)], ids=["named", "gone"])
def test_a_failed_question_links_to_the_lesson_that_covers_it(
    employee_client, make_module, named, shown
):
    """A question that names its lesson sends whoever fails it there; one naming a lesson
    the module no longer has sends them to the first."""
    quiz = [(kind, dict(value)) for kind, value in QUIZ]
    quiz[0][1]["lesson"] = named
    module = make_module(quiz=quiz)
    form = quiz_page(employee_client, module)
    response = employee_client.post(quiz_url(module), by_text(form, wrong_first_question(module)))
    lesson = list(module.lessons)[shown]
    title = lesson.value["title"]
    link = Parsed(review_of(response)).link(f"Read the lesson again: {title}")
    assert link == f"{module.url}?lesson={lesson.id}#lesson"
    assert employee_client.get(link).context["current_lesson"].id == lesson.id
