"""Rewards: redeeming never overdraws a balance or a stock, even at the same moment;
managers fulfil or decline requests in the admin, and declining refunds the points."""

import threading

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.urls import reverse

from tests import factories
from wagtail_advocacy.models import PointsBalance, PointsEntry, Redemption, Reward
from wagtail_advocacy.recognition.queries import balance_of
from wagtail_advocacy.recognition.rules import RecognitionRefused
from wagtail_advocacy.recognition.services import redeem

REWARDS_URL = reverse("wagtail_advocacy:rewards")


def fund(user, points):
    """Points through the service (any object will do as what the points are for)."""
    entry = factories.points(user, points)
    assert entry is not None


@pytest.fixture
def lunch(db):
    return Reward.objects.create(title="Lunch with the CEO", points_cost=100, stock=2)


def redeem_url(reward):
    return reverse("wagtail_advocacy:redeem", args=[reward.pk])


def test_redeeming_spends_points_takes_stock_and_writes_the_ledger(ambassador, lunch, client):
    fund(ambassador, 150)
    client.force_login(ambassador)
    response = client.post(redeem_url(lunch))
    assert response.status_code == 302
    redemption = Redemption.objects.get()
    assert (redemption.user, redemption.points, redemption.status) == (ambassador, 100, "pending")
    assert balance_of(ambassador) == 50
    lunch.refresh_from_db()
    assert lunch.stock == 1
    entry = PointsEntry.objects.get(action="redemption")
    assert (entry.points, entry.related_id) == (-100, str(redemption.pk))
    assert "Lunch with the CEO" in client.get(REWARDS_URL).content.decode()


def test_not_enough_points_is_refused_and_changes_nothing(ambassador, lunch, client):
    fund(ambassador, 60)
    client.force_login(ambassador)
    response = client.post(redeem_url(lunch))
    assert response.status_code == 400
    assert "costs 100 points and you have 60" in response.content.decode()
    assert not Redemption.objects.exists()
    assert balance_of(ambassador) == 60
    lunch.refresh_from_db()
    assert lunch.stock == 2


def test_out_of_stock_and_inactive_rewards_are_refused(ambassador, lunch):
    fund(ambassador, 1000)
    Reward.objects.filter(pk=lunch.pk).update(stock=0)
    with pytest.raises(RecognitionRefused, match="out of stock"):
        redeem(ambassador, lunch.pk)
    Reward.objects.filter(pk=lunch.pk).update(stock=None, is_active=False)
    with pytest.raises(RecognitionRefused, match="not offered"):
        redeem(ambassador, lunch.pk)
    assert balance_of(ambassador) == 1000


def test_unlimited_stock_stays_unlimited(ambassador):
    reward = Reward.objects.create(title="A tree planted", points_cost=10, stock=None)
    fund(ambassador, 30)
    redeem(ambassador, reward.pk)
    redeem(ambassador, reward.pk)
    reward.refresh_from_db()
    assert reward.stock is None
    assert balance_of(ambassador) == 10


def test_second_redemption_cannot_overdraw(ambassador, lunch):
    """The rule two simultaneous requests rely on, checked one after the other."""
    fund(ambassador, 150)
    redeem(ambassador, lunch.pk)
    with pytest.raises(RecognitionRefused):
        redeem(ambassador, lunch.pk)
    assert balance_of(ambassador) == 50
    assert Redemption.objects.count() == 1


def test_the_database_refuses_a_negative_balance(ambassador):
    from django.db import IntegrityError, transaction

    fund(ambassador, 10)
    with pytest.raises(IntegrityError), transaction.atomic():
        PointsBalance.objects.filter(pk=ambassador.pk).update(points=-1)


