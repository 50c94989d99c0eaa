"""The attribution check: a person in one source, an organisation in another."""
from dataclasses import replace

from service.pipeline.compare.checks import attribution
from tests.pipeline.compare.fakes import claim


def said(cid, speaker, kind):
    return claim(cid, event="go", speaker=speaker, speaker_kind=kind)


def test_a_person_against_an_organisation_is_a_discrepancy():
    found = attribution.check(said("A#0", "Lukashenko", "person"), said("B#0", "the foreign ministry", "organisation"))
    assert found is not None and found.type == "attribution" and found.severity == "low"
    assert "Lukashenko (person)" in found.explanation and "the foreign ministry (organisation)" in found.explanation
    assert attribution.CHECK.same_statement


def test_one_kind_one_name_or_an_unnamed_speaker_is_not():
    assert attribution.check(said("A#0", "Lukashenko", "person"), said("B#0", "Putin", "person")) is None
    assert attribution.check(said("A#0", "Lukashenko", "person"), said("B#0", "a document", "document")) is None
    assert attribution.check(said("A#0", "Lukashenko", "person"), said("B#0", "", "organisation")) is None
    assert attribution.check(said("A#0", "Lukashenka", "person"), said("B#0", "Lukashenko", "organisation")) is None
    assert attribution.CHECK.value(said("A#0", "", "")) == ""


def test_a_description_or_a_news_agency_conflicts_with_no_named_speaker():
    org = said("B#0", "the National Center for Seismology", "organisation")
    for speaker in ("Officials", "a senior railway official", "an official at the provincial earthquake bureau",
                    "Gansu authorities", "police and railway officials", "Xinhua", "the Reuters news agency",
                    "He", "She", "the BBC", "The Hindustan Times", "state television", "Fox News", "Politico", "Azernews", "RTTNews"):
        assert attribution.check(said("A#0", speaker, "person"), org) is None, speaker
    assert attribution.check(said("A#0", "Andrews", "person"), org) is not None   # a name that only ends in "news"
    assert attribution.check(said("A#0", "Kuber Kadayat", "person"), said("B#0", "the police", "organisation")) is None
    assert attribution.check(said("A#0", "Khrenin", "person"),
                             said("B#0", "the country's Ministry of Defense", "organisation")) is not None


def test_a_quotation_is_one_statement_only_with_a_claim_that_repeats_most_of_it():
    governor = replace(said("A#0", "Florida Governor Rick Scott", "person"), quoted=True,
                       text="“Hurricane Michael is forecast to be the most destructive hurricane to hit the Florida Panhandle”")
    centre = replace(said("B#0", "The National Hurricane Center", "organisation"),
                     text="The National Hurricane Center states that it will be the strongest hurricane ever to strike")
    assert attribution.check(governor, centre) is None
    relayed = replace(centre, text="The centre said Michael is forecast to be the most destructive hurricane to hit "
                                   "the Florida Panhandle")
    assert attribution.check(governor, relayed) is not None


def test_a_relative_clause_does_not_carry_its_sentences_speaker_into_a_dispute():
    person = said("A#0", "Lukashenko", "person")
    ministry = said("B#0", "the foreign ministry", "organisation")
    assert attribution.check(replace(person, role="relative"), ministry) is None
    assert attribution.check(person, replace(ministry, role="relative")) is None


def test_the_company_or_eyewitnesses_may_be_anyone_the_other_outlet_names():
    for speaker, kind in (("the company", "organisation"), ("the ministry", "organisation"), ("Eyewitnesses", "person")):
        assert attribution.check(said("A#0", "Intel", "person" if kind == "organisation" else "organisation"),
                                 said("B#0", speaker, kind)) is None, speaker
    assert attribution.check(said("A#0", "Intel", "person"), said("B#0", "the foreign ministry", "organisation")) is not None
