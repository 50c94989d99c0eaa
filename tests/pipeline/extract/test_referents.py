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


def test_a_speakers_he_goes_on_standing_for_the_he_who_spoke_before(pipeline):
    claims = pipeline.extract_claims([Source("T", "US President Donald Trump reacted to the verdict. Speaking to "
                                                  "reporters, he said he always found Bolsonaro to be outstanding. "
                                                  "The conviction, he added, is very bad for Brazil.")])
    assert claims[-1].statement == "The conviction, Donald Trump added, is very bad for Brazil", claims[-1].statement


def test_a_surname_the_entity_recogniser_missed_is_still_the_person_named_before(pipeline):
    text = ("Former President of Brazil, Jair Bolsonaro has been sentenced after he was found guilty, and this has "
            "triggered angry reactions from United States President Donald Trump. A panel of five Supreme Court "
            "justices slammed the sentence on the 70-year-old Bolsonaro few hours after they convicted him of leading a "
            "conspiracy aimed at keeping him in power following his defeat in the 2022 election.")
    said = [r for c in pipeline.extract_claims([Source("T", text)]) for r in c.refers_to]
    assert ("him", "Jair Bolsonaro") in said and not any(name == "Donald Trump" for _, name in said), said


def test_a_noun_for_any_event_is_the_event_named_before_and_an_organisations_head_noun_is_that_organisation(pipeline):
    claims = pipeline.extract_claims([Source("T", "The plane crashed at the airport. The crash killed 179 people. "
                                                  "This tragedy comes during a turbulent time for the country.")])
    assert claims[-1].statement == "The crash comes during a turbulent time for the country", claims[-1].statement
    claims = pipeline.extract_claims([Source("T", "The jet overran the runway and hit a wall. The event shocked the "
                                                  "country.")])
    assert claims[-1].statement.startswith("The event"), claims[-1].statement
    claims = pipeline.extract_claims([Source("T", "Brazil's Foreign Ministry called the comment a threat. The ministry "
                                                  "said democracy would not be intimidated.")])
    assert claims[-1].statement == "The Foreign Ministry said democracy would not be intimidated", claims[-1].statement


def test_a_they_may_stand_for_two_people_named_as_a_subject(pipeline):
    claims = pipeline.extract_claims([Source("T", "Sunita Williams and Butch Wilmore returned to Earth on Tuesday. "
                                                  "Their SpaceX capsule parachuted into the waters off Florida.")])
    assert claims[-1].statement.startswith("Sunita Williams and Butch Wilmore's SpaceX capsule"), claims[-1].statement


def test_a_name_opening_with_a_first_name_reads_as_a_person_for_no_it():
    from service.pipeline.extract import referents

    assert referents.reads_as_person("Ijaz Ulhaq Yaad")
    assert not referents.reads_as_person("The aircraft")
    assert not referents.reads_as_person("Belavia")
    assert not referents.reads_as_person("Amazon Web Services")


def test_a_common_noun_stands_for_an_organisation_only_when_it_heads_the_name():
    from service.pipeline.extract import referents

    assert "ministry" in referents._name_heads("Foreign Ministry")
    assert "ministry" in referents._name_heads("Ministry of Defence")
    assert "fire" not in referents._name_heads("Hong Kong Fire Services")
