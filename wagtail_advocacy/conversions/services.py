"""Conversions: the single writer, whichever way a conversion comes in (admin, API, CSV)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from wagtail.log_actions import LogContext

from wagtail_advocacy.ambassadors.queries import department_and_audience
from wagtail_advocacy.conversions.models import Conversion, ConversionKind, ConversionSource
from wagtail_advocacy.core import audit
from wagtail_advocacy.core.refusals import Refusal
from wagtail_advocacy.sharing.models import TrackedLink


class ConversionRefused(Refusal):
    """Bad input for a conversion: the message says what to fix."""


#: The earliest conversion accepted: anything before is a typo or a default date (year 1),
#: which PostgreSQL would store as a date BC. The latest is now, give or take five minutes
#: of clock difference with the caller. docs/kpis.md says the same.
EARLIEST_CONVERSION = datetime.date(2000, 1, 1)
CLOCK_SKEW = datetime.timedelta(minutes=5)
MAX_VALUE = Decimal("1e10")  # the field has 12 digits, 2 after the point
NOTE_LENGTH = 255

#: The sources whose conversions are logged here. One recorded in the admin is already
#: logged by Wagtail's snippet view ("wagtail.create"), with its editor.
LOGGED_SOURCES = (ConversionSource.API, ConversionSource.IMPORT)


@dataclass
class ConversionResult:
    conversion: Conversion
    created: bool


def _text(value) -> str:
    """What a caller sent as text; numbers are accepted, lists and objects are not."""
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        if "\x00" in text:
            raise ConversionRefused(_("A field contains a NUL character, which is not allowed."))
        return text
    raise ConversionRefused(_("Each field must be a text or a number."))


def parse_kind(value) -> str:
    value = _text(value).lower()
    if value not in ConversionKind.values:
        raise ConversionRefused(
            _("Unknown kind “%(kind)s”: use one of %(kinds)s.")
            % {"kind": value, "kinds": ", ".join(ConversionKind.values)}
        )
    return value


def parse_value(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise ConversionRefused(_("The value must be a number, such as 1200.50.")) from None
    # Rounded to the cent before the range check: 9999999999.995 rounds to 10 billion.
    if amount.is_finite() and 0 < amount < MAX_VALUE:
        amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if not amount.is_finite() or not 0 < amount < MAX_VALUE:
        raise ConversionRefused(_("The value must be a positive number below 10 billion."))
    return amount


def parse_when(value) -> datetime.datetime:
    """An ISO date or date-time; a date means noon that day; naive means local time."""
    if value in (None, ""):
        return timezone.now()
    if isinstance(value, datetime.datetime):
        when = value
    else:
        text = _text(value)
        try:
            when = parse_datetime(text)
            day = parse_date(text) if when is None else None
        except ValueError:  # well formed but impossible, such as 30 February
            when = day = None
        if when is None:
            if day is None:
                raise ConversionRefused(
                    _("“%(value)s” is not a date: use YYYY-MM-DD or an ISO 8601 date-time.")
                    % {"value": text}
                )
            when = datetime.datetime.combine(day, datetime.time(12))
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    earliest = datetime.datetime.combine(EARLIEST_CONVERSION, datetime.time())
    if when < timezone.make_aware(earliest):
        raise ConversionRefused(
            _("A conversion cannot be before %(date)s.") % {"date": EARLIEST_CONVERSION}
        )
    if when > timezone.now() + CLOCK_SKEW:
        raise ConversionRefused(_("A conversion cannot be in the future."))
    return when


def find_link(token) -> TrackedLink:
    token = _text(token)
    link = (
        TrackedLink.objects.select_related("page").filter(token=token).first() if token else None
    )
    if link is None:
        raise ConversionRefused(
            _("No tracked link has the token “%(token)s”.") % {"token": token[:64]}
        )
    return link


def find_referrer(username):
    username = _text(username)
    User = get_user_model()
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    if user is None:
        raise ConversionRefused(_("No employee has the username “%(name)s”.") % {"name": username})
    return user


def record_conversion(
    *,
    kind,
    source,
    token=None,
    referrer=None,
    value=None,
    occurred_at=None,
    idempotency_key=None,
    recorded_by=None,
    note="",
) -> ConversionResult:
    """Validate and record a conversion credited to a tracked link or a referrer.

    With a token, the page, campaign, network and referrer come from the link. A second
    call with the same ``idempotency_key`` returns the first conversion, unchanged.
    Raises ``ConversionRefused``; nothing is written then.

    A conversion from the API or an import is logged in Wagtail's audit log
    ("wagtail_advocacy.conversion", with its source) in the same transaction; the user
    is ``recorded_by``, else the log context's (an import's), else no one (the API).
    """
    kind = parse_kind(kind)
    amount = parse_value(value)
    when = parse_when(occurred_at)
    key = _text(idempotency_key) or None
    note = _text(note)
    if len(note) > NOTE_LENGTH:
        raise ConversionRefused(
            _("The note is longer than %(length)d characters.") % {"length": NOTE_LENGTH}
        )
    if key and len(key) > 128:
        raise ConversionRefused(_("The idempotency key is longer than 128 characters."))
    if key:
        existing = Conversion.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return ConversionResult(existing, False)

    fields = {}
    if token:
        link = find_link(token)
        fields.update(
            link=link,
            page=link.page,
            campaign_id=link.page.campaign_id,
            network=link.network,
            referrer=link.user,
            department=link.department,
        )
        if referrer is not None and link.user_id and referrer.pk != link.user_id:
            raise ConversionRefused(
                _("This tracked link belongs to another employee than the referrer given.")
            )
    elif referrer is not None:
        fields["referrer"] = referrer
        fields["department"] = department_and_audience(referrer, "")[0]
    else:
        raise ConversionRefused(_("Give a tracked-link token or a referring employee."))

    try:
        with transaction.atomic():
            conversion = Conversion.objects.create(
                kind=kind,
                value=amount,
                occurred_at=when,
                source=source,
                idempotency_key=key,
                recorded_by=recorded_by,
                note=note,
                **fields,
            )
            if source in LOGGED_SOURCES:
                audit.record(
                    conversion,
                    "wagtail_advocacy.conversion",
                    user=recorded_by,
                    data={"source": str(source)},
                )
    except IntegrityError:
        # The same key arrived twice at once: the other call won.
        existing = Conversion.objects.filter(idempotency_key=key).first() if key else None
        if existing is None:
            raise
        return ConversionResult(existing, False)
    return ConversionResult(conversion, True)


@dataclass
class ImportResult:
    created: int
    existing: int
    errors: list[str]


def import_conversions(rows, *, user=None, first_line=2) -> ImportResult:
    """Record each row of a CSV import (the columns of ``advocacy_import_conversions``).

    Every conversion the import creates is logged with the source "import", by ``user``
    (the importing editor, if any), and all its entries share one uuid, so the site
    history shows them as one action. A refused row is reported by its line number
    (the header is line 1) and the others are still recorded: the caller decides whether
    to keep them, in its transaction.
    """
    created, existing, errors = 0, 0, []
    with LogContext(user=user):
        for number, row in enumerate(rows, start=first_line):
            try:
                referrer = _text(row.get("referrer"))
                result = record_conversion(
                    kind=row.get("kind"),
                    source=ConversionSource.IMPORT,
                    token=_text(row.get("token")) or None,
                    referrer=find_referrer(referrer) if referrer else None,
                    value=row.get("value"),
                    occurred_at=row.get("occurred_at"),
                    idempotency_key=row.get("idempotency_key"),
                    recorded_by=user,
                    note=row.get("note") or "",
                )
            except ConversionRefused as refused:
                errors.append(
                    _("line %(number)d: %(message)s")
                    % {"number": number, "message": refused.message}
                )
                continue
            if result.created:
                created += 1
            else:
                existing += 1
    return ImportResult(created, existing, errors)


def detach_referrer(user):
    """Erasure: conversions credited to the person stay counted but name no one.

    The note and the idempotency key came from the careers site or an HR editor and may
    name the person (a candidate's referral, "referred by Ana"): both are emptied too.
    """
    Conversion.objects.filter(referrer=user).update(referrer=None, note="", idempotency_key=None)
