"""The location check: inside one country vs in several; regions of one place that do not overlap."""
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


def test_regions_of_one_place_on_opposite_sides_are_a_discrepancy():
    north = claim("A#0", "the toll rose after a major earthquake in northern China")
    south = claim("B#0", "a strong earthquake in a farming region of southwest China")
    found = location.check(north, south)
    assert found is not None and found.type == "location"
    assert found.explanation == "A places it in northern China, B in southwest China."
    assert location.CHECK.value(south) == "southwest China"
    # The demonym names the same place; east and west are opposite too.
    assert location.check(claim("A#1", "after a north Chinese earthquake"), south) is not None
    assert location.check(claim("A#2", "in northeast China"), claim("B#1", "in northwest China")) is not None


def test_overlapping_or_vague_regions_other_places_and_names_that_start_with_a_compass_word_are_not():
    northwest = claim("B#0", "in northwest China")
    assert location.check(claim("A#0", "in northern China"), northwest) is None
    assert location.check(claim("A#0", "in north-western China"), northwest) is None
    assert location.check(claim("A#0", "in central China"), northwest) is None
    assert location.check(claim("A#0", "in north-central China"), claim("B#1", "in northeast China")) is None
    assert location.check(claim("A#0", "in southern Gansu"), northwest) is None
    assert location.check(claim("A#0", "near West Bengal"), claim("B#1", "in eastern West Bengal")) is None
    assert location.regions(claim("A#0", "North Korea fired a missile")) == {}
