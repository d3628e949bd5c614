"""The editor in the Wagtail admin: a campaign and a shareable page with suggested posts,
the limit error and the tone warning; the KPI dashboard and its charts."""

import datetime

from django.utils import timezone

from tests import factories
from wagtail_advocacy.models import Campaign, ShareablePage

TOO_LONG_FOR_X = "Our Lyon office is hiring engineers who like hard problems. " * 5

# Each dashboard chart as Chart.js holds it, and how many pixels its canvas has painted.
DRAWN_CHARTS = """() => Array.from(
    document.querySelectorAll("[data-advocacy-chart] canvas"),
    (canvas) => {
        const chart = window.Chart && Chart.getChart(canvas);
        const { width, height } = canvas;
        const pixels = canvas.getContext("2d").getImageData(0, 0, width, height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]) painted++;
        const values = chart ? chart.data.datasets.flatMap((set) => set.data) : [];
        return {
            id: canvas.closest("[data-advocacy-chart]").dataset.advocacyChart,
            type: chart ? chart.config.type : null,
            labels: chart ? chart.data.labels.length : 0,
            values: values.filter(Number).length,
            width: width,
            painted: painted,
        };
    },
)"""


def test_editor_creates_campaign_and_page_with_suggested_posts(editor_page, hub):
    page = editor_page
    today = timezone.localdate()

    page.goto("/admin/snippets/wagtail_advocacy/campaign/add/")
    page.locator("#id_name").fill("Lyon hiring week")
    page.locator("#id_objective").select_option("recruiting")
    page.locator("#id_starts_on").fill(today.isoformat())
    page.locator("#id_ends_on").fill((today + datetime.timedelta(days=30)).isoformat())
    # Leave the date fields (the name field takes the focus) and wait until no date picker
    # is open: an open one lies over the Save button.
    page.locator("#id_name").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.xdsoft_datetimepicker')]"
        ".every((picker) => getComputedStyle(picker).display === 'none')"
    )
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Lyon hiring week").first.wait_for()
    campaign = Campaign.objects.get(name="Lyon hiring week")

    page.goto(f"/admin/pages/add/wagtail_advocacy/shareablepage/{hub.pk}/")
    page.locator("#id_title").fill("Three jobs in Lyon")
    page.locator("#id_summary").fill("Our Lyon office opens three engineering jobs.")
    page.get_by_role("tab", name="Sharing").click()
    page.locator("#id_share_url").fill("https://www.example.com/jobs/lyon")
    page.get_by_role("button", name="Choose campaign").click()
    page.locator(".modal").get_by_role("link", name="Lyon hiring week").click()
    page.locator(".modal").wait_for(state="hidden")

    add_post = page.get_by_role("button", name="Add suggested post")
    add_post.click()
    page.locator("#id_suggested_posts-0-network").select_option("linkedin")
    page.locator("#id_suggested_posts-0-text").fill(
        "A REVOLUTIONARY opportunity!!! Join the game-changer team in Lyon."
    )
    add_post.last.click()
    page.locator("#id_suggested_posts-1-network").select_option("x")
    page.locator("#id_suggested_posts-1-text").fill(TOO_LONG_FOR_X)

    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("The page could not be created due to validation errors").wait_for()
    page.get_by_role("tab", name="Sharing").click()
    error = page.get_by_text("Too long for X: the limit is 280 characters")
    error.wait_for()
    assert not ShareablePage.objects.filter(title="Three jobs in Lyon").exists()

    page.locator("#id_suggested_posts-1-text").fill("We're hiring in Lyon, come and see us")
    page.get_by_role("button", name="Save draft").click()
    warning = page.get_by_text("Suggested post for LinkedIn: Marketing words")
    warning.wait_for()
    assert "game-changer" in warning.inner_text()
    created = ShareablePage.objects.get(title="Three jobs in Lyon")
    assert created.campaign == campaign
    assert sorted(created.suggested_posts.values_list("network", flat=True)) == ["linkedin", "x"]


def test_dashboard_draws_its_charts(editor_page, shareable, employee):
    for network in ("linkedin", "x"):
        link = factories.share(employee, shareable, network).link
        factories.click(link, count=3)
    page = editor_page
    page.goto("/admin/advocacy/dashboard/")
    canvases = page.locator("[data-advocacy-chart] canvas")
    canvases.first.wait_for()
    count = canvases.count()
    assert count >= 2
    charts = page.evaluate(DRAWN_CHARTS)
    assert len(charts) == count
    for chart in charts:
        assert chart["type"], chart
        assert chart["labels"] and chart["width"] > 0 and chart["painted"] > 0, chart
    assert any(chart["values"] for chart in charts), charts
