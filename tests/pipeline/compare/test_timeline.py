"""Slots compared across the whole story (time elapsed after an anchor, scope of an event), whatever facts their
claims are in."""
from service.pipeline.compare import timeline
from tests.pipeline.compare.fakes import claim


def test_claims_timing_one_event_after_one_anchor_make_one_fact():
    a = claim("A#3", "The plane crashed less than a minute after taking off", event="crash")
    b = claim("B#0", "The jet crashed into homes five minutes after takeoff", event="crash")
    b_later = claim("B#4", "It crashed seven minutes after take-off, a witness said", event="crash", sentence=4)
    other = claim("C#1", "A loud noise came thirty seconds after take-off", event="come")
    facts = timeline.anchored_facts([a, b, b_later, other])
    assert [(f.claims, f.sources) for f in facts] == [(("A#3", "B#0"), ("A", "B"))]


def test_claims_of_one_event_with_a_scope_make_one_fact_across_the_story():
    every = claim("A#0", "shooting down all the objects", scope=(("shoot down", "all"),))
    some = claim("B#2", "those posing a threat were shot down", scope=(("shoot down", "some"),))
    released = claim("C#0", "some of the prisoners were released", scope=(("release", "some"),))
    keys = {check.name: keys for check, keys in timeline.STORY_WIDE}["scope"]
    facts = timeline.story_facts([every, some, released], keys)
    assert [f.claims for f in facts] == [("A#0", "B#2")]


def test_one_difference_found_within_a_fact_and_across_the_story_is_one_dispute():
    from service.pipeline.compare.checks import scope
    from service.pipeline.compare.checks.scope import check as scope_check
    from service.pipeline.compare.slots import SlotDispute
    from tests.pipeline.compare.fakes import fact

    every = claim("A#0", "shooting down all the objects", scope=(("shoot down", "all"),))
    some = claim("B#2", "those posing a threat were shot down", scope=(("shoot down", "some"),))
    few = claim("C#1", "only those posing a threat were shot down", scope=(("shoot down", "some"),))
    example = scope_check(every, some)
    story_wide = SlotDispute(fact(every, some, few), scope.CHECK, ((some, few), (every,)), example)
    within = SlotDispute(fact(every, some), scope.CHECK, ((some,), (every,)), example)
    assert timeline.one_per_difference([within], [story_wide]) == ([], [story_wide])
    whole = SlotDispute(fact(every, some, few), scope.CHECK, ((some, few), (every,)), example)
    assert timeline.one_per_difference([whole], [story_wide]) == ([whole], [])


def test_a_claim_alone_against_its_fact_and_against_the_story_in_one_slot_is_one_dispute():
    from service.pipeline.compare.checks import clock
    from service.pipeline.compare.slots import SlotDispute
    from tests.pipeline.compare.fakes import fact

    afternoon = claim("A#0", "The attack occurred Saturday afternoon", event="occur")
    calls = claim("B#0", "the first emergency calls were received at 7.39pm", event="receive")
    night = claim("C#0", "The incident occurred on Saturday night", event="occur")
    late = claim("D#0", "It occurred late on Saturday night", event="occur")
    in_fact = SlotDispute(fact(afternoon, calls), clock.CHECK, ((calls,), (afternoon,)), clock.check(afternoon, night))
    across = SlotDispute(fact(afternoon, night, late), clock.CHECK, ((night, late), (afternoon,)),
                         clock.check(afternoon, night))
    assert timeline.one_per_difference([in_fact], [across]) == ([], [across])
    narrow = SlotDispute(fact(afternoon, night), clock.CHECK, ((night,), (afternoon,)), clock.check(afternoon, night))
    assert timeline.one_per_difference([in_fact], [narrow]) == ([in_fact], [])
    assert timeline._occurrence_keys(afternoon) == ["clock|occur"] and timeline._occurrence_keys(calls) == []


def test_the_time_the_story_event_began_is_compared_across_the_story():
    began = claim("A#0", "The fire at the complex started Wednesday afternoon", event="begin",
                  subject="The fire at the complex")
    relative = claim("B#0", "The blaze which began Wednesday afternoon", event="begin", subject="which",
                     statement="The blaze began Wednesday afternoon")
    talks = claim("C#0", "The talks began on Wednesday afternoon", event="begin", subject="The talks")
    assert timeline._occurrence_keys(began) == timeline._occurrence_keys(relative) == ["clock|occur"]
    assert timeline._occurrence_keys(talks) == []


