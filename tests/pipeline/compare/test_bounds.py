"""Hedged numbers are ranges and dates after "before/after/since" are bounds: no false counts or dates, and
a count outside a stated bound is a discrepancy."""
import pytest

from service.pipeline.compare.checks import date, numeric
from service.pipeline.extract.normalize import number_bound, quantities_conflict
from service.pipeline.types import Claim, Quantity, Source


def test_number_bound_reads_the_hedge_nearest_the_number():
    assert number_bound(["more", "than"]) == "lower"
    assert number_bound(["killed", "at", "least"]) == "lower"
    assert number_bound(["less", "than"]) == "upper"
    assert number_bound(["Averaged", "over", "less", "than"]) == "upper"
    assert number_bound(["nearly"]) == "nearly"
    assert number_bound(["just", "under"]) == "nearly"
    assert number_bound(["about"]) == "about"
    assert number_bound(["had", "risen", "to"]) == ""
    assert number_bound(["overall"]) == ""          # a word containing a hedge is not a hedge
    assert number_bound(["faces", "up", "to"]) == "maximum"


def test_a_bound_conflicts_only_with_counts_outside_it():
    assert not quantities_conflict(20, "lower", 35, "")       # more than 20 / 35
    assert quantities_conflict(155, "upper", 157, "")         # less than 155 / 157
    assert quantities_conflict(88000, "lower", 85025, "")     # over 88,000 / 85,025
    assert not quantities_conflict(300e6, "lower", 200e6, "lower")
    assert not quantities_conflict(50, "lower", 100, "upper")  # more than 50 / less than 100
    assert quantities_conflict(100, "upper", 150, "lower")
    assert not quantities_conflict(300, "nearly", 290, "")
    assert quantities_conflict(300, "nearly", 310, "")
    assert not quantities_conflict(10, "maximum", 8, "")       # faces up to 10 years / 8 years
    assert quantities_conflict(10, "maximum", 20, "maximum")   # faces up to 10 years / up to 20 years
    assert not quantities_conflict(10, "upper", 20, "upper")   # under 10 / under 20
    assert not quantities_conflict(300, "about", 330, "")
    assert quantities_conflict(52, "", 25, "")
    assert not quantities_conflict(1.2e6, "", 1.203e6, "")


def claim(source, *counts, unit="prisoner"):
    quantities = tuple(Quantity(value, unit if u is None else u, text, bool(bound), bound)
                       for value, text, bound, u in counts)
    return Claim(id=f"{source}#0", source=source, text=" ".join(c[1] for c in counts), spans=((0, 1),),
                 sentence=0, event="release", quantities=quantities)


def test_numeric_check_reasons_about_bounds():
    assert numeric.check(claim("A", (35, "35", "", None)), claim("B", (20, "more than 20", "lower", None))) is None
    found = numeric.check(claim("A", (157, "157", "", None)), claim("B", (155, "less than 155", "upper", None)))
    assert found is not None and found.explanation == (
        "Different counts of prisoner: A gives “157”, B gives “less than 155”.")
    assert numeric.check(claim("A", (52, "52", "", None)), claim("B", (25, "25", "", None))) is not None


def test_a_count_the_sparer_claim_does_not_mention_is_no_conflict():
    many = claim("A", (89, "89 %", "", "percent"), (70, "70 %", "", "percent"), (44, "44 %", "", "percent"))
    one = claim("B", (44, "44 %", "", "percent"))
    assert numeric.check(many, one) is None and numeric.check(one, many) is None
    other = claim("B", (45.5, "45.5 %", "", "percent"))
    found = numeric.check(many, other)
    assert found is not None and "B gives “45.5 %”" in found.explanation
    # The same number whose unit the parse missed on the fuller side still matches.
    unitless = claim("A", (3090953, "3,090,953", "", "member"), (15882417, "15,882,417", "", ""))
    assert numeric.check(unitless, claim("B", (15882417, "15,882,417", "", "member"))) is None


@pytest.mark.slow
def test_counts_of_a_noun_are_not_counted_as_money_or_millions(pipeline):
    def counts(text):
        return [(q.value, q.unit, q.bound) for c in pipeline.extract_claims([Source("a", text)]) for q in c.quantities]

    assert counts("Duran Duran have sold more than 300 million records.") == [(300e6, "record", "lower")]
    assert counts("The song had less than 225 million views.") == [(225e6, "view", "upper")]
    assert counts("Nearly 300 people were evacuated.") == [(300.0, "people", "nearly")]


@pytest.mark.slow
def test_a_date_after_before_or_since_is_a_bound_not_the_event_date(pipeline):
    def dates(text):
        return [d for c in pipeline.extract_claims([Source("a", text)]) for d in c.dates]

    assert dates("Michael Sembello was born after 1950.") == []
    assert dates("The development moved to Retro Studios before 2019.") == []
    assert dates("Michael Sembello was born in 1946.") == [("1946", "year")]
    born_1946 = pipeline.extract_claims([Source("A", "Michael Sembello was born on April 17, 1946.")])[0]
    born_after = pipeline.extract_claims([Source("B", "Michael Sembello was born after 1950.")])[0]
    assert date.check(born_1946, born_after) is None


def test_consecutive_whole_counts_conflict():
    assert quantities_conflict(4, "", 3, "")          # four compartments / three carriages derailed
    assert quantities_conflict(44, "", 45, "")        # 44 days / 45 days in office
    assert not quantities_conflict(4, "", 4, "")
    assert quantities_conflict(155, "upper", 156, "")  # under 155 / 156
    assert not quantities_conflict(155, "lower", 156, "")


def test_a_rounded_conversion_allows_five_percent():
    assert not quantities_conflict(105, "converted", 110, "")       # about 170 km (105 miles) / 110 miles
    assert quantities_conflict(310, "converted", 250, "about")      # about 500 km (310 miles) / about 250 miles
