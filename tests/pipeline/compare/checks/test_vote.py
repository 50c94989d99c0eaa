"""The vote check: a vote or score read as its split, larger side first."""
import pytest

from service.pipeline.compare import timeline
from service.pipeline.compare.checks import vote
from tests.pipeline.compare.fakes import claim


@pytest.mark.parametrize("text, split", [
    ("The court ruled 3-2 on Thursday that he was guilty", "3-2"),
    ("By a vote of four to one, the justices convicted him", "4-1"),
    ("Four of the five justices reviewing the case found him guilty", "4-1"),
    ("after four out of five Supreme Federal Court justices voted to convict him", "4-1"),
    ("five of the nine Supreme Court justices found him guilty", "5-4"),
    ("The Senate voted 51-49 to pass the bill", "51-49"),
    ("Chelsea won 2-1 at home", "2-1"),
    ("five justices voting against him", ""),
    ("between 10 to 15 people were hurt", ""),
    ("the 2019-2022 government", ""),
])
def test_a_split_is_read_from_a_word_of_voting_or_a_share_of_a_body(text, split):
    assert vote.value(claim("A#0", text)) == split


def test_different_splits_are_a_discrepancy_and_one_split_written_two_ways_is_not():
    ruled = claim("A#0", "The court ruled 4-1 that he was guilty")
    share = claim("B#0", "Four of the five justices found him guilty")
    assert vote.check(ruled, share) is None
    found = vote.check(ruled, claim("C#0", "The court ruled 3-2 on Thursday"))
    assert found is not None and found.type == "numeric"


def test_each_sources_first_vote_is_compared_across_the_story_not_within_facts():
    claims = [claim("A#0", "The court ruled 3-2 on Thursday"), claim("A#1", "The Senate later voted 60-40"),
              claim("B#0", "Four of the five justices found him guilty"), claim("C#0", "He was convicted")]
    facts = timeline.story_facts(claims, dict(timeline.STORY_WIDE)[vote.CHECK])
    assert [f.claims for f in facts] == [("A#0", "B#0")]
    assert not vote.CHECK.per_fact
