"""Reading a person's data from every domain: a summary for "My data", and the archive
they download (GDPR articles 15 and 20: access and portability).

Nothing here knows a domain: each one registers its part in
``core.registries.personal_data`` with an ``export``, so a new domain's data reaches the
page and the archive without a change here.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail_advocacy.core.exports import csv_writer
from wagtail_advocacy.core.registries import export_personal_data


@dataclass(frozen=True)
class Table:
    name: str
    rows: list[dict]


@dataclass(frozen=True)
class Part:
    """One domain's part of the person's data."""

    name: str
    label: str
    description: str
    tables: list[Table]

    @property
    def row_count(self) -> int:
        return sum(len(table.rows) for table in self.tables)


def personal_data_of(user) -> list[Part]:
    """Every domain's part, in the registry's order, with its tables."""
    return [
        Part(
            name=part.name,
            label=str(part.label or part.name),
            description=str(part.description),
            tables=[Table(name, rows) for name, rows in tables.items()],
        )
        for part, tables in export_personal_data(user)
    ]


def _json(rows) -> bytes:
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _csv(rows) -> bytes:
    """A CSV with a header of every column any row has; formulas are neutralised, since
    the person will open it in a spreadsheet and the text may be someone else's."""
    columns = list(dict.fromkeys(column for row in rows for column in row))
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue().encode("utf-8-sig")  # with a BOM, so spreadsheets read UTF-8


def _cell(value):
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _readme(user, parts, now) -> bytes:
    lines = [
        _("Your data in the employee advocacy program"),
        "",
        _("Prepared on %(date)s for %(user)s.")
        % {"date": now.isoformat(timespec="seconds"), "user": user.get_username()},
        _("Each folder is one part of the program, each table in it as JSON and as CSV."),
        "",
    ]
    for part in parts:
        lines.append(f"{part.name}/ — {part.label}")
        if part.description:
            lines.append(f"    {part.description}")
        for table in part.tables:
            count = len(table.rows)
            line = ngettext("%(table)s: %(count)d row", "%(table)s: %(count)d rows", count)
            lines.append("    " + line % {"table": table.name, "count": count})
        lines.append("")
    return "\n".join(lines).encode()


def personal_data_archive(user, now=None) -> bytes:
    """A ZIP of everything the program holds about ``user``: a README, then one folder
    per part with each table as JSON and CSV. Built in memory: a person's data is small
    (their own shares, links, points and trainings)."""
    now = now or timezone.localtime()
    parts = personal_data_of(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(user, parts, now))
        for part in parts:
            for table in part.tables:
                archive.writestr(f"{part.name}/{table.name}.json", _json(table.rows))
                archive.writestr(f"{part.name}/{table.name}.csv", _csv(table.rows))
    return buffer.getvalue()
