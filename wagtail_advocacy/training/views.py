"""Front-end views for training: lesson progress, the quiz, "My training", certificates.

The module and index pages themselves are Wagtail pages; these views handle what they post
and the employee's own pages.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from wagtail_advocacy.core.pages import page_language, render_in_base, respond_in
from wagtail_advocacy.training.models import TrainingCompletion
from wagtail_advocacy.training.pages import TrainingModulePage
from wagtail_advocacy.training.queries import module_page_context, my_training_context
from wagtail_advocacy.training.rules import TrainingError, answers_from_post, quiz_seed
from wagtail_advocacy.training.services import mark_lesson_read, submit_quiz


def _live_module(module_id):
    return get_object_or_404(TrainingModulePage.objects.live(), pk=module_id)


@login_required
@require_POST
def lesson_read(request, module_id, lesson_id):
    """Mark a lesson as read and go on to the next unread one (or to the quiz)."""
    module = _live_module(module_id)
    try:
        following = mark_lesson_read(request.user, module, lesson_id)
    except TrainingError as error:
        raise Http404(str(error.message)) from None
    if following is None:
        return HttpResponseRedirect(f"{module.url}?quiz=1#quiz")
    return HttpResponseRedirect(f"{module.url}?lesson={following.id}#lesson")


@login_required
@require_POST
def quiz(request, module_id):
    """Score the quiz on the server and show the result; a refused form records nothing.
    All of it in the module's language, as its page (messages included)."""
    module = _live_module(module_id)
    return respond_in(page_language(module), lambda: _score_and_show(request, module))


def _score_and_show(request, module):
    context = module.get_context(request)
    # The tokens the form was shown with belong to the attempt about to be recorded.
    completion = TrainingCompletion.objects.filter(user=request.user, module=module).first()
    seed = quiz_seed(request.user, module, completion)
    try:
        answers = answers_from_post(request.POST, module, seed)
        result, completion = submit_quiz(request.user, module, answers)
    except TrainingError as error:
        context.update(
            module_page_context(module, request.user, show_quiz=True, quiz_data=request.POST)
        )
        context["quiz_error"] = error.message
        status = error.status
    else:
        context.update(module_page_context(module, request.user, show_quiz=True))
        context["quiz_result"] = result
        status = 200
    return TemplateResponse(request, module.get_template(request), context, status=status)


@login_required
@require_GET
def my_training(request):
    context = my_training_context(request.user)
    return render_in_base(request, "wagtail_advocacy/training/my_training.html", context)


@login_required
@require_GET
def certificate(request, module_id):
    """The employee's own certificate; nobody else's, and only once passed."""
    completion = get_object_or_404(
        TrainingCompletion.objects.select_related("module", "user"),
        user=request.user,
        module_id=module_id,
        passed=True,
    )
    return render_in_base(
        request,
        "wagtail_advocacy/training/certificate.html",
        {"completion": completion},
        language=page_language(completion.module),
    )
