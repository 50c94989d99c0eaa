"""Numbers carry what they count, even when the count is named by the sentence's subject."""
import pytest

from service.pipeline.compare.checks import numeric
from service.pipeline.types import Source

pytestmark = pytest.mark.slow


def quantities(pipeline, text):
    claims = pipeline.extract_claims([Source("a", text)])
    return [(q.value, q.unit) for c in claims for q in c.quantities]


def test_a_tally_subject_names_the_unit(pipeline):
    assert quantities(pipeline, "Authorities said the number of deaths had risen to 273.") == [(273.0, "death")]
    assert quantities(pipeline, "The death toll in the disaster climbed to 250 on Thursday.") == [(250.0, "death")]


def test_a_bare_tally_has_no_unit(pipeline):
    assert quantities(pipeline, "The toll rose to 12.") == [(12.0, "")]


def test_tallies_of_the_same_thing_conflict_unless_told_as_rising(pipeline):
    def main(source, text):
        return next(c for c in pipeline.extract_claims([Source(source, text)]) if c.quantities)
    found = numeric.check(main("A", "Authorities said the number of deaths was 273."),
                          main("B", "The death toll in the disaster stood at 250."))
    assert found is not None and found.type == "numeric" and "273" in found.explanation
    # Two readings of a running count, each told as an update.
    assert numeric.check(main("A", "Authorities said the number of deaths had risen to 273."),
                         main("B", "The death toll in the disaster climbed to 250.")) is None

