"""StreamField blocks of training modules: lessons and quiz questions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from wagtail_advocacy.networks import network_choices


class DoDontBlock(blocks.StructBlock):
    """Good practice and its opposite, side by side: easier to remember than a rule."""

    do = blocks.TextBlock(label=_("Do"))
    dont = blocks.TextBlock(label=_("Don't"))

    class Meta:
        icon = "tasks"
        label = _("Do / don't")
        template = "wagtail_advocacy/training/blocks/do_dont.html"


class ExamplePostBlock(blocks.StructBlock):
    """A good and a bad version of the same post, and why one works."""

    network = blocks.ChoiceBlock(choices=network_choices, label=_("network"))
    good = blocks.TextBlock(label=_("Good version"))
    bad = blocks.TextBlock(label=_("Bad version"))
    why = blocks.TextBlock(label=_("Why"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Example post")
        template = "wagtail_advocacy/training/blocks/example_post.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("item")), label=_("items"))

    class Meta:
        icon = "list-ul"
        label = _("Checklist")
        template = "wagtail_advocacy/training/blocks/checklist.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("info", _("Good to know"))],
        default="tip",
        label=_("kind"),
    )
    title = blocks.CharBlock(label=_("title"), required=False)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "wagtail_advocacy/training/blocks/callout.html"


class LessonContentBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(label=_("Text"))
    video = EmbedBlock(label=_("Video"), help_text=_("A YouTube, Vimeo… address."))
    image = ImageBlock(label=_("Image"))
    do_dont = DoDontBlock()
    example_post = ExamplePostBlock()
    checklist = ChecklistBlock()
    callout = CalloutBlock()


class LessonBlock(blocks.StructBlock):
    """One lesson: the unit of progress an employee marks as read."""

    title = blocks.CharBlock(label=_("title"))
    body = LessonContentBlock(label=_("content"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Lesson")
        template = "wagtail_advocacy/training/blocks/lesson.html"


class LessonsBlock(blocks.StreamBlock):
    lesson = LessonBlock()


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"))
    correct = blocks.BooleanBlock(label=_("right answer"), required=False)


class QuestionBlock(blocks.StructBlock):
    """A quiz question; answers are identified by their position in the list."""

    SINGLE = "single"
    MULTIPLE = "multiple"

    question = blocks.TextBlock(label=_("question"))
    kind = blocks.ChoiceBlock(
        choices=[
            (SINGLE, _("Single choice (one right answer)")),
            (MULTIPLE, _("Multiple choice (tick every right answer)")),
        ],
        default=SINGLE,
        label=_("kind"),
    )
    choices = blocks.ListBlock(AnswerChoiceBlock(), label=_("answers"), min_num=2)
    explanation = blocks.TextBlock(
        label=_("explanation"),
        help_text=_("Shown to the employee after they submit the quiz."),
    )
    lesson = blocks.IntegerBlock(
        label=_("lesson to read again"),
        required=False,
        min_value=1,
        help_text=_(
            "The number of the lesson that covers this question (1 for the first): an "
            "employee who gets it wrong is sent there. Empty: the first lesson."
        ),
    )

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        right = sum(1 for choice in value["choices"] if choice["correct"])
        if value["kind"] == self.SINGLE and right != 1:
            message = _("A single-choice question needs exactly one right answer.")
        elif right < 1:
            message = _("Tick at least one right answer.")
        else:
            return value
        raise StructBlockValidationError(non_block_errors=[ValidationError(message)])


class QuizBlock(blocks.StreamBlock):
    question = QuestionBlock()
