"""Erasure leaves no name behind: page history, expertise tags, conversion notes, and
colleagues who shared without ever joining the program can erase too."""

from django.urls import reverse
from taggit.models import Tag
from wagtail.models import PageLogEntry

from tests import factories
from wagtail_advocacy.ambassadors.services import leave_program
from wagtail_advocacy.models import AmbassadorProfile, Conversion, ShareEvent

LEAVE = reverse("wagtail_advocacy:ambassador_leave")


def test_erasure_strips_the_spotlight_titles_from_the_page_history(
    make_ambassador, make_spotlight
):
    profile = make_ambassador("ana", allow_spotlight=True)
    story = make_spotlight(profile, title="Meet Ana Lopez, our cloud expert")
    assert PageLogEntry.objects.filter(page_id=story.pk, label__contains="Ana").exists()

    leave_program(profile.user, erase=True)

    entries = PageLogEntry.objects.filter(page_id=story.pk)
    assert entries.exists()  # the audit trail stays: who published, when
    assert not entries.filter(label__contains="Ana").exists()
    assert not PageLogEntry.objects.filter(label__contains="Ana Lopez").exists()


def test_erasure_removes_expertise_tags_nobody_else_uses(make_ambassador, make_page):
    profile = make_ambassador("ana", expertise=["quantum knitting", "python"])
    make_page(tags=["python"])

    leave_program(profile.user, erase=True)

    assert not Tag.objects.filter(name="quantum knitting").exists()
    assert Tag.objects.filter(name="python").exists()  # a page still uses it


def test_erasure_empties_conversion_notes_and_keys_that_may_name_the_person(make_ambassador):
    profile = make_ambassador("ana")
    factories.conversion(referrer=profile.user, note="Referred by Ana", idempotency_key="ana-1")

    leave_program(profile.user, erase=True)

    conversion = Conversion.objects.get()
    assert (conversion.referrer, conversion.note, conversion.idempotency_key) == (None, "", None)


def test_a_colleague_who_shared_without_joining_can_erase(employee_client, employee, page):
    factories.share(employee, page)
    assert not AmbassadorProfile.objects.filter(user=employee).exists()

    response = employee_client.get(LEAVE)
    assert response.status_code == 200
    assert [c[0] for c in response.context["form"].fields["history"].choices] == ["erase"]

    response = employee_client.post(LEAVE, {"history": "erase"})
    assert response.status_code == 302
    assert not ShareEvent.objects.filter(user=employee).exists()
    assert ShareEvent.objects.count() == 1  # still counted, anonymously
    # Nothing left to erase: the page sends them to the join page again.
    assert employee_client.get(LEAVE)["Location"] == reverse("wagtail_advocacy:ambassador_join")
