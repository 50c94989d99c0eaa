"""Per-claim structure read off the real parse."""
from datetime import date

import pytest

from service.pipeline.types import Source

pytestmark = pytest.mark.slow


def figures(parser, text, *fields):
    """The (fields of each) quantity structure reads in one parsed sentence."""
    from service.pipeline.extract import structure

    doc = parser(text)
    return [tuple(getattr(q, f) for f in fields) for q in structure._quantities(doc[:], {t.i for t in doc})]


def event_of(pipeline, text):
    claims = pipeline.extract_claims([Source("T", text)])
    return claims[0].event


def test_a_phrasal_verb_keys_as_one_event_with_its_particle(pipeline):
    took = event_of(pipeline, "Poland took down several Russian drones over its territory.")
    shot = event_of(pipeline, "Poland shot down several Russian drones over its territory.")
    assert took == shot == "shoot down"
    assert event_of(pipeline, "Poland took several Russian drones to a depot.") == "take"


def test_people_told_as_killed_died_and_a_notice_is_informing(pipeline):
    assert event_of(pipeline, "At least 35 people were killed.") == event_of(pipeline, "At least 35 people died.") == "die"
    assert event_of(pipeline, "The strike killed six people.") == "kill"
    assert event_of(pipeline, "Trump had been notified by the military.") == \
        event_of(pipeline, "Washington had not been informed.") == "inform"


def test_a_date_the_parse_merged_with_the_length_after_it_gives_both(pipeline):
    claim, = [c for c in pipeline.extract_claims([Source("T", "The reporter was sentenced in 2022 to 12 years in a "
                                                               "penal colony.", date(2025, 9, 11))])]
    assert claim.dates == (("2022", "year"),)
    assert [(q.value, q.unit, q.bound) for q in claim.quantities] == [(12.0, "year", "")]


def test_a_law_coming_into_force_keys_as_one_event_however_it_is_said(pipeline):
    said = [event_of(pipeline, f"The new privacy law {verb} in March.")
            for verb in ("came into force", "took effect", "entered into force", "went into effect")]
    assert said == ["take effect"] * 4
    assert event_of(pipeline, "The new privacy law came into the debate in March.") == "come"


def test_a_bare_number_before_a_toll_word_gives_that_toll_and_an_absolute_is_not_the_subjects(parser):
    from service.pipeline.extract import structure
    doc = parser("The death toll has risen to 89, with more than 700 people injured, and 628 injured were counted.")
    tallies = {q.value: q.tally for q in structure._quantities(doc[:], {t.i for t in doc})}
    assert tallies == {89.0: "death", 700.0: "injury", 628.0: "injury"}


def test_the_date_of_a_saying_is_not_the_date_of_what_it_reports(pipeline):
    confirmed = pipeline.extract_claims([Source("A", "Police confirmed on Tuesday night that 12 people had died in "
                                                    "the fire.", date(2024, 3, 7))])
    assert [c.dates for c in confirmed if c.event == "die"] == [()]
    dated = pipeline.extract_claims([Source("B", "Twelve people died in the fire on Wednesday, police said.",
                                            date(2024, 3, 7))])
    assert [c.dates for c in dated if c.event == "die"] == [(("2024-03-06", "day"),)]


def test_the_deaths_of_people_are_a_toll(parser):
    from service.pipeline.extract import structure
    doc = parser("The crash resulted in the deaths of 179 people.")
    assert [q.tally for q in structure._quantities(doc[:], {t.i for t in doc})] == ["death"]


def test_a_hedge_before_a_length_of_time_bounds_it(parser):
    from service.pipeline.extract import structure
    doc = parser("Most of the defendants were sentenced to over 20 years in prison.")
    assert [(q.value, q.unit, q.bound) for q in structure._quantities(doc[:], {t.i for t in doc})] == [(20.0, "year", "lower")]


