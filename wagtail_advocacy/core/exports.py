"""Every CSV the package writes goes through here, so no cell can become a live formula.

A spreadsheet opening a CSV runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and
some also after a tab or a carriage return) as a formula: a display name, page title,
campaign name or department such as ``=HYPERLINK("https://evil.example", "Open")`` would
turn into a link or worse in the reader's spreadsheet. As OWASP recommends, such a cell is
written with a single quote in front, which spreadsheets show as text.

Only strings are touched: numbers (negative ones too), dates and empty cells are written
as they are, and so is a string that is a plain number such as ``-12.50``.

Three ways in, one rule (:func:`neutralise`):

- :class:`SafeCsvExportMixin` for Wagtail's ``SpreadsheetExportMixin`` views (report views,
  generic index views and wagtail-modeladmin's index view): put it first in the bases;
- :func:`csv_writer` for code that writes with the ``csv`` module (management commands).

The tables of a person's own data ("My data", ``core.registries.personal_data``) are read
with :func:`named_rows`: one query each, in columns named for the person.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

#: The characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")


def neutralise(value):
    """``value`` as a spreadsheet shows it as text: a formula-looking string gets a ``'``."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_PREFIXES)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


@dataclass(frozen=True)
class Rounded:
    """How an exported figure is written: ``value × scale`` with ``places`` decimals, as the
    screen shows it (``Rounded(100, 0)`` for a 0..1 rate shown as a whole percentage)."""

    scale: float = 1
    places: int = 2

    def text(self, value) -> str:
        # Half away from zero, as people round (not Python's half to even on floats).
        number = Decimal(str(value)) * Decimal(str(self.scale))
        return str(number.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP))

    def number(self, value):
        text = self.text(value)
        return int(text) if self.places == 0 else float(text)

    def display(self, value) -> str:
        """The figure for a screen, in the active language's format (Django's
        ``number_format`` alone would truncate 66.67 to 66)."""
        return number_format(Decimal(self.text(value)), self.places)


def export_number(value, rounded: Rounded, export_format: str, csv_format: str = "csv"):
    """A figure for an export: a number in XLSX, its text rounded as on screen in CSV;
    anything that is not a number (None, text) as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return value
    return rounded.text(value) if export_format == csv_format else rounded.number(value)


class SafeCsvExportMixin:
    """For views built on Wagtail's ``SpreadsheetExportMixin``: CSV cells are neutralised.

    The hook is ``preprocess_field_value``, after Wagtail has turned the value into what it
    writes (a model instance into its ``str``), so names reached through objects are
    caught too. XLSX needs nothing: Wagtail already stores formula-looking cells as text.

    ``export_numbers`` maps a field of ``list_export`` to how it is :class:`Rounded`: a
    number in XLSX, the figure the screen shows in CSV.
    """

    export_numbers: dict[str, Rounded] = {}

    def preprocess_field_value(self, field, value, export_format):
        if field in self.export_numbers:
            return export_number(value, self.export_numbers[field], export_format, self.FORMAT_CSV)
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            value = neutralise(value)
        return value


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **kwargs):
    """A ``csv.writer`` on ``out`` whose ``writerow`` neutralises every cell."""
    return _SafeWriter(csv.writer(out, **kwargs))


def named_rows(queryset, **columns: str) -> list[dict]:
    """The rows of ``queryset`` as dicts, one query: ``column="path"`` names each value
    (``page="page__title"``), in the order given. A person's export names its columns
    in their words, which may be the model's own field names (``values(page=...)`` would
    refuse them)."""
    names = list(columns)
    return [
        dict(zip(names, values, strict=True)) for values in queryset.values_list(*columns.values())
    ]
