"""Lengths of time read as counts of their time unit, on the real parse; points in time are not."""
import pytest

from service.pipeline.extract import structure

pytestmark = pytest.mark.slow


def durations(parser, text):
    doc = parser(text)
    return [(q.value, q.unit, q.bound) for q in structure._quantities(doc[:], {t.i for t in doc})]


@pytest.mark.parametrize("text, found", [
    ("Liz Truss has been in office for just 45 days.", [(45.0, "day", "")]),
    ("She resigned after 44 days in No10.", [(44.0, "day", "")]),
    ("He was sentenced to 25 years in prison.", [(25.0, "year", "")]),
    ("He stayed for about six months.", [(6.0, "month", "about")]),
    ("The boy was found two days ago.", []),
    ("The boy, five years old, was rescued.", []),
    ("It was the worst quake in the past 10 years.", []),
    ("Rescuers arrived a day after the quake.", []),
])
def test_a_length_of_time_is_a_count_of_its_unit(parser, text, found):
    assert durations(parser, text) == found
