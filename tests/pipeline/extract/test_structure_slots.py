"""What the structure reads for the compared slots, on the real parse: lengths of time as counts, negations of the event."""
import pytest

from service.pipeline.extract import structure
from service.pipeline.types import Source

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


def negated(pipeline, text):
    return pipeline.extract_claims([Source("T", text)])[0].negated


@pytest.mark.parametrize("text, denied", [
    ("Citizens were urged not to touch or approach unidentified debris.", False),
    ("The military urged residents not to approach any objects.", False),
    ("No one was killed in the blast.", True),
    ("Belarus agreed not to release the prisoners.", True),
    ("The airline did not confirm the figure.", True),
    ("Officials never said how many died.", True),
    ("Lula said he would govern for all Brazil and not just those who voted for him.", False),
    ("The fund will help not only the farmers but their families.", False),
])
def test_a_negation_inside_a_clause_below_the_event_does_not_deny_it(pipeline, text, denied):
    assert negated(pipeline, text) is denied


@pytest.mark.parametrize("text, units", [
    ("About 3,000 police officers, firefighters and soldiers were dispatched.", [""]),
    ("About 3,000 police and rescue personnel have been sent.", [""]),
    ("More than 2,000 soldiers, 300 police and 50 medical staff had been sent.", ["soldier", "police", "staff"]),
    ("Five passengers and three crew members died.", ["passenger", "member"]),
])
def test_a_number_of_several_kinds_together_counts_no_one_kind(parser, text, units):
    doc = parser(text)
    assert [q.unit for q in structure._quantities(doc[:], {t.i for t in doc})] == units


def test_a_conversion_in_brackets_of_a_rough_figure_is_rounded(parser):
    doc = parser("The quakes hit eight towns about 170 km (105 miles) southeast of Lanzhou.")
    found = [(q.unit, q.bound) for q in structure._quantities(doc[:], {t.i for t in doc}) if q.unit == "kilometre"]
    assert found == [("kilometre", "about"), ("kilometre", "converted")]
    doc = parser("The plane came down 12 km (7.5 miles) from the airport.")
    assert {q.bound for q in structure._quantities(doc[:], {t.i for t in doc})} == {""}


def test_a_toll_word_right_after_the_counted_people_gives_the_toll(parser):
    doc = parser("The first figures were 136 people dead and more than 140 injured by the earthquake.")
    tallies = {q.value: q.tally for q in structure._quantities(doc[:], {t.i for t in doc})}
    assert tallies == {136.0: "death", 140.0: "injury"}


@pytest.mark.parametrize("text, found", [
    ("The arrival takes Chelsea's January spending to £289m.", [(289e6, "gbp", "£289m")]),
    ("He joined for a British record 121m euro (£107m) transfer fee.", [(121e6, "eur", "121m euro"),
                                                                        (107e6, "gbp", "£107m")]),
    ("Musk closed the $44bn deal.", [(44e9, "usd", "$44bn")]),
    ("He was ordered to forfeit $11 billion.", [(11e9, "usd", "$11 billion")]),
    ("The bridge is 120m long.", [(120.0, "", "120")]),
])
def test_a_sum_keeps_its_currency_symbol_and_scale(parser, text, found):
    doc = parser(text)
    assert [(q.value, q.unit, q.text) for q in structure._quantities(doc[:], {t.i for t in doc})] == found


@pytest.mark.parametrize("text, units", [
    ("The winds fell just one mile-per-hour short of category five.", ["mph", "category number"]),
    ("Michael was only 2 mph shy of a Category 5 hurricane.", ["mph"]),
    ("It brought winds of 155 miles per hour.", ["mph"]),
    ("Gusts reached 250 km/h.", ["kph"]),
    ("The town is 25 miles southeast of Panama City.", ["kilometre"]),
])
def test_a_speed_is_one_unit_however_it_is_written(parser, text, units):
    doc = parser(text)
    assert [q.unit for q in structure._quantities(doc[:], {t.i for t in doc})] == units


@pytest.mark.parametrize("text, found", [
    ("Some 20 vehicles plunged up to 150ft into a void.", [(20.0, "vehicle", "Some 20"), (45.72, "metre", "up to 150ft")]),
    ("The jet reached an altitude of only 625 feet.", [(190.5, "metre", "only 625 feet")]),
    ("The storm was about 170 km (105 miles) east of Miami.", [(170.0, "kilometre", "about 170 km"),
                                                               (168.98, "kilometre", "105 miles")]),
])
def test_a_measure_told_in_feet_or_miles_is_read_in_metres_or_kilometres_as_written(parser, text, found):
    doc = parser(text)
    assert [(round(q.value, 2), q.unit, q.text) for q in structure._quantities(doc[:], {t.i for t in doc})] == found


@pytest.mark.parametrize("text, unit", [
    ("Cars plunged after a 200-metre section of the Morandi Bridge collapsed.", "metre|length of section"),
    ("Trucks were stranded on either side of the 80-metre long collapsed section.", "metre|length of section"),
    ("A 50-metre high section of the bridge crashed down.", "metre|height of section"),
    ("After the 50-metre-high section of the bridge crashed down, rescuers arrived.", "metre|height of section"),
])
def test_a_measure_that_describes_a_thing_counts_that_dimension_of_it(parser, text, unit):
    doc = parser(text)
    assert [q.unit for q in structure._quantities(doc[:], {t.i for t in doc}) if q.unit.startswith("metre")] == [unit]
