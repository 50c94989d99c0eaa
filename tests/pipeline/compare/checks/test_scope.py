"""The scope check: an event on all of what it names, or only on a restricted part."""
from service.pipeline.compare.checks import scope
from tests.pipeline.compare.fakes import claim


def test_all_against_only_those_is_a_difference():
    every = claim("A#0", "shooting down all the objects", scope=(("shoot down", "all"),))
    some = claim("B#0", "those posing a threat were shot down", scope=(("shoot down", "some"),))
    found = scope.check(every, some)
    assert found is not None and found.type == "numeric"
    assert scope.check(some, claim("C#0", scope=(("shoot down", "some"),))) is None
    assert not scope.CHECK.comparable(every, claim("D#0", scope=(("release", "some"),)))
