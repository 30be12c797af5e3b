"""Event times as closed date intervals, so a year, a month and a day compare with each other.

kg:time holds an xsd:gYear ("2014"), xsd:gYearMonth ("2014-07") or xsd:date ("2014-07-06");
each stands for the days it covers. ISO dates compare correctly as strings, which lets the
page filter with the same rule in JavaScript.
"""

from __future__ import annotations

import calendar
import re

from kg.errors import UsageError

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def span(value: str | None) -> tuple[str, str] | None:
    """The first and last day `value` covers, or None when it is not a year, month or date."""
    if not value:
        return None
    match = _PATTERN.match(str(value).strip()[:10])
    if not match:
        return None
    year, month, day = match.groups()
    try:
        if day:
            calendar.weekday(int(year), int(month), int(day))  # rejects 2014-02-30
            return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
        if month:
            last = calendar.monthrange(int(year), int(month))[1]
            return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    except ValueError:
        return None
    return f"{year}-01-01", f"{year}-12-31"


def bound(option: str, value: str | None, end: bool) -> str | None:
    """A --since (start of the period) or --until (end of it) value as an ISO date."""
    if value is None:
        return None
    covered = span(value)
    if covered is None:
        raise UsageError(f"{option} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return covered[1] if end else covered[0]


def overlaps(covered: tuple[str, str] | None, since: str | None, until: str | None) -> bool:
    """Whether an event's days meet [since, until]; an undated event meets no bounded range."""
    if since is None and until is None:
        return True
    if covered is None:
        return False
    return (since is None or covered[1] >= since) and (until is None or covered[0] <= until)
