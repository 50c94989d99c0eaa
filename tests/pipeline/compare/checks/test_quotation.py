"""The quotation check: one statement quoted in different words, not different statements or excerpts."""
from service.pipeline.compare.checks import quotation
from tests.pipeline.compare.fakes import claim


def said(text, cid="A#0"):
    return claim(cid, text, event="tweet")


def q(cid, text):
    return claim(cid, text, quoted=True)


def test_quotations_are_read_with_straight_and_curly_marks():
    assert quotation.quotes(said('Musk wrote, "the bird is freed."')) == ["the bird is freed"]
    assert quotation.quotes(said("Musk tweeted that “the bird has been freed”")) == ["the bird has been freed"]
    assert quotation.quotes(said("No quotation here")) == []


def test_one_statement_quoted_in_different_words_is_a_discrepancy():
    freed = said('Musk wrote, "the bird is freed."')
    found = quotation.check(freed, said("Musk tweeted that “the bird has been freed”", "B#0"))
    assert found is not None and found.type == "quote"
    assert "the bird is freed" in found.explanation and "the bird has been freed" in found.explanation
    assert quotation.check(freed, said('"The bird is free," was his first tweet', "B#0")) is not None
    assert quotation.CHECK.comparable(freed, said('"The bird is free," was his first tweet', "B#0"))


def test_the_same_words_an_excerpt_or_a_different_statement_are_not():
    freed = said('Musk wrote, "The bird is freed!"')
    assert quotation.check(freed, said("he tweeted “the bird is freed”", "B#0")) is None
    assert quotation.check(said('he called it "an outrageous act of aggression"'),
                           said('he called it "outrageous"', "B#0")) is None
    other = said('Musk said "comedy is now legal on Twitter"', "B#0")
    assert quotation.check(freed, other) is None and not quotation.CHECK.comparable(freed, other)
    assert quotation.check(freed, said("Musk took control", "B#0")) is None


def test_a_long_passage_in_other_words_is_a_translation_not_a_misquotation():
    zapad = said('“Who would have thought how the morning of another day of the Zapad-2025 exercise would begin?”')
    west = said("“Who would have thought how the morning of another day of the 'West-2025' exercises would begin?”", "B#0")
    assert quotation.check(zapad, west) is None


def test_the_value_is_the_quoted_words_which_the_explanation_puts_in_marks():
    assert quotation.CHECK.value(said('Musk wrote, "the bird is freed."')) == "the bird is freed"


def test_a_long_quotation_with_a_word_or_two_changed_is_misquoted_but_one_told_in_other_words_is_not():
    cica = claim("A#0", "Amnesty called it “a violation of the UK’s international obligations to protect the rights "
                        "of freedom of expression and assembly”, in a post on X.", quoted=True)
    bstandard = claim("B#0", "Amnesty called it \"a violation of the UK's international obligations to protect the rights "
                             "of freedom of expression and peaceful assembly.\"", quoted=True)
    found = quotation.check(cica, bstandard)
    assert found is not None and found.type == "quote"
    retold = claim("B#0", "Amnesty called it \"a breach of Britain's duties under international law to uphold free "
                          "speech and the right to gather peacefully.\"", quoted=True)
    assert quotation.check(cica, retold) is None


def test_spellings_a_phrase_quoted_in_part_and_the_run_of_a_longer_quotation():
    us = q("A#0", "Yeary said: “As a leader, Pat helped launch and revitalize process manufacturing by investing in "
                  "state-of-the-art semiconductor manufacturing,” he added.")
    uk = q("B#0", "Yeary said: “As a leader, Pat helped launch and revitalise process manufacturing by investing in "
                  "state-of-the-art semiconductor manufacturing,” he added.")
    assert quotation.check(us, uk) is None
    assert quotation.check(q("A#3", 'a document that showed "some ill will toward corporate America,"'),
                           q("B#3", "Writings that indicated “ill will towards corporate America” were found")) is None
    assert quotation.check(q("A#1", "The IDF confirmed a “precise strike” against leaders."),
                           q("B#1", "Israel said it conducted \"a precise targeted strike\" on the leadership.")) is None
    short = q("A#2", "\"Leading Intel has been an honor of a lifetime,\" Gelsinger said.")
    runs_on = q("B#2", "“Leading Intel has been the honour of my lifetime — this group of people is among the best and "
                       "the brightest in the business, and I’m honoured to call")
    found = quotation.check(short, runs_on)
    assert found is not None and found.type == "quote"


def test_a_dropped_that_or_the_and_an_ordinal_ending_are_the_same_words():
    assert quotation.check(q("A#0", "“I told my kids about the decision that I’m sharing with you today,” he said."),
                           q("B#0", "“I told my kids about the decision I’m sharing with you today,” he said.")) is None
    assert quotation.check(q("A#1", "“The house will now be prorogued until March 24th,” he said."),
                           q("B#1", "“The house will now be prorogued until March 24,” he said.")) is None


def test_a_name_written_in_full_or_a_title_in_quotation_marks_is_the_same_words():
    short = q("A#0", '"These derailed coaches collided with 12841 Shalimar-Chennai Coromandel Express and its coaches '
                     'capsized too," he said.')
    full = q("B#0", '"These derailed coaches collided with 12841 Shalimar-Chennai Central Coromandel Express and its '
                    'coaches capsized too," he said.')
    assert quotation.check(short, full) is None
    titled = q("A#1", "“It turns out ‘Never Tell Me The Odds’ had perfect odds—never before has a booster this large "
                      "nailed the landing on the second try,” he said.")
    plain = q("B#1", '"It turns out Never Tell Me The Odds had perfect odds-never before has a booster this large '
                     'nailed the landing on the second try," he said.')
    assert quotation.check(titled, plain) is None
    lower = q("C#0", '"These derailed coaches collided with 12841 Shalimar-Chennai Coromandel Express and its coaches '
                     'then capsized too," he said.')
    assert quotation.check(short, lower) is not None   # a word of the statement added, not of a name


def test_a_phrase_shared_by_two_sentences_of_one_speech_is_no_misquote():
    short = claim("A#0", "“Together we can shape a new republic that values everybody,” she said.", quoted=True)
    other = claim("B#0", "“Our whole mantra during this campaign was that we can shape a new republic together, and we can "
                         "use our voices for those who haven’t the ability,” she said.", quoted=True)
    assert quotation.check(short, other) is None
