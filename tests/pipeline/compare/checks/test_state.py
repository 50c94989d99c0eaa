"""The state check: one thing said to be open by one source and closed by another."""
from service.pipeline.compare.checks import state
from tests.pipeline.compare.fakes import claim


def said(text: str, subject: str, **fields):
    return claim(fields.pop("cid", "A#0"), text, subject=subject, **fields)


def test_the_state_is_read_right_after_the_subject_and_not_turns_it_over():
    assert state.state(said("Tribhuvan Airport has been shut down", "Tribhuvan Airport")) == "closed"
    assert state.state(said("Kathmandu airport remained operational", "Kathmandu airport")) == "open"
    assert state.state(said("The bridge was not closed on Monday", "The bridge")) == "open"
    assert state.state(said("The airport was operating normally", "The airport")) == "open"
    # An object or a price after the verb, or a race run: no state.
    assert state.state(said("Police opened fire on the crowd", "Police")) == ""
    assert state.state(said("The store opened a new branch", "The store")) == ""
    assert state.state(said("Shares closed 2% higher", "Shares")) == ""
    assert state.state(said("Biden is running for re-election", "Biden")) == ""


def test_open_against_closed_for_one_thing_is_a_negation():
    shut = said("Tribhuvan Airport has been shut down", "Tribhuvan Airport")
    open_ = said("Kathmandu airport remained operational", "Kathmandu airport", cid="B#0")
    found = state.check(shut, open_)
    assert found is not None and found.type == "negation" and "closed" in found.explanation
    assert state.check(shut, said("The main airport was closed", "The main airport", cid="B#0")) is None
    # Different things, or one thing on two different days (closed Monday, reopened Tuesday): no discrepancy.
    assert state.check(shut, said("Schools remained open", "Schools", cid="B#0")) is None
    monday = said("The airport was closed on Monday", "The airport", dates=(("2025-09-08", "day"),))
    tuesday = said("The airport reopened on Tuesday", "The airport", cid="B#0", dates=(("2025-09-09", "day"),))
    assert not state.comparable(monday, tuesday) and state.check(monday, tuesday) is None


def test_under_way_against_over_for_one_thing_is_a_negation():
    ongoing = said("Rescue operations are ongoing", "Rescue operations")
    done = said("Rescue operations at the fire-ravaged estate were completed at 10.18 a.m.",
                "rescue operations at the fire ravaged estate", cid="B#0")
    assert (state.state(ongoing), state.state(done)) == ("under way", "over")
    assert state.check(ongoing, done) is not None
    # Only opposite states of one pair are compared: "closed" says nothing of "under way".
    assert not state.comparable(ongoing, said("Rescue operations were suspended", "Rescue operations", cid="B#0"))
    assert state.state(said("The market closed at $5", "The market")) == ""
