"""The parser's own components: a person's role noun makes the name it describes a person."""
import pytest


@pytest.mark.parametrize("text, name", [
    ("Defense attorney Teny Geragos told the jury that Combs was innocent.", "Teny Geragos"),
    ("Teny Geragos, a lawyer for Combs, said the verdict was a relief.", "Teny Geragos"),
    ("Mr Ishiba resigned on Sunday.", "Ishiba"),                             # tagged an organisation
    ("Dr Tedros Adhanom Ghebreyesus spoke to reporters.", "Tedros Adhanom Ghebreyesus"),   # not tagged at all
])
def test_a_name_a_role_noun_describes_is_a_person(parser, text, name):
    labels = {e.text: e.label_ for e in parser(text).ents}
    assert labels[name] == "PERSON"


def test_places_and_organisations_described_otherwise_keep_their_label(parser):
    labels = {e.text: e.label_ for e in parser("Poland, a NATO member, said it had been attacked.").ents}
    assert labels["Poland"] == "GPE"


def test_a_sentence_hung_on_a_noun_with_its_verb_read_as_a_participle_gets_the_verb_as_root(parser):
    doc = parser("A car plowed into a crowd of football fans on Monday, leaving 27 people injured, two of them seriously.")
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert (root.text, doc[1].dep_, doc[1].head.text) == ("plowed", "nsubj", "plowed")
    assert next(t for t in doc if t.text == "leaving").head.text == "plowed"
    headline = parser("Man arrested by police after car rams crowd of fans in city centre.")
    assert next(t for t in headline if t.dep_ == "ROOT").pos_ in ("NOUN", "PROPN", "VERB")
    assert next(t for t in headline if t.text == "arrested").dep_ != "ROOT"


def test_an_age_before_a_verb_with_no_subject_is_its_subject(parser):
    doc = parser("The 22-year-old scored twice and was named the tournament’s Best Player.")
    old = next(t for t in doc if t.text == "old")
    assert (old.dep_, old.head.text, doc[0].head.text) == ("nsubj", "scored", "old")
    striker = parser("The 22-year-old striker scored twice.")
    assert next(t for t in striker if t.text == "striker").dep_ == "nsubj"
    assert next(t for t in striker if t.text == "old").dep_ == "amod"


def test_a_sentence_about_the_n_year_old_is_a_claim(pipeline):
    from service.pipeline.types import Source

    claims = pipeline.extract_claims([Source("T", "The 22-year-old scored twice and was named the tournament’s Best Player.")])
    assert [c.subject for c in claims][:1] == ["The 22 year old"]
