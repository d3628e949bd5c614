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
"""

from __future__ import annotations

import csv
import re

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


class SafeCsvExportMixin:
    """For views built on Wagtail's ``SpreadsheetExportMixin``: CSV cells are neutralised.

    The hook is ``preprocess_field_value``, after Wagtail has turned the value into what it
    writes (a model instance into its ``str``), so names reached through objects are
    caught too. XLSX needs nothing: Wagtail already stores formula-looking cells as text.
    """

    def preprocess_field_value(self, field, value, export_format):
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
