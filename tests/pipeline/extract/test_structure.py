"""Per-claim structure read off the real parse."""
import pytest

from service.pipeline.types import Source

pytestmark = pytest.mark.slow


def event_of(pipeline, text):
    claims = pipeline.extract_claims([Source("T", text)])
    return claims[0].event


def test_a_phrasal_verb_keys_as_one_event_with_its_particle(pipeline):
    took = event_of(pipeline, "Poland took down several Russian drones over its territory.")
    shot = event_of(pipeline, "Poland shot down several Russian drones over its territory.")
    assert took == shot == "shoot down"
    assert event_of(pipeline, "Poland took several Russian drones to a depot.") == "take"
