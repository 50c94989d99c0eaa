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


def test_tallies_of_the_same_thing_conflict(pipeline):
    a = pipeline.extract_claims([Source("A", "Authorities said the number of deaths had risen to 273.")])
    b = pipeline.extract_claims([Source("B", "The death toll in the disaster climbed to 250.")])
    main_a = next(c for c in a if c.quantities)
    main_b = next(c for c in b if c.quantities)
    found = numeric.check(main_a, main_b)
    assert found is not None and found.type == "numeric" and "273" in found.explanation

