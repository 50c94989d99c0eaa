"""Verb forms for statements rendered from split clauses."""
from service.pipeline.extract import inflect


def test_gerunds():
    assert [inflect.gerund(w) for w in ("shoot", "make", "stop", "die", "see", "mark", "lift", "admit")] == [
        "shooting", "making", "stopping", "dying", "seeing", "marking", "lifting", "admitting"]


def test_past_and_present():
    assert (inflect.past("emphasize"), inflect.past("carry"), inflect.past("shoot")) == ("emphasized", "carried", "shot")
    assert (inflect.third_person("carry"), inflect.third_person("push")) == ("carries", "pushes")
