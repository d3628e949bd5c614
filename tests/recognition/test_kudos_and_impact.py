"""Kudos (limits, points, visibility) and the employee's "My impact" page."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from wagtail_advocacy.models import (
    Badge,
    Kudos,
    LinkClick,
    NetworkAudience,
    PointsEntry,
    RecognitionNotice,
)
from wagtail_advocacy.recognition.services import send_kudos

KUDOS_URL = reverse("wagtail_advocacy:send_kudos")
IMPACT_URL = reverse("wagtail_advocacy:my_impact")


def post_kudos(client, recipient, message="Great post about the Lyon job!", **extra):
    return client.post(KUDOS_URL, {"recipient": recipient.pk, "message": message, **extra})


def test_peer_sends_kudos_that_earn_points_and_show_on_my_impact(make_user, client):
    ann, ben = make_user("ann"), make_user("ben")
    client.force_login(ann)
    response = post_kudos(client, ben)
    assert response.status_code == 302
    kudos = Kudos.objects.get()
    assert (kudos.sender, kudos.recipient) == (ann, ben)
    assert PointsEntry.objects.get(user=ben).points == 5
    assert not PointsEntry.objects.filter(user=ann).exists()
    client.force_login(ben)
    content = client.get(IMPACT_URL).content.decode()
    assert "Great post about the Lyon job!" in content
    assert "Ann sent you kudos." in content


def test_kudos_daily_limit_per_sender_with_a_clear_message(make_user, client, settings):
    settings.WAGTAIL_ADVOCACY_KUDOS_DAILY_LIMIT = 2
    ann, ben, cat = make_user("ann"), make_user("ben"), make_user("cat")
    client.force_login(ann)
    assert post_kudos(client, ben).status_code == 302
    assert post_kudos(client, cat).status_code == 302
    response = post_kudos(client, ben)
    assert response.status_code == 400
    assert "already sent 2 kudos today" in response.content.decode()
    assert Kudos.objects.count() == 2
    # Yesterday's kudos do not count against today's limit.
    Kudos.objects.update(created_at=timezone.now() - datetime.timedelta(days=1))
    assert post_kudos(client, ben).status_code == 302


def test_cannot_thank_oneself_or_send_an_empty_message(make_user):
    ann, ben = make_user("ann"), make_user("ben")
    from wagtail_advocacy.recognition.rules import RecognitionRefused

    with pytest.raises(RecognitionRefused, match="yourself"):
        send_kudos(ann, ann, "Me!")
    with pytest.raises(RecognitionRefused, match="short message"):
        send_kudos(ann, ben, "   ")
    assert not Kudos.objects.exists()


def test_hidden_ambassadors_are_not_offered_to_peers_but_editors_can_thank_them(make_user, client):
    ann = make_user("ann")
    shy = make_user("shy", visible=False)
    client.force_login(ann)
    assert "Shy" not in client.get(KUDOS_URL).content.decode()
    assert post_kudos(client, shy).status_code == 400
    editor = make_user("editor", joined=False)
    editor.user_permissions.add(Permission.objects.get(codename="add_kudos"))
    client.force_login(editor)
    assert "Shy" in client.get(KUDOS_URL).content.decode()
    assert post_kudos(client, shy).status_code == 302


def test_my_impact_shows_numbers_badges_progress_and_marks_notices_seen(
    ambassador, quick_page, share, client
):
    Badge.objects.all().delete()
    Badge.objects.create(name="Pioneer", slug="pioneer", kind="first_share", threshold=1)
    Badge.objects.create(name="Clicker", slug="clicker", kind="clicks", threshold=4)
    NetworkAudience.objects.create(
        profile=ambassador.advocacy_profile, network="linkedin", audience_size=300
    )
    link = share(ambassador, quick_page()).link
    LinkClick.objects.create(link=link, visitor_hash="a", is_unique=True)
    client.force_login(ambassador)
    response = client.get(IMPACT_URL)
    context = response.context
    assert (context["shares"], context["clicks"], context["reach"]) == (1, 1, 300)
    assert (context["earned"], context["balance"]) == (15, 15)
    assert [a.badge.name for a in context["badges"]] == ["Pioneer"]
    assert [(p.badge.name, p.value, p.percent) for p in context["next_badges"]] == [
        ("Clicker", 1, 25)
    ]
    assert context["standing"].rank == 1
    content = response.content.decode()
    assert "You earned the badge “Pioneer”" in content
    assert "<svg" in content and "Show as a table" in content
    assert not RecognitionNotice.objects.filter(is_read=False).exists()


@pytest.mark.parametrize("count", [2, 20])
def test_my_impact_runs_a_constant_number_of_queries(
    ambassador, make_user, client, django_assert_max_num_queries, count
):
    senders = [make_user(f"s{count}x{n}") for n in range(count)]
    Kudos.objects.bulk_create(
        Kudos(sender=s, recipient=ambassador, message="Thanks") for s in senders
    )
    PointsEntry.objects.bulk_create(
        PointsEntry(user=ambassador, action="kudos_received", points=5) for _ in senders
    )
    RecognitionNotice.objects.bulk_create(
        RecognitionNotice(user=ambassador, kind="kudos", subject="x") for _ in senders
    )
    client.force_login(ambassador)
    with django_assert_max_num_queries(27):  # +1: the employee nav
        client.get(IMPACT_URL)


def test_my_impact_tells_non_members_they_earn_nothing(employee_client):
    content = employee_client.get(IMPACT_URL).content.decode()
    assert "You are not in the ambassador program" in content


def test_kudos_about_a_page_and_prefilled_from_a_link(make_user, client, root_page):
    ann, ben = make_user("ann"), make_user("ben")
    client.force_login(ann)
    form = client.get(KUDOS_URL, {"to": ben.pk, "page": root_page.pk}).context["form"]
    assert (form["recipient"].value(), form["page"].value()) == (str(ben.pk), str(root_page.pk))
    post_kudos(client, ben, page=root_page.pk)
    assert Kudos.objects.get().page.pk == root_page.pk
    client.force_login(ben)
    assert f"about “{root_page.title}”" in client.get(IMPACT_URL).content.decode()


def test_unread_notice_count_for_the_host_templates(ambassador, rf):
    from django.template import Context, Template

    RecognitionNotice.objects.create(user=ambassador, kind="badge", subject="Pioneer")
    RecognitionNotice.objects.create(user=ambassador, kind="badge", subject="Old", is_read=True)
    request = rf.get("/")
    request.user = ambassador
    template = Template(
        "{% load wagtail_advocacy_recognition %}{% recognition_unread_count as n %}[{{ n }}]"
    )
    assert template.render(Context({"request": request})) == "[1]"
