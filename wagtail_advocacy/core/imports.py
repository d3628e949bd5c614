"""What the CSV import commands share: the same arguments, a file read whole (so a bad
line found at the end still leaves the database untouched) with clear errors, one
transaction for the whole file, and the same summary line."""

import csv
from contextlib import contextmanager

from django.core.management.base import CommandError
from django.db import transaction


def add_csv_arguments(parser, *, dry_run_help="Check every row and write nothing."):
    parser.add_argument("path", help="CSV file, UTF-8, with a header row.")
    parser.add_argument("--dry-run", action="store_true", help=dry_run_help)


def read_csv(path, *, delimiter=","):
    """The file's header (names stripped) and rows; a ``CommandError`` when unreadable."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle, delimiter=delimiter)
            header = [name.strip() for name in reader.fieldnames or []]
            reader.fieldnames = header
            rows = list(reader)
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise CommandError(f"{path} is not a UTF-8 CSV file: {error}") from None
    return header, rows


@contextmanager
def importing(dry_run):
    """The whole file in one transaction, rolled back on a dry run (and on any error)."""
    with transaction.atomic():
        yield
        if dry_run:
            transaction.set_rollback(True)


def report_import(command, summary, *, dry_run):
    """The command's last line: what was (or, on a dry run, would have been) written."""
    prefix = "Dry run, nothing written: " if dry_run else ""
    command.stdout.write(command.style.SUCCESS(f"{prefix}{summary}"))
