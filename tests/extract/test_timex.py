import pytest

from kg.extract.timex import normalise_date

PUBLISHED = "2017-07-04"  # a Tuesday


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("in 2014", "2014", "year"),
        ("27 June 2017", "2017-06-27", "day"),
        ("June 27, 2017", "2017-06-27", "day"),
        ("March 2011", "2011-03", "month"),
        ("on Tuesday", "2017-07-04", "day"),
        ("Sunday", "2017-07-02", "day"),
        ("late Thursday", "2017-06-29", "day"),
        ("last month", "2017-06", "month"),
        ("In January", "2017-01", "month"),
        ("September", "2016-09", "month"),
        ("four years ago", "2013", "year"),
        ("last year", "2016", "year"),
        ("yesterday", "2017-07-03", "day"),
        ("Wednesday\u2019s", "2017-06-28", "day"),
    ],
)
def test_dates_are_normalised_against_publication(text, value, precision):
    time = normalise_date(text, PUBLISHED)
    assert time is not None and (time.value, time.precision) == (value, precision)


@pytest.mark.parametrize("text", ["months", "the mid-1990s", "decades", "for the first time"])
def test_vague_spans_give_no_time(text):
    assert normalise_date(text, PUBLISHED) is None


def test_relative_dates_need_a_publication_date():
    assert normalise_date("on Tuesday", None) is None
    assert normalise_date("in 2014", None).value == "2014"
