"""Background work, run through the Django Tasks API (immediately unless a project
configures a queue)."""

from django_tasks import task

from wagtail_advocacy.sharing.models import TrackedLink, build_destination
from wagtail_advocacy.sharing.pages import ShareablePage


@task()
def refresh_link_destinations(page_id):
    """Point every tracked link of a page at its current public URL and campaign.

    Employees' posts already carry their tracked link, so when an editor corrects the
    public URL or moves the page to another campaign, the links must follow; a page can
    have thousands of them, hence a task.
    """

    page = ShareablePage.objects.filter(pk=page_id).select_related("campaign").first()
    if page is None or not page.share_url:
        return 0
    changed = []
    links = TrackedLink.objects.filter(page_id=page_id).only("network", "token", "destination")
    for link in links.iterator(chunk_size=2000):
        destination = build_destination(
            page.share_url, network_key=link.network, campaign=page.campaign, token=link.token
        )
        if destination != link.destination:
            link.destination = destination
            changed.append(link)
    TrackedLink.objects.bulk_update(changed, ["destination"], batch_size=1000)
    return len(changed)
