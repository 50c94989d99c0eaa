"""The date check: resolved dates of one event, compared to the coarser one's precision."""
from dataclasses import replace

from service.pipeline.compare.checks import date
from tests.pipeline.compare.fakes import claim


def killed(cid, *dates, event="kill"):
    return claim(cid, event=event, dates=tuple(dates))


def test_dates_are_compatible_to_the_coarser_precision_or_when_one_side_has_none():
    day = killed("A#0", ("2017-09-19", "day"))
    assert date.dates_compatible(day, killed("B#0", ("2017-09", "month")))
    assert date.dates_compatible(day, killed("B#0", ("2017", "year")))
    assert date.dates_compatible(day, killed("B#0"))
    assert not date.dates_compatible(day, killed("B#0", ("1985", "year")))
    assert not date.dates_compatible(day, killed("B#0", ("2017-09-20", "day")))
    assert date.dates_compatible(day, killed("B#0", ("2017-09-20", "day"), ("2017-09-19", "day")))


def test_different_days_for_one_event_are_a_discrepancy():
    found = date.check(killed("A#0", ("2025-06-11", "day")), killed("B#0", ("2025-06-12", "day")))
    assert found is not None and found.type == "date"
    assert "2025-06-11" in found.explanation and "2025-06-12" in found.explanation


def test_other_events_and_other_precisions_are_not_compared():
    a = killed("A#0", ("2025-06-11", "day"))
    assert date.check(a, killed("B#0", ("2025-06-12", "day"), event="bury")) is None
    assert date.check(a, killed("B#0", ("1985", "year"))) is None      # "Tuesday" vs "1985": other events
    assert date.check(a, killed("B#0")) is None
    assert not date.CHECK.comparable(a, replace(a, event="bury")) and date.CHECK.comparable(a, a)
    assert date.CHECK.value(killed("A#0", ("2025-06-11", "day"), ("2025-06", "month"))) == "2025-06-11, 2025-06"


def test_a_month_and_a_year_of_one_event_are_compared_at_the_year():
    took_effect = killed("A#0", ("2022-11", "month"), event="take effect")
    assert date.check(took_effect, killed("B#0", ("2024", "year"), event="take effect")) is not None
    assert date.check(took_effect, killed("B#0", ("2022", "year"), event="take effect")) is None


def test_dates_of_a_report_are_when_it_was_said_not_when_it_happened():
    from service.pipeline.compare.checks import date as date_check
    monday = claim("A#0", "89 people are reported dead", event="report", dates=(("2013-07-22", "day"),))
    tuesday = claim("B#0", "Authorities reported 89 deaths overnight Tuesday", event="report",
                    dates=(("2013-07-23", "day"),))
    assert date_check.check(monday, tuesday) is None
    killed = claim("A#1", "killed on Wednesday", event="kill", dates=(("2025-06-11", "day"),))
    assert date_check.check(killed, claim("B#1", "killed on Thursday", event="kill", dates=(("2025-06-12", "day"),))) is not None
