from django.core.management.base import BaseCommand, CommandError

from wagtail_advocacy.conversions.models import ConversionSource
from wagtail_advocacy.conversions.services import (
    ConversionRefused,
    find_referrer,
    record_conversion,
)
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

        errors, created, existing = [], 0, 0
        with importing(dry_run):
            for number, row in enumerate(rows, start=2):
                try:
                    referrer = (row.get("referrer") or "").strip()
                    result = record_conversion(
                        kind=row.get("kind"),
                        source=ConversionSource.IMPORT,
                        token=(row.get("token") or "").strip() or None,
                        referrer=find_referrer(referrer) if referrer else None,
                        value=row.get("value"),
                        occurred_at=row.get("occurred_at"),
                        idempotency_key=row.get("idempotency_key"),
                        note=row.get("note") or "",
                    )
                except ConversionRefused as refused:
                    errors.append(f"line {number}: {refused.message}")
                    continue
                if result.created:
                    created += 1
                else:
                    existing += 1
            if errors:
                raise CommandError(
                    "Nothing was imported. Fix these lines and run again:\n" + "\n".join(errors)
                )
        report_import(
            self,
            f"{created} conversion(s) imported; {existing} already recorded (same key).",
            dry_run=dry_run,
        )
