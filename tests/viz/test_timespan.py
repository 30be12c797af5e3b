import pytest

from kg.errors import UsageError
from kg.viz.timespan import bound, overlaps, span


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014", ("2014-01-01", "2014-12-31")),
        ("2016-02", ("2016-02-01", "2016-02-29")),
        ("2017-07-06", ("2017-07-06", "2017-07-06")),
        ("2017-07-06T10:00:00Z", ("2017-07-06", "2017-07-06")),
        ("2014-02-30", None),
        ("2014-13", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_a_time_covers_the_days_it_names(value, expected):
    assert span(value) == expected


def test_bounds_take_the_start_or_the_end_of_the_period():
    assert bound("--since", "2017", end=False) == "2017-01-01"
    assert bound("--until", "2017-02", end=True) == "2017-02-28"
    assert bound("--since", None, end=False) is None
    with pytest.raises(UsageError, match="--since 'soon' is not a date; use YYYY"):
        bound("--since", "soon", end=False)


def test_a_period_meets_a_range_when_any_of_its_days_does():
    year = span("2014")
    assert overlaps(year, "2014-12-31", None)
    assert not overlaps(year, "2015-01-01", None)
    assert overlaps(year, None, "2014-01-01")
    assert not overlaps(year, None, "2013-12-31")
    assert overlaps(None, None, None)
    assert not overlaps(None, "2000-01-01", None)
