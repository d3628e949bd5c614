"""The person's own download ("My data"): every model naming a person is exported, each
table holds the person's rows and nobody else's, in a constant number of queries."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories
from tests.core.test_personal_data import _models_naming_a_person
from wagtail_advocacy.ambassadors.services import accept_current_terms, record_hr_data
from wagtail_advocacy.core.registries import export_personal_data, personal_data
from wagtail_advocacy.models import (
    AmbassadorIndexPage,
    AmbassadorProfile,
    AmbassadorSpotlightPage,
    Badge,
    Challenge,
    Redemption,
    Reward,
    TrackedLink,
)
from wagtail_advocacy.recognition.services import (
    award_badge,
    complete_challenge,
    decide_redemption,
    redeem,
    send_kudos,
)
from wagtail_advocacy.sharing.models import tracked_link_url
from wagtail_advocacy.stats.services import roll_up_everything
from wagtail_advocacy.training.services import mark_lesson_read

# Models that name a person and are not in the download, and why.
NOT_EXPORTED = {
    # The editor who owns a campaign: a work assignment, not the person's own data.
    "wagtail_advocacy.Campaign": "campaign owner, a work assignment",
}

NETWORKS = ("linkedin", "x", "bluesky", "facebook", "xing")
POINTS_FOR_A_CHALLENGE = 5


def test_every_model_that_names_a_person_is_exported():
    exported = {
        label for part in personal_data if part.export is not None for label in part.models
    }
    missing = _models_naming_a_person() - exported - set(NOT_EXPORTED)
    assert not missing, f"no export in core.registries.personal_data for {sorted(missing)}"
    for part in personal_data:
        if part.export is not None:
            assert str(part.label) and str(part.description), part.name


class World:
    """What several people share: pages, modules, badges, challenges, a reward, a manager."""

    def __init__(self, size):
        root = factories.site_root()
        hub = factories.hub(root)
        self.pages = [
            factories.shareable_page(hub, revision=False, campaign=factories.campaign())
            if number == 0
            else factories.shareable_page(hub, revision=False)
            for number in range(size)
        ]
        index = factories.training_index(root)
        self.modules = [factories.training_module(index) for _ in range(size)]
        self.stories = root.add_child(
            instance=AmbassadorIndexPage(title="Our ambassadors", slug="ambassadors")
        )
        self.badges = list(Badge.objects.order_by("pk")[:size])
        assert len(self.badges) == size
        today = timezone.localdate()
        self.challenges = [
            Challenge.objects.create(
                title=f"Challenge {number}",
                metric="shares",
                starts_on=today,
                ends_on=today,
                points=POINTS_FOR_A_CHALLENGE,
            )
            for number in range(size)
        ]
        self.reward = Reward.objects.create(title="A tree planted", points_cost=1, stock=None)
        self.manager = factories.user("manager", first_name="Mona", last_name="Manager")


def build(world, name, department, size):
    """One ambassador with ``size`` rows in every table that can have several (and a
    colleague of their own who sends and receives their kudos). ``name`` marks every
    text of theirs, so another person's export can be searched for it."""
    person = factories.user(name, first_name=name.title(), last_name="Example")
    factories.ambassador(
        person,
        display_name=f"{name.title()} the ambassador",
        job_title=f"{name} engineer",
        department=department,
        bio=f"Bio of {name}",
        preferred_language="en",
        expertise=[f"{name}-skill-{number}" for number in range(size)],
        networks={network: 100 * (number + 1) for number, network in enumerate(NETWORKS[:size])},
        **factories.VISIBLE,
    )
    AmbassadorProfile.objects.filter(user=person).update(photo=f"advocacy/ambassadors/{name}.jpg")
    for number in range(1, size):  # asked again (an older version held) and accepted
        AmbassadorProfile.objects.filter(user=person).update(consent_version=f"old-{number}")
        accept_current_terms(person)
    record_hr_data(person, department=department, job_title=f"{name} engineer (HR)")
    colleague = factories.user(f"{name}-colleague", first_name=f"{name.title()}'s colleague")
    factories.ambassador(colleague, display_name=f"Colleague of {name}", **factories.VISIBLE)
    profile = AmbassadorProfile.objects.get(user=person)
    for number in range(size):
        world.stories.add_child(
            instance=AmbassadorSpotlightPage(
                title=f"Meet {name} {number}",
                slug=f"meet-{name}-{number}",
                headline=f"{name} shares",
                quote=f"Quote of {name}",
                profile=profile,
            )
        )
    for number, page in enumerate(world.pages[:size]):
        result = factories.share(person, page, "linkedin", personalised=number == 0)
        factories.click(result.link, count=2)
        factories.click(result.link, unique=False)
        factories.conversion(link=result.link, value="120.50", note=f"Referral of {name}")
    for module in world.modules[:size]:
        mark_lesson_read(person, module, module.lessons[0].id)
        factories.pass_quiz(person, module)
    for number in range(size):
        factories.points(person, 10, note=f"Idea of {name} {number}")
        award_badge(person, world.badges[number])
        send_kudos(person, colleague, f"Thanks from {name} {number}")
        send_kudos(colleague, person, f"Thanks to {name} {number}", page=world.pages[0])
        complete_challenge(person, world.challenges[number])
        redeem(person, world.reward.pk)
    first = Redemption.objects.filter(user=person).order_by("pk").first()
    decide_redemption(first.pk, world.manager, fulfil=True, note=f"Enjoy, {name}")
    return person