def test_a_total_of_people_a_relative_clause_and_others_give_their_toll(parser):
    def read(text):
        return figures(parser, text, "value", "unit", "tally")
    assert read("A total of 23 people were reportedly injured.") == [(23.0, "people", "injury")]
    assert read("Officials gave no details of the 21 that police said were injured.") == [(21.0, "", "injury")]
    assert read("The crash killed 16 people and injured 21 others.") == [(16.0, "people", "death"),
                                                                       (21.0, "people", "injury")]
    assert read("Two ships sank and three others were towed to port.") == [(2.0, "ship", ""), (3.0, "other", "")]


def test_a_verdict_is_an_event_of_its_own_and_quoted_words_deny_nothing(pipeline):
    def read(text):
        return [(c.event, c.negated) for c in pipeline.extract_claims([Source("T", text)])]
    assert read("The rapper was found not guilty on the most serious charges.") == [("acquit", False)]
    assert read("The jury found the rapper guilty of two counts.") == [("convict", False)]
    assert ("read", False) in read("When the first “not guilty” was read aloud, the defendant bowed.")
    assert read("Police said the driver did not stop.")[0][1] is True


def test_a_number_after_its_noun_is_a_label_not_a_count(parser):
    from service.pipeline.extract import structure
    doc = parser("The rapper was found guilty on count three, and acquitted on two other counts.")
    assert [(q.value, q.unit) for q in structure._quantities(doc[:], {t.i for t in doc})] == [
        (3.0, "count number"), (2.0, "count")]


def test_a_figure_added_to_a_toll_is_not_the_toll(parser):
    def tallies(text):
        return figures(parser, text, "value", "tally")
    assert tallies("Authorities initially put the death toll at 15 but a further two people died overnight.")[-1] == \
        (2.0, "")
    assert tallies("Two more people died overnight, raising the toll to 17.")[0] == (2.0, "")
    assert tallies("Two people died overnight in hospital.") == [(2.0, "death")]
    assert tallies("A further 21 people were injured, including five seriously.")[0] == (21.0, "injury")


def test_the_seriously_injured_told_after_their_number_are_an_injury_count(parser):
    def tallies(text):
        return figures(parser, text, "value", "tally")
    assert tallies("Nine of those injured remain in serious condition in hospital.") == [(9.0, "injury")]
    assert tallies("Twenty people suffered injuries, with five in a serious condition.")[-1] == (5.0, "injury")
    assert tallies("Nine homes were badly damaged.") == [(9.0, "")]


def test_a_stated_maximum_of_time_is_read_and_a_rate_is_not_a_total(parser):
    def read(text):
        return figures(parser, text, "value", "unit", "bound")
    assert read("The rapper still faces up to 10 years in prison.") == [(10.0, "year", "maximum")]
    assert read("He faces up to 10 years per prostitution count.") == [(10.0, "year per count", "maximum")]
    assert read("He faces a 20-year maximum sentence.") == [(20.0, "year", "maximum")]
    assert read("Prosecutors will seek a 20-year maximum sentence.") == [(20.0, "year", "")]   # the 20 years asked for
    assert read("The defence asked for a 2-year maximum term.") == [(2.0, "year", "")]
    assert read("Prosecutors seek a 5-year sentence.") == [(5.0, "year", "")]
    assert read("A 33-year-old journalist was freed.") == []


def test_lives_claimed_or_lost_are_deaths(parser):
    def read(text):
        return figures(parser, text, "value", "unit", "tally")
    assert read("The clashes have claimed 5 lives.") == [(5.0, "people", "death")]
    assert read("The floods claimed the lives of 12 people.") == [(12.0, "people", "death")]
    assert read("Rescuers saved 5 lives.") == [(5.0, "life", "")]


def test_the_minute_an_action_came_at_is_a_minute_mark_not_a_span(parser):
    def read(text):
        return figures(parser, text, "value", "unit")
    assert read("The defender opened the scoring in the 13th minute.") == [(13.0, "minute mark")]
    assert read("The defender punctured his old club after eight minutes.") == [(8.0, "minute mark")]
    assert read("The talks lasted 90 minutes.") == []
    assert read("Two minutes later he scored.") == []


