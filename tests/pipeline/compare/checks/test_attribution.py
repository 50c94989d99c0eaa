"""The attribution check: a person in one source, an organisation in another."""
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
                    "He", "She", "the BBC", "The Hindustan Times", "state television", "Fox News"):
        assert attribution.check(said("A#0", speaker, "person"), org) is None, speaker
    assert attribution.check(said("A#0", "Kuber Kadayat", "person"), said("B#0", "the police", "organisation")) is None
    assert attribution.check(said("A#0", "Khrenin", "person"),
                             said("B#0", "the country's Ministry of Defense", "organisation")) is not None
