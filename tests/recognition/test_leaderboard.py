"""Leaderboards: ordering and ties, periods, departments, executives, and who is shown."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail_advocacy.models import AmbassadorProfile, PointsEntry
from wagtail_advocacy.recognition.queries import leaderboard

URL = reverse("wagtail_advocacy:leaderboard")


def give(user, points, *, action="share", days_ago=0):
    PointsEntry.objects.create(
        user=user,
        action=action,
        points=points,
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def ranking(board):
    return [(row.name, row.rank, row.total) for row in board.rows]


def test_ranks_by_points_and_ties_share_a_rank(make_user):
    ann, ben, cat, dan = (make_user(n) for n in ("ann", "ben", "cat", "dan"))
    give(ann, 30)
    give(ben, 50)
    give(cat, 30)
    give(dan, 10)
    give(dan, 5)
    board = leaderboard(ann, "all")
    assert ranking(board) == [("Ben", 1, 50), ("Ann", 2, 30), ("Cat", 2, 30), ("Dan", 4, 15)]


def test_spending_does_not_lower_a_rank(make_user):
    ann, ben = make_user("ann"), make_user("ben")
    give(ann, 40)
    give(ann, -30, action="redemption")
    give(ben, 20)
    assert ranking(leaderboard(ann, "all"))[0] == ("Ann", 1, 40)


def test_periods_count_only_points_earned_in_them(make_user):
    ann, ben = make_user("ann"), make_user("ben")
    give(ann, 100, days_ago=400)
    give(ben, 10)
    assert ranking(leaderboard(ann, "month")) == [("Ben", 1, 10)]
    assert ranking(leaderboard(ann, "all")) == [("Ann", 1, 100), ("Ben", 2, 10)]


def test_hidden_and_departed_profiles_never_appear(make_user, client):
    shown = make_user("shown")
    hidden = make_user("hidden", visible=False)
    left = make_user("left")
    AmbassadorProfile.objects.filter(user=left).update(is_active=False)
    outsider = make_user("outsider", joined=False)
    for user in (shown, hidden, left, outsider):
        give(user, 10)
    client.force_login(shown)
    content = client.get(URL, {"period": "all"}).content.decode()
    assert "Shown" in content
    for name in ("Hidden", "Left", "Outsider"):
        assert name not in content


def test_hidden_viewer_sees_their_rank_marked_only_for_them(make_user, client):
    ann, ben = make_user("ann"), make_user("ben", visible=False)
    give(ann, 50)
    give(ben, 20)
    client.force_login(ben)
    response = client.get(URL)
    board = response.context["board"]
    assert ranking(board) == [("Ann", 1, 50)]
    assert (board.me.rank, board.me.total, board.me.only_you) == (2, 20, True)
    assert "Only you see this" in response.content.decode()
    client.force_login(ann)
    assert "Ben" not in client.get(URL).content.decode()


def test_viewer_outside_the_top_sees_their_own_rank(make_user, settings):
    settings.WAGTAIL_ADVOCACY_LEADERBOARD_SIZE = 2
    users = [make_user(f"u{n}") for n in range(4)]
    for points, user in zip((40, 30, 20, 20), users, strict=True):
        give(user, points)
    board = leaderboard(users[3])
    assert len(board.rows) == 2
    assert not board.viewer_in_rows
    assert (board.me.rank, board.me.total, board.me.only_you) == (3, 20, False)


def test_department_filter(make_user, client):
    ann = make_user("ann", department="Sales")
    ben = make_user("ben", department="Engineering")
    give(ann, 10)
    give(ben, 20)
    client.force_login(ann)
    response = client.get(URL, {"department": "Sales"})
    assert ranking(response.context["board"]) == [("Ann", 1, 10)]
    assert 'value="Engineering"' in response.content.decode()  # offered as a choice


def test_executives_are_ranked_on_their_own_board(make_user, settings, client):
    settings.WAGTAIL_ADVOCACY_EXECUTIVE_GROUP = "Executive committee"
    boss, ann = make_user("boss"), make_user("ann")
    boss.groups.add(Group.objects.create(name="Executive committee"))
    give(boss, 500)
    give(ann, 10)
    assert ranking(leaderboard(ann)) == [("Ann", 1, 10)]
    assert ranking(leaderboard(ann, board="executives")) == [("Boss", 1, 500)]
    client.force_login(ann)
    assert "Executives" in client.get(URL).content.decode()


def test_nonsense_filters_fall_back_to_this_month(make_user, client):
    ann = make_user("ann")
    give(ann, 10)
    client.force_login(ann)
    response = client.get(URL, {"period": "forever", "department": "Nowhere"})
    assert response.status_code == 200
    assert response.context["board"].period == "month"


@pytest.mark.parametrize("count", [3, 30])
def test_leaderboard_page_runs_a_constant_number_of_queries(
    make_user, client, django_assert_max_num_queries, count
):
    users = [make_user(f"p{count}x{n}", department=f"D{n % 3}") for n in range(count)]
    PointsEntry.objects.bulk_create(
        PointsEntry(user=u, action="share", points=n + 1) for n, u in enumerate(users)
    )
    viewer = make_user("viewer", visible=False)
    client.force_login(viewer)
    with django_assert_max_num_queries(10):  # +1: the employee nav
        response = client.get(URL, {"period": "all"})
    assert len(response.context["board"].rows) == min(count, 20)


def test_leaderboard_needs_a_login(client):
    assert client.get(URL).status_code == 302