def test_those_named_with_someone_are_compared_across_the_story():
    from service.pipeline.compare.checks import numeric
    from tests.pipeline.compare.fakes import count

    allies = claim("A#0", "the justices convicted former President Jair Bolsonaro and seven allies", event="convict",
                   quantities=(count(7, "ally", "seven"),))
    others = claim("B#0", "The former president and six others were convicted", event="convict",
                   quantities=(count(6, "other", "six"),))
    plain = claim("C#0", "The court convicted him", event="convict")
    keys = [k for check, k in timeline.STORY_WIDE if check is numeric.CHECK][0]
    assert [f.claims for f in timeline.story_facts([allies, others, plain], keys)] == [("A#0", "B#0")]


def test_a_claim_standing_alone_against_two_facts_in_one_slot_is_one_dispute():
    from service.pipeline.compare.checks import numeric
    from service.pipeline.compare.slots import SlotDispute
    from tests.pipeline.compare.fakes import count, fact

    five = claim("A#0", "the clashes have claimed 5 lives", quantities=(count(5, "people", tally="death"),))
    toll = claim("B#0", "at least 35 people were killed", quantities=(count(35, "people", bound="lower", tally="death"),))
    other = claim("C#3", "the fighting killed at least 35", quantities=(count(35, "", bound="lower", tally="death"),))
    example = numeric.check(five, toll)
    first = SlotDispute(fact(five, toll), numeric.CHECK, ((toll,), (five,)), example)
    second = SlotDispute(fact(five, other), numeric.CHECK, ((other,), (five,)), example)
    assert timeline.one_per_difference([first, second], []) == ([first], [])
    together = SlotDispute(fact(toll, other), numeric.CHECK, ((toll, other), (five,)), example)
    assert timeline.one_per_difference([together, second], []) == ([together], [])


def test_the_minute_a_subject_acted_at_is_compared_across_the_story_within_a_minute():
    from service.pipeline.compare.checks import numeric
    from tests.pipeline.compare.fakes import count

    hakimi = ("PERSON", "achraf hakimi", "achraf hakimi")
    early = claim("A#0", "Achraf Hakimi punctured his old club after eight minutes", named=(hakimi,),
                  quantities=(count(8, "minute mark", "eight minutes"),))
    late = claim("B#0", "Hakimi opened the scoring in the 13th minute", subject="Hakimi", named=(hakimi,),
                 quantities=(count(13, "minute mark", "the 13th minute"),))
    near = claim("C#0", "Hakimi struck the opener on 12 minutes", subject="Hakimi", named=(hakimi,),
                 quantities=(count(12, "minute mark", "12 minutes"),))
    facts = timeline.story_facts([early, late, near], dict((c.name + k.__name__, k) for c, k in timeline.STORY_WIDE)
                                 ["numeric_minute_keys"])
    assert [f.claims for f in facts] == [("A#0", "B#0", "C#0")]
    assert numeric.check(early, late) is not None
    assert numeric.check(late, near) is None   # the 13th minute is after 12 minutes


def test_the_depth_of_the_quake_is_compared_across_the_story_but_not_an_aftershocks():
    from tests.pipeline.compare.fakes import count

    shallow = claim("A#0", "It was recorded at a shallow depth of 8 kilometers", event="record",
                    quantities=(count(8, "kilometre", "8 kilometers"),))
    deeper = claim("B#0", "the earthquake happened at a relatively shallow depth of 10 kilometers", event="happen",
                   quantities=(count(10, "kilometre", "10 kilometers"),))
    aftershock = claim("C#0", "An aftershock struck at a depth of 10 kilometers", event="strike",
                       quantities=(count(10, "kilometre", "10 kilometers"),))
    assert timeline._depth_keys(shallow) == timeline._depth_keys(deeper) == ["kilometre|depth"]
    assert timeline._depth_keys(aftershock) == []


def test_the_size_of_a_thing_is_compared_across_the_story():
    from tests.pipeline.compare.fakes import count

    short = claim("A#0", "a 200-metre section of the bridge", quantities=(count(200, "metre|length of section", "200-metre"),))
    long_ = claim("B#0", "the 80-metre long collapsed section", quantities=(count(80, "metre|length of section", "80-metre"),))
    fall = claim("C#0", "vehicles plummeted some 100 metres", quantities=(count(100, "metre", "some 100 metres"),))
    assert timeline._measure_keys(short) == timeline._measure_keys(long_) == ["metre|length of section"]
    assert timeline._measure_keys(fall) == []

