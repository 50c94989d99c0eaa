"""The location check: inside one country vs in several."""
from service.pipeline.compare.checks import location
from tests.pipeline.compare.fakes import claim


def test_one_country_against_several_is_a_discrepancy():
    found = location.check(claim("A#0", place_scope="multiple"), claim("B#0", place_scope="single"))
    assert found is not None and found.type == "location"
    assert found.explanation == "B places it inside one country; A places it in several."


def test_the_same_scope_or_none_is_not():
    assert location.check(claim("A#0", place_scope="single"), claim("B#0", place_scope="single")) is None
    assert location.check(claim("A#0", place_scope="single"), claim("B#0")) is None
    assert location.CHECK.value(claim("A#0")) == ""
