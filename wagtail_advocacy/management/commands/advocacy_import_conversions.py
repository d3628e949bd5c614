from django.core.management.base import BaseCommand, CommandError

from wagtail_advocacy.conversions.services import import_conversions
from wagtail_advocacy.core.imports import add_csv_arguments, importing, read_csv, report_import

COLUMNS = ("token", "referrer", "kind", "value", "occurred_at", "idempotency_key", "note")


class Command(BaseCommand):
    help = (
        "Import conversions (applications, hires, leads) from a CSV file with the columns "
        "token or referrer (a username), kind, and optionally value, occurred_at, "
        "idempotency_key and note. All rows are imported, or none."
    )

    def add_arguments(self, parser):
        add_csv_arguments(parser)

    def handle(self, *args, path, dry_run, **options):
        _header, rows = read_csv(path)
        if not rows:
            raise CommandError(f"{path} has no rows.")
        header = set(rows[0])
        if "kind" not in header or not header & {"token", "referrer"}:
            raise CommandError(
                "The header must have a kind column and a token or referrer column; "
                f"known columns: {', '.join(COLUMNS)}."
            )

        with importing(dry_run):
            result = import_conversions(rows)
            if result.errors:
                raise CommandError(
                    "Nothing was imported. Fix these lines and run again:\n"
                    + "\n".join(result.errors)
                )
        report_import(
            self,
            f"{result.created} conversion(s) imported; "
            f"{result.existing} already recorded (same key).",
            dry_run=dry_run,
        )
