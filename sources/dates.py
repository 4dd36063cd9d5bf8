"""Partial dates: a date known to the year, the month or the day.

Stored as two columns, a ``DateField`` holding the first day of what is known and a precision,
so partial dates still sort and filter as dates. ``partial_date_constraint`` keeps the pair
consistent in the database.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import models
from django.db.models import Q


class Precision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


def normalise(value: dt.date | None, precision: str) -> dt.date | None:
    """The first day of the period a partial date names."""
    if value is None:
        return None
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return value.replace(day=1)
    return value


def display(value: dt.date | None, precision: str) -> str:
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return f"{value.year}"
    if precision == Precision.MONTH:
        return value.strftime("%B %Y")
    return f"{value.day} {value.strftime('%B %Y')}"


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse(text: str) -> tuple[dt.date, str]:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into (first day, precision)."""
    match = _PARTIAL.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    if day:
        return dt.date(int(year), int(month), int(day)), Precision.DAY
    if month:
        return dt.date(int(year), int(month), 1), Precision.MONTH
    return dt.date(int(year), 1, 1), Precision.YEAR


def iso(value: dt.date | None, precision: str) -> str:
    """The inverse of :func:`parse`: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; "" for no date."""
    if value is None:
        return ""
    return value.isoformat()[: {Precision.YEAR: 4, Precision.MONTH: 7}.get(precision, 10)]


def precision_field(verbose_name: str) -> models.CharField:
    return models.CharField(
        verbose_name, max_length=5, choices=Precision.choices, blank=True, default=""
    )


def partial_date_constraint(date_field: str, precision_field: str, name: str):
    """A date and its precision are both set or both empty; the precision is a known one."""
    return models.CheckConstraint(
        condition=(
            Q(**{f"{date_field}__isnull": True, precision_field: ""})
            | Q(
                **{
                    f"{date_field}__isnull": False,
                    f"{precision_field}__in": Precision.values,
                }
            )
        ),
        name=name,
        violation_error_message=f"Give both a date and its precision for {date_field}, or neither.",
    )
