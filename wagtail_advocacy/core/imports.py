"""What the CSV import commands share: the same arguments, and a file read whole (so a
bad line found at the end still leaves the database untouched) with clear errors."""

import csv

from django.core.management.base import CommandError


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
