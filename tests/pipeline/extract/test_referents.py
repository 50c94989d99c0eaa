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


def test_an_object_pronoun_is_someone_its_own_sentence_names_and_a_span_of_time_is_no_one(pipeline):
    claims = pipeline.extract_claims([Source("T", "Judge Arun Subramanian read the verdicts aloud. The jury returned a "
                                                  "split decision—clearing the rapper of the gravest charges and "
                                                  "convicting him only on one count.")])
    assert not any(name == "Arun Subramanian" for c in claims for _, name in c.refers_to), [c.statement for c in claims]
    claims = pipeline.extract_claims([Source("T", "Fewer than 13 hours passed before the verdict. On Wednesday, they "
                                                  "returned a split decision.")])
    assert not any("hours" in name for c in claims for _, name in c.refers_to), [c.statement for c in claims]