def test_taking_place_is_one_event_and_the_clock_reads_it_as_a_happening(pipeline):
    from service.pipeline.compare.checks import clock
    said = [event_of(pipeline, f"The accident {verb} at 9:03 a.m. on Sunday.")
            for verb in ("occurred", "took place", "happened")]
    assert said == ["occur", "take place", "happen"] and set(said) <= clock.HAPPENED
    assert event_of(pipeline, "The army took the place by storm.") == "take"


@pytest.mark.parametrize("text, tallies", [
    ("Currently, 124 people have been confirmed dead.", ["death"]),
    ("At least 179 people lost their lives in the crash.", ["death"]),
    ("The tragedy resulted in the death of 179 individuals.", ["death"]),
    ("Three people were reported missing.", ["missing"]),
    ("Two people were confirmed as the new owners.", [""]),
    ("More than 500 people were evacuated from their homes.", ["evacuated"]),
    ("Twelve people are still unaccounted for.", ["missing"]),
    ("The landslide forced the evacuation of 200 more.", ["evacuated"]),
    ("The floods displaced 3,000 people.", ["displaced"]),
    ("11 people were treated for injuries.", ["injury"]),
    ("A total of 10 people were taken to hospital.", ["injury"]),
])
def test_a_toll_told_as_confirmed_dead_or_lives_lost_is_a_toll(parser, text, tallies):
    assert [t for t, in figures(parser, text, "tally")] == tallies


def test_a_year_that_names_a_title_dates_no_event(pipeline):
    claims = pipeline.extract_claims([Source("T", "The exhausted 2019 world champion dedicated her win to Kiptum.",
                                             date(2024, 10, 14))])
    assert claims[0].dates == ()
    claims = pipeline.extract_claims([Source("T", "Tigst Assefa won the 2023 Berlin Marathon in a record time.",
                                             date(2024, 10, 14))])
    assert claims[0].dates == (("2023", "year"),)


@pytest.mark.parametrize("text, tallies", [
    ("So far we have 17 pupils dead.", ["death"]),
    ("The quake killed 19 children.", [""]),
])
def test_a_toll_word_right_after_who_they_were_gives_the_toll(parser, text, tallies):
    assert [t for t, in figures(parser, text, "tally")] == tallies


def test_things_each_of_a_size_are_no_sum_of_money(parser):
    text = "The merger will form a business with about $32 billion in annual revenue and 10 billion-dollar brands."
    assert figures(parser, text, "value", "unit") == [(32e9, "usd")]
    assert figures(parser, "The company paid 5 billion dollars.", "value", "unit") == [(5e9, "usd")]


def test_a_rate_changed_from_one_figure_to_another_gives_both_in_percent(parser):
    assert figures(parser, "Trump ordered tariffs on Japanese cars lowered from 25% to 15%.", "value", "unit") == [
        (25.0, "percent"), (15.0, "percent")]
    assert figures(parser, "Trump signed an order reducing tariffs on Japanese cars from 27.5 to 15 per cent.",
                   "value", "unit") == [(27.5, "percent"), (15.0, "percent")]


def test_a_claim_ending_on_a_percent_keeps_its_sign(pipeline):
    claims = pipeline.extract_claims([Source("T", "The central bank raised its main rate to 4.5%.")])
    assert claims[0].text.endswith("4.5%")


def test_the_set_one_thing_is_taken_from_is_no_count_of_what_the_event_acted_on(parser):
    assert figures(parser, "The fire started in one of the Wang Fuk Court complex's eight towers.", "value", "unit")[-1] \
        == (8.0, "tower in all")
    assert figures(parser, "One of the 241 passengers survived.", "value", "unit")[-1] == (241.0, "passenger")


def test_people_said_to_be_from_a_group_count_that_group(parser):
    assert figures(parser, "A total of 12 people from the city's fire service had been injured.", "unit", "tally") == [
        ("people from service", "injury")]
    assert figures(parser, "Twelve people from Indonesia were killed.", "unit", "tally") == [("people", "death")]
