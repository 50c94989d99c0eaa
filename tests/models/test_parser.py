"""The parser's own components: a person's role noun makes the name it describes a person."""
import pytest


@pytest.mark.parametrize("text, name", [
    ("Defense attorney Teny Geragos told the jury that Combs was innocent.", "Teny Geragos"),
    ("Teny Geragos, a lawyer for Combs, said the verdict was a relief.", "Teny Geragos"),
])
def test_a_name_a_role_noun_describes_is_a_person(parser, text, name):
    labels = {e.text: e.label_ for e in parser(text).ents}
    assert labels[name] == "PERSON"


def test_places_and_organisations_described_otherwise_keep_their_label(parser):
    labels = {e.text: e.label_ for e in parser("Poland, a NATO member, said it had been attacked.").ents}
    assert labels["Poland"] == "GPE"
