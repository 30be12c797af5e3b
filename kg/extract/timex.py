"""Normalise the dates news text uses against the article's publication date.

"in 2014" -> 2014 (year); "27 June 2017" -> 2017-06-27; "on Tuesday" -> the last Tuesday
on or before publication; "last month" -> the month before publication (month). Vague
spans ("months", "the 1990s", "for decades") give None rather than a guess.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.extract.text import NUMBER_WORDS
from kg.facts import TimeValue

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
NUMBERS = {**NUMBER_WORDS, "a": 1, "an": 1}
SEASONS = {"spring", "summer", "fall", "autumn", "winter"}

_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"


def normalise_date(text: str, published: str | None) -> TimeValue | None:
    """The time `text` denotes, or None when it names no single year, month or day."""
    t = re.sub(r"['\u2019]s\b", "", text.lower()).strip()
    t = re.sub(r"^(on|in|since|by|during|from|until|of|at|late|early|earlier|later|mid|the)\s+", "", t)
    t = re.sub(r"^(on|in|the)\s+", "", t).strip(" ,.")
    pub = _parse_iso(published)

    if m := re.fullmatch(r"(1[5-9]\d\d|20\d\d)", t):
        return TimeValue(m.group(1), "year")
    if m := re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})", t):
        return _day(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
    if m := re.fullmatch(rf"{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", t):
        return _day(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
    if m := re.fullmatch(rf"{_MONTH},?\s+(\d{{4}})", t):
        return TimeValue(f"{int(m.group(2)):04d}-{_month(m.group(1)):02d}", "month")
    if pub is None:
        return None
    if m := re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}", t) or re.fullmatch(
        rf"{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?", t
    ):
        groups = m.groups()
        day_s, month_s = (groups[0], groups[1]) if groups[0].isdigit() else (groups[1], groups[0])
        month = _month(month_s)
        year = pub.year if (month, int(day_s)) <= (pub.month, pub.day) else pub.year - 1
        return _day(year, month, int(day_s))
    if m := re.fullmatch(_MONTH, t):
        month = _month(m.group(1))
        year = pub.year if month <= pub.month else pub.year - 1
        return TimeValue(f"{year:04d}-{month:02d}", "month")
    first = t.split()[0] if t else ""
    if first in WEEKDAYS and len(t.split()) <= 3:
        back = (pub.weekday() - WEEKDAYS[first]) % 7
        return TimeValue((pub - timedelta(days=back)).isoformat(), "day")
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight"):
        return TimeValue(pub.isoformat(), "day")
    if t in ("yesterday", "last night"):
        return TimeValue((pub - timedelta(days=1)).isoformat(), "day")
    if t in ("last month", "a month ago"):
        first_of_month = pub.replace(day=1) - timedelta(days=1)
        return TimeValue(f"{first_of_month.year:04d}-{first_of_month.month:02d}", "month")
    if t in ("this month", "earlier this month"):
        return TimeValue(f"{pub.year:04d}-{pub.month:02d}", "month")
    if re.fullmatch(r"(just )?last week|a week ago|(just )?(earlier )?this week", t):
        back = 7 if "last" in t or "ago" in t else 0
        when = pub - timedelta(days=back)
        return TimeValue(f"{when.year:04d}-{when.month:02d}", "month")
    if t in ("last year", "a year ago"):
        return TimeValue(f"{pub.year - 1:04d}", "year")
    if t in ("this year", "earlier this year"):
        return TimeValue(f"{pub.year:04d}", "year")
    if m := re.fullmatch(r"last (spring|summer|fall|autumn|winter)", t):
        # Spoken before that season comes round again, "last fall" is the previous year's.
        return TimeValue(f"{pub.year - 1:04d}", "year")
    if m := re.fullmatch(r"(\w+) years? ago", t):
        n = NUMBERS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else None)
        if n:
            return TimeValue(f"{pub.year - n:04d}", "year")
    return None


def _month(text: str) -> int:
    text = text.rstrip(".")
    return MONTHS.get(text, MONTHS.get(text[:3], 0))


def _day(year: int, month: int, day: int) -> TimeValue | None:
    try:
        return TimeValue(date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
