"""The holder check: who each source names as a company office's holder now, compared across the story."""
from service.pipeline.compare import timeline
from service.pipeline.compare.checks import holder
from tests.pipeline.compare.fakes import claim

CALHOUN, ORTBERG = ("PERSON", "david calhoun", "david calhoun"), ("PERSON", "kelly ortberg", "kelly ortberg")
FAURY = ("PERSON", "guillaume faury", "guillaume faury")


def titled(cid, text, *named):
    return claim(cid, text, named=named)


def test_an_office_is_read_before_or_after_a_name_and_a_past_holder_holds_none():
    assert holder.current(titled("A#0", "The company’s chief executive, David Calhoun, said", CALHOUN)) == {
        "chief executive": ("calhoun", "")}
    assert holder.current(titled("B#0", "Boeing CEO Kelly Ortberg said", ORTBERG)) == {
        "chief executive": ("ortberg", "boeing")}
    assert holder.current(titled("C#0", "Ortberg replaced outgoing CEO David Calhoun", CALHOUN)) == {}
    assert holder.current(titled("D#0", "David Calhoun, the former chief executive, said", CALHOUN)) == {}


def test_two_people_named_holder_of_one_companys_office_are_a_discrepancy_and_two_companies_are_not():
    a = titled("A#0", "The company’s chief executive, David Calhoun, said", CALHOUN)
    found = holder.check(a, titled("B#0", "New CEO Kelly Ortberg told staff", ORTBERG))
    assert found is not None and found.type == "entity" and "Calhoun" in found.explanation
    assert holder.check(titled("C#0", "Boeing CEO Kelly Ortberg said", ORTBERG),
                        titled("D#0", "Airbus chief executive Guillaume Faury said", FAURY)) is None
    assert holder.check(titled("E#0", "CEO Kelly Ortberg said", ORTBERG), titled("F#0", "Kelly Ortberg, the CEO, said",
                                                                               ORTBERG)) is None


def test_a_source_naming_two_holders_of_one_office_takes_no_position():
    claims = [titled("A#0", "The company’s chief executive, David Calhoun, said", CALHOUN),
              titled("B#0", "New CEO Kelly Ortberg told staff", ORTBERG),
              titled("C#0", "Boeing CEO Kelly Ortberg met Airbus CEO Guillaume Faury", ORTBERG, FAURY),
              titled("C#1", "Airbus chief executive Guillaume Faury said", FAURY)]
    assert [f.claims for f in timeline.holder_facts(claims)] == [("A#0", "B#0")]


def test_the_company_after_the_office_is_read_and_a_one_word_name_is_no_holder():
    kenvue, perry = ("PERSON", "kenvue", "kenvue"), ("PERSON", "kirk perry", "kirk perry")
    assert holder.current(titled("A#0", "Kirk Perry is chief executive officer of Kenvue", kenvue, perry)) == {
        "chief executive": ("perry", "kenvue")}
    # The parse tags the company as a person: "Kenvue" is no chief executive, Kirk Perry is Kenvue's.
    assert holder.current(titled("B#0", "Kenvue CEO Kirk Perry said", kenvue, perry)) == {
        "chief executive": ("perry", "kenvue")}
    hsu = titled("C#0", "Kimberly-Clark CEO Mike Hsu said", ("PERSON", "mike hsu", "mike hsu"))
    assert holder.check(titled("D#0", "Kirk Perry is chief executive officer of Kenvue", perry), hsu) is None


def test_the_office_of_a_company_named_in_more_words_is_that_companys():
    holthaus = ("PERSON", "michelle johnston holthaus", "michelle johnston holthaus")
    gelsinger = ("PERSON", "pat gelsinger", "pat gelsinger")
    products = titled("A#0", "David Zinsner and Michelle Johnston Holthaus, CEO of Intel Products, have been named", holthaus)
    assert holder.current(products) == {"chief executive": ("holthaus", "intel products")}
    assert holder.check(products, titled("B#0", "Intel CEO Pat Gelsinger stepped down on Sunday", gelsinger)) is None
