"""A claim that reports speech is about what was said: its event and modality come from the reported verb."""
import pytest

from service.pipeline.types import Source

pytestmark = pytest.mark.slow


def test_a_reported_claim_is_about_what_was_reported(pipeline):
    from service.pipeline.compare.checks import modality

    done = next(c for c in pipeline.extract_claims([Source("A", "Officials said Belarus released 52 prisoners.")])
                if c.quantities)
    agreed = next(c for c in pipeline.extract_claims(
        [Source("B", "Officials said Belarus agreed to release 52 prisoners.")]) if c.quantities)
    assert (done.event, done.modality) == ("release", "done")
    assert (agreed.event, agreed.modality) == ("release", "agreed")
    found = modality.check(done, agreed)
    assert found is not None and found.type == "modality"


def test_claiming_lives_or_responsibility_says_nothing(pipeline):
    from service.pipeline.types import Source
    for text in ("The attack claimed the lives of 26 people.", "The front claimed responsibility for the attack.",
                 "Australia claimed their sixth Cricket World Cup on Sunday."):
        claims = pipeline.extract_claims([Source("T", text)])
        assert claims and all(not c.speaker and not c.reported for c in claims), [(c.statement, c.speaker) for c in claims]
    said = pipeline.extract_claims([Source("T", "The group claimed that it had downed two drones.")])
    assert said[0].speaker == "The group"


def test_denying_bail_or_a_request_is_a_refusal_not_a_saying(pipeline):
    from service.pipeline.types import Source
    refused = pipeline.extract_claims([Source("T", "A judge denied the rapper's request for bail on Wednesday.")])
    assert refused and all(not c.speaker and not c.reported for c in refused), [(c.statement, c.speaker) for c in refused]
    denied = pipeline.extract_claims([Source("T", "Samsung denied the payments were bribes.")])
    assert denied[0].speaker == "Samsung" and denied[0].negated


def test_a_claim_ending_on_its_attribution_is_not_attributed_twice(pipeline):
    text = ("A 6.0 magnitude earthquake struck eastern Afghanistan late on Aug. 31, leaving at least 622 people dead "
            "and more than 1,500 others injured, according to the interior ministry.")
    toll = next(c for c in pipeline.extract_claims([Source("T", text)]) if "622" in c.text)
    assert toll.statement.lower().count("according to the interior ministry") == 1
    assert toll.speaker == "the interior ministry"
