"""Verb forms for statements rendered from split clauses."""
from service.pipeline.extract import inflect


def test_gerunds():
    assert [inflect.gerund(w) for w in ("shoot", "make", "stop", "die", "see", "mark", "lift", "admit", "begin",
                                        "panic")] == [
        "shooting", "making", "stopping", "dying", "seeing", "marking", "lifting", "admitting", "beginning",
        "panicking"]


def test_past_and_present():
    assert (inflect.past("emphasize"), inflect.past("carry"), inflect.past("shoot"), inflect.past("be")) == (
        "emphasized", "carried", "shot", "was")
    assert (inflect.third_person("carry"), inflect.third_person("push")) == ("carries", "pushes")