@pytest.mark.django_db(transaction=True)
def test_two_redemptions_at_once_spend_the_points_once(employee):
    """On PostgreSQL two threads redeem at the same moment; SQLite in memory has a single
    connection, so there the same two requests run one after the other."""
    from tests.recognition.conftest import join

    join(employee)
    reward = Reward.objects.create(title="Training day", points_cost=100, stock=5)
    fund(employee, 150)
    outcomes = []

    def attempt():
        try:
            redeem(employee, reward.pk)
            outcomes.append("ok")
        except RecognitionRefused:
            outcomes.append("refused")

    if connection.vendor == "postgresql":
        barrier = threading.Barrier(2)

        def worker():
            barrier.wait()
            try:
                attempt()
            finally:
                connection.close()

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:
        attempt()
        attempt()
    assert sorted(outcomes) == ["ok", "refused"]
    assert balance_of(employee) == 50
    reward.refresh_from_db()
    assert reward.stock == 4


def decide_url(redemption):
    return reverse("wagtail_advocacy_redemption_modeladmin_decide", args=[redemption.pk])


def test_manager_declines_a_request_and_the_points_come_back(ambassador, lunch, admin_client_):
    fund(ambassador, 100)
    redemption = redeem(ambassador, lunch.pk)
    assert balance_of(ambassador) == 0
    listing = admin_client_.get(reverse("wagtail_advocacy_redemption_modeladmin_index"))
    assert decide_url(redemption) in listing.content.decode()
    response = admin_client_.post(decide_url(redemption), {"decision": "decline", "note": "Sorry"})
    assert response.status_code == 302
    redemption.refresh_from_db()
    assert (redemption.status, redemption.manager_note) == ("declined", "Sorry")
    assert balance_of(ambassador) == 100
    lunch.refresh_from_db()
    assert lunch.stock == 2
    assert PointsEntry.objects.filter(action="redemption_refund", points=100).count() == 1
    # Answering twice changes nothing.
    admin_client_.post(decide_url(redemption), {"decision": "decline"})
    assert balance_of(ambassador) == 100


def test_manager_fulfils_a_request(ambassador, lunch, admin_client_):
    fund(ambassador, 100)
    redemption = redeem(ambassador, lunch.pk)
    admin_client_.post(decide_url(redemption), {"decision": "fulfil"})
    redemption.refresh_from_db()
    assert redemption.status == "fulfilled"
    assert balance_of(ambassador) == 0


def test_deciding_needs_the_change_permission(ambassador, lunch, make_user, client):
    fund(ambassador, 100)
    redemption = redeem(ambassador, lunch.pk)
    viewer = make_user("viewer", joined=False)
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_redemption"),
    )
    client.force_login(viewer)
    response = client.post(decide_url(redemption), {"decision": "decline"})
    assert response.status_code == 302  # Wagtail turns "permission denied" into a redirect
    assert response.url == reverse("wagtailadmin_home")
    redemption.refresh_from_db()
    assert redemption.status == "pending"


def test_redeem_asks_for_confirmation_first_and_spends_nothing(ambassador, lunch, client):
    fund(ambassador, 150)
    client.force_login(ambassador)
    assert redeem_url(lunch) in client.get(REWARDS_URL).content.decode()
    response = client.get(redeem_url(lunch))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Lunch with the CEO" in content
    assert "100 points" in content  # the cost
    assert "150 points" in content  # the balance now
    assert "50 points" in content  # the balance after
    assert f'method="post" action="{redeem_url(lunch)}"' in content
    assert "Confirm" in content and "Cancel" in content
    assert not Redemption.objects.exists()
    assert balance_of(ambassador) == 150
    # Confirming (the form's POST) spends.
    assert client.post(redeem_url(lunch)).status_code == 302
    assert balance_of(ambassador) == 50


def test_the_confirmation_of_a_refused_reward_shows_why_and_no_form(ambassador, lunch, client):
    fund(ambassador, 60)
    client.force_login(ambassador)
    response = client.get(redeem_url(lunch))
    assert response.status_code == 200
    content = response.content.decode()
    assert "costs 100 points and you have 60" in content
    assert 'method="post"' not in content.split("<h1>")[-1]  # above it: the log-out form
    assert not Redemption.objects.exists()
    Reward.objects.filter(pk=lunch.pk).update(is_active=False)
    assert client.get(redeem_url(lunch)).status_code == 404
