"""Import department and job title from an HR export (CSV), all or nothing.

Employees who joined the program get their profile updated; the others get an HR record
that prefills the "Join the program" form. Nobody becomes an ambassador by import. Each
record written is logged in Wagtail's audit log (Reports → Site history), by ``--user``.
"""

from collections import Counter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models.functions import Lower
from wagtail.log_actions import LogContext

from wagtail_advocacy.ambassadors.models import AmbassadorProfile, EmployeeRecord
from wagtail_advocacy.ambassadors.services import record_hr_data
from wagtail_advocacy.core.imports import add_csv_arguments, importing, read_csv, report_import

MAX_LENGTHS = {"department": 100, "job_title": 150}


class Command(BaseCommand):
    help = (
        "Import department and job title per employee from a CSV file with the columns "
        "username (or email), department, job_title. Never opts anyone in."
    )

    def add_arguments(self, parser):
        add_csv_arguments(parser, dry_run_help="Check the file and report, write nothing.")
        parser.add_argument("--delimiter", default=",", help='Column separator (default ",").')
        parser.add_argument(
            "--user",
            default=None,
            help="Username of the person running the import, named in the audit log "
            "(default: nobody, as for the system).",
        )

    def handle(self, *args, path, dry_run, delimiter, user=None, **options):
        actor = self._actor(user)
        header, rows = self._read(path, delimiter)
        key = "username" if "username" in header else "email"
        errors = self._match(rows, key)
        if errors:
            raise CommandError(
                "Nothing was imported; fix these lines and run again:\n" + "\n".join(errors)
            )
        counts = Counter()
        unknown = []
        with importing(dry_run), LogContext(user=actor):
            known = [row for row in rows if row["_user"] is not None]
            user_ids = [row["_user"].pk for row in known]
            existing = set(
                EmployeeRecord.objects.filter(user_id__in=user_ids).values_list(
                    "user_id", flat=True
                )
            )
            with_profile = set(
                AmbassadorProfile.objects.filter(user_id__in=user_ids).values_list(
                    "user_id", flat=True
                )
            )
            for row in rows:
                user = row["_user"]
                if user is None:
                    unknown.append(row[key])
                    continue
                record_hr_data(user, department=row["department"], job_title=row["job_title"])
                counts["updated" if user.pk in existing else "created"] += 1
                if user.pk in with_profile:
                    counts["profiles"] += 1
        report_import(
            self,
            f"{counts['created']} HR records created, {counts['updated']} updated, "
            f"{counts['profiles']} ambassador profiles updated, {len(unknown)} unknown users.",
            dry_run=dry_run,
        )
        if unknown:
            self.stdout.write("Unknown users (skipped): " + ", ".join(unknown))

    def _actor(self, username):
        if not username:
            return None
        User = get_user_model()
        actor = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if actor is None:
            raise CommandError(f"--user {username}: no such user.")
        return actor

    def _read(self, path, delimiter):
        header, rows = read_csv(path, delimiter=delimiter)
        if not ({"username", "email"} & set(header)) or not {
            "department",
            "job_title",
        } <= set(header):
            raise CommandError(
                "The header must have the columns username (or email), department and "
                f"job_title; found: {', '.join(header) or 'nothing'}."
            )
        if not rows:
            raise CommandError(f"{path} has a header but no rows.")
        for row in rows:
            if None in row:  # more cells than columns
                row["_extra"] = row.pop(None)
            for name in ("username", "email", "department", "job_title"):
                row[name] = (row.get(name) or "").strip()
        return header, rows

    def _match(self, rows, key):
        """Find each row's account (in one query) and list what is wrong with the rows."""
        User = get_user_model()
        values = {row[key] for row in rows if row[key]}
        if key == "username":
            field = User.USERNAME_FIELD
            found = {getattr(u, field): u for u in User.objects.filter(**{f"{field}__in": values})}
            lookup = found.get
        else:
            matches = User.objects.annotate(email_lower=Lower("email")).filter(
                email_lower__in={v.lower() for v in values}
            )
            by_email = {}
            for user in matches:
                by_email.setdefault(user.email_lower, []).append(user)
            lookup = by_email.get

        errors = []
        seen = {}
        for line, row in enumerate(rows, start=2):
            row["_user"] = None
            identifier = row[key]
            if not identifier:
                errors.append(f"line {line}: the {key} is empty.")
                continue
            if "_extra" in row:
                errors.append(f"line {line}: more cells than columns.")
            for name, limit in MAX_LENGTHS.items():
                if len(row[name]) > limit:
                    errors.append(f"line {line}: {name} is longer than {limit} characters.")
            folded = identifier.lower() if key == "email" else identifier
            if folded in seen:
                errors.append(f"line {line}: {identifier} is already on line {seen[folded]}.")
            seen[folded] = line
            user = lookup(folded)
            if isinstance(user, list):
                if len(user) > 1:
                    errors.append(
                        f"line {line}: several accounts use {identifier}; use usernames."
                    )
                    continue
                user = user[0]
            row["_user"] = user
        return errors
