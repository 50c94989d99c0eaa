"""Pronouns resolved to the names the article gives (extract/referents.py), on the real parse."""
import pytest

from service.pipeline.types import Source

pytestmark = pytest.mark.slow


def test_a_pronoun_stands_for_no_one_whose_first_name_says_otherwise(pipeline):
    claims = pipeline.extract_claims([Source("T", "Himanshi Narwal sat beside her husband Vinay Narwal when the "
                                                  "gunmen came. Her current condition remains unknown.")])
    assert ("Her", "Himanshi Narwal") in [r for c in claims for r in c.refers_to]
    claims = pipeline.extract_claims([Source("T", "Teresa Ribera met Donald Tusk on Monday. He said the fines "
                                                  "were fair.")])
    assert ("He", "Donald Tusk") in [r for c in claims for r in c.refers_to]
