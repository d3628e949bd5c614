import contextlib
import datetime
import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from wagtail_advocacy import kpis
from wagtail_advocacy.campaigns.models import Campaign
from wagtail_advocacy.core.exports import csv_writer
from wagtail_advocacy.core.periods import Period
from wagtail_advocacy.kpis import Filters
from wagtail_advocacy.management.days import day_range
from wagtail_advocacy.networks import NETWORKS


class Command(BaseCommand):
    help = (
        "Export the program's KPIs for a period as CSV or JSON, for HR and marketing "
        "reporting tools. Without dates: the previous calendar month."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="last", help="Last day (included), YYYY-MM-DD.")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--campaign", help="A campaign's slug.")
        parser.add_argument("--department")
        parser.add_argument("--network", choices=sorted(NETWORKS))
        parser.add_argument(
            "--daily", action="store_true", help="Add one row per day (shares, clicks)."
        )
        parser.add_argument("--output", help="File to write; default: standard output.")

    def handle(self, *args, **options):
        period = self._period(options["first"], options["last"])
        campaign = None
        if options["campaign"]:
            campaign = Campaign.objects.filter(slug=options["campaign"]).first()
            if campaign is None:
                raise CommandError(f"No campaign has the slug {options['campaign']!r}.")
        filters = Filters(
            campaign=campaign.pk if campaign else None,
            department=options["department"] or None,
            network=options["network"] or None,
        )
        summary = kpis.summary(period, filters)
        by_kind = summary.pop("conversions_by_kind")
        summary.update({f"conversions_{kind}": count for kind, count in by_kind.items()})
        daily = kpis.timeline(period, filters) if options["daily"] else None

        if options["output"]:
            target = open(options["output"], "w", newline="", encoding="utf-8")  # noqa: SIM115
        else:
            target = contextlib.nullcontext(self.stdout)
        with target as out:
            if options["format"] == "json":
                self._json(out, period, filters, summary, daily)
            else:
                self._csv(out, period, summary, daily)

    def _period(self, first, last) -> Period:
        if not first and not last:
            today = datetime.date.today()
            previous_month_end = today.replace(day=1) - datetime.timedelta(days=1)
            return Period.month_of(previous_month_end)
        start, end = day_range(first, last)
        if end < start:
            raise CommandError("--to must be on or after --from.")
        return Period.from_dates(start, end)

    def _csv(self, out, period, summary, daily):
        # Neutralises formula-looking cells (core.exports), as every CSV export does.
        writer = csv_writer(out)
        writer.writerow(["kpi", "value", "from", "to"])
        for name, value in summary.items():
            writer.writerow([name, _plain(value), period.first_day, period.last_day])
        if daily:
            writer.writerow([])
            writer.writerow(["date", "shares", "sharers", "clicks", "unique_clicks"])
            for row in daily:
                writer.writerow(
                    [
                        row["date"],
                        row["shares"],
                        row["sharers"],
                        row["clicks"],
                        row["unique_clicks"],
                    ]
                )

    def _json(self, out, period, filters, summary, daily):
        document = {
            "from": period.first_day.isoformat(),
            "to": period.last_day.isoformat(),
            "filters": {k: v for k, v in filters.__dict__.items() if v},
            "kpis": {name: _plain(value) for name, value in summary.items()},
        }
        if daily:
            document["daily"] = [{**row, "date": row["date"].isoformat()} for row in daily]
        out.write(json.dumps(document, indent=2) + "\n")


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float):
        return round(value, 4)
    return value