def exported(person) -> dict[str, dict[str, list[dict]]]:
    return {part.name: tables for part, tables in export_personal_data(person)}


def as_json(export) -> str:
    return json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False)


@pytest.fixture
def two_people(db, settings):
    settings.WAGTAIL_ADVOCACY_KUDOS_DAILY_LIMIT = None
    world = World(1)
    ana = build(world, "ana", "Sales", 1)
    bob = build(world, "bob", "Legal", 1)
    roll_up_everything(settle=datetime.timedelta(0))
    return world, ana, bob


def test_each_table_holds_the_persons_rows_and_nobody_elses(two_people):
    world, ana, bob = two_people
    data = exported(ana)
    assert list(data) == [
        "profile",
        "statistics",
        "sharing",
        "training",
        "conversions",
        "recognition",
    ]
    page, module = world.pages[0], world.modules[0]

    profile = data["profile"]
    [row] = profile["profile"]
    assert row["display_name"] == "Ana the ambassador"
    assert row["job_title"] == "ana engineer (HR)"  # the HR import updates the profile
    assert (row["department"], row["bio"], row["photo"]) == ("Sales", "Bio of ana", "ana.jpg")
    assert (row["preferred_language"], row["in_the_program"], row["left_at"]) == ("en", True, None)
    assert row["show_on_leaderboards"] and row["show_in_directory"] and row["allow_spotlight"]
    assert row["consent_version"] and row["joined_at"]
    assert profile["expertise"] == [{"tag": "ana-skill-0"}]
    assert profile["networks"] == [{"network": "linkedin", "audience_size": 100}]
    [hr] = profile["hr_record"]
    assert (hr["department"], hr["job_title"]) == ("Sales", "ana engineer (HR)")
    [story] = profile["spotlight_stories"]
    assert (story["title"], story["quote"], story["published"]) == (
        "Meet ana 0",
        "Quote of ana",
        True,
    )

    statistics = data["statistics"]
    [day] = statistics["daily_figures"]
    assert (day["page"], day["network"], day["department"]) == (page.title, "linkedin", "Sales")
    assert (day["shares"], day["personalised_shares"]) == (1, 1)
    assert (day["clicks"], day["unique_clicks"], day["estimated_reach"]) == (3, 2, 100)
    assert (day["conversions"], day["conversion_value"]) == (1, Decimal("120.50"))
    assert statistics["days_shared"] == [
        {
            "day": day["day"],
            "page": page.title,
            "campaign": page.campaign.name,
            "network": "linkedin",
            "department": "Sales",
        }
    ]

    sharing = data["sharing"]
    [share] = sharing["shares"]
    assert (share["page"], share["campaign"], share["network"]) == (
        page.title,
        page.campaign.name,
        "linkedin",
    )
    assert (share["personalised"], share["department"], share["declared_audience"]) == (
        True,
        "Sales",
        100,
    )
    assert share["shared_at"]
    [link] = sharing["tracked_links"]
    assert (link["page"], link["network"], link["clicks"], link["unique_clicks"]) == (
        page.title,
        "linkedin",
        3,
        2,
    )
    token = TrackedLink.objects.get(user=ana).token
    assert (
        link["link"] == tracked_link_url(token) and f"utm_content={token}" in link["destination"]
    )

    training = data["training"]
    [progress] = training["training_modules"]
    assert (progress["module"], progress["passed"], progress["best_score"]) == (
        module.title,
        True,
        100,
    )
    assert (progress["attempts"], progress["lessons_read"]) == (1, 1)
    [attempt] = training["quiz_attempts"]
    assert (attempt["module"], attempt["score"], attempt["passed"]) == (module.title, 100, True)
    answers = training["quiz_answers"]
    assert [(a["question"], a["answers"], a["correct"]) for a in answers] == [
        ("Whose voice?", "Yours", True),
        ("What must never be shared?", "Client names under NDA; Unreleased figures", True),
        ("Disclose you work here?", "Yes", True),
    ]

    [conversion] = data["conversions"]["conversions"]
    assert conversion["kind"] == "application" and conversion["value"] == Decimal("120.50")
    assert (conversion["page"], conversion["network"]) == (page.title, "linkedin")
    assert conversion["note"] == "Referral of ana" and conversion["department"] == "Sales"

    recognition = data["recognition"]
    points = {(row["action"], row["points"], row["note"]) for row in recognition["points"]}
    assert points == {
        ("suggestion_accepted", 10, "Idea of ana 0"),
        ("kudos_received", 5, "Colleague of ana"),
        ("challenge_completed", POINTS_FOR_A_CHALLENGE, "Challenge 0"),
        ("redemption", -1, "A tree planted"),
    }
    assert [row["points"] for row in recognition["points_balance"]] == [
        10 + 5 + POINTS_FOR_A_CHALLENGE - 1
    ]
    [badge] = recognition["badges"]
    assert badge["badge"] == world.badges[0].display_name
    [sent] = recognition["kudos_sent"]
    assert (sent["to"], sent["message"], sent["about"]) == (
        "Colleague of ana",
        "Thanks from ana 0",
        None,
    )
    assert sent["sent_at"]
    [received] = recognition["kudos_received"]
    assert (received["from"], received["message"], received["about"]) == (
        "Colleague of ana",
        "Thanks to ana 0",
        page.title,
    )
    assert {(n["kind"], n["subject"], n["seen"]) for n in recognition["notices"]} == {
        ("badge", world.badges[0].display_name, False),
        ("kudos", "Colleague of ana", False),
        ("challenge", "Challenge 0", False),
        ("redemption", "A tree planted", False),
    }
    [reward] = recognition["rewards"]
    assert (reward["reward"], reward["points_paid"], reward["status"]) == (
        "A tree planted",
        1,
        "fulfilled",
    )
    assert reward["note_to_you"] == "Enjoy, ana" and reward["decided_at"]
    assert [row["challenge"] for row in recognition["challenges"]] == ["Challenge 0"]

    # Every table has a row, every value is plain, and nothing names the other person,
    # the manager, or anyone by username, e-mail or id.
    for part, tables in data.items():
        for table, rows in tables.items():
            assert rows, f"{part}/{table} is empty"
            for row in rows:
                for value in row.values():
                    assert value is None or isinstance(
                        value, (str, int, float, bool, Decimal, datetime.date)
                    ), (part, table, value)
    text = as_json(data)
    for foreign in ("bob", "Bob", "Legal", "Mona", "Manager", "ana-colleague", "@example.com"):
        assert foreign not in text, foreign
    columns = {
        column for tables in data.values() for rows in tables.values() for column in rows[0]
    }
    assert not {c for c in columns if c in {"id", "pk", "user"} or c.endswith("_id")}
    assert "Bio of bob" in as_json(exported(bob))  # built the same way, exported apart


SINGLE = {"profile", "hr_record", "points_balance"}  # one row per person


def test_the_export_makes_the_same_number_of_queries_for_one_row_or_five(db, settings):
    settings.WAGTAIL_ADVOCACY_KUDOS_DAILY_LIMIT = None
    world = World(5)
    few = build(world, "few", "Sales", 1)
    many = build(world, "many", "Sales", 5)
    roll_up_everything(settle=datetime.timedelta(0))

    with CaptureQueriesContext(connection) as one:
        small = exported(few)
    with CaptureQueriesContext(connection) as five:
        large = exported(many)
    for part, tables in large.items():
        for table, rows in tables.items():
            assert small[part][table], (part, table)
            assert len(rows) >= (1 if table in SINGLE else 5), (part, table)
    assert len(one) == len(five), "\n".join(q["sql"] for q in five.captured_queries)


def test_someone_with_nothing_kept_gets_every_table_empty(db):
    data = exported(factories.user("nobody"))
    assert data and all(rows == [] for tables in data.values() for rows in tables.values()), data
