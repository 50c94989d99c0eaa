"""The numeric check: counts of one thing, tolerant of approximations, per toll."""
from dataclasses import replace

from service.pipeline.compare.checks import numeric
from tests.pipeline.compare.fakes import claim, count


def test_counts_of_one_noun_from_different_tolls_are_not_compared():
    injured = claim("A#1", "injuring 30 other passengers", quantities=(count(30, "passenger", "30", tally="injury"),))
    killed = claim("B#1", "killing four passengers", quantities=(count(4, "passenger", "four", tally="death"),))
    assert numeric.check(injured, killed) is None
    more_injured = claim("B#2", "70 passengers were injured",
                         quantities=(count(70, "passenger", "70", tally="injury"),))
    found = numeric.check(injured, more_injured)
    assert found is not None and "“30”" in found.explanation and "“70”" in found.explanation


def test_counts_of_different_things_are_not_comparable():
    prisoners = claim("A#0", quantities=(count(52, "prisoner"),))
    days = claim("B#0", quantities=(count(3, "day"),))
    assert numeric.check(prisoners, days) is None
    assert not numeric.CHECK.comparable(prisoners, days)
    assert numeric.CHECK.comparable(prisoners, claim("B#0", quantities=(count(25, "prisoner"), count(3, "day"))))


def test_the_value_names_each_count_with_what_it_counts():
    board = claim("A#0", quantities=(count(230, "passenger"), count(12, "crew"), count(2025, "")))
    assert numeric.CHECK.value(board) == "230 passenger, 12 crew"
    assert numeric.CHECK.partial_lists            # "including 230 passengers" holds a count


def test_a_total_against_its_parts_is_no_conflict():
    total = claim("A#0", "one of the 180 passengers survived", quantities=(count(180, "passenger"),))
    parts = claim("B#0", "carrying 172 passengers and 8 crew", quantities=(count(172, "passenger"), count(8, "crew")))
    assert numeric.check(total, parts) is None
    assert numeric.check(parts, total) is None
    other = claim("B#1", "carrying 170 passengers and 8 crew", quantities=(count(170, "passenger"), count(8, "crew")))
    assert numeric.check(total, other) is not None


def test_a_count_given_under_another_noun_is_no_conflict():
    by_nationality = claim("A#0", quantities=(count(180, "passenger"), count(90, "indian"), count(7, "crew")))
    passengers_were = claim("B#0", "90 passengers were Indian", quantities=(count(90, "passenger"), count(40, "english")))
    assert numeric.check(by_nationality, passengers_were) is None
    assert numeric.check(passengers_were, by_nationality) is None


def test_one_toll_is_compared_whatever_noun_carries_it():
    dead = claim("A#0", "leaving 37 dead", quantities=(count(37, "", "37", tally="death"),))
    killed = claim("B#0", "10 people were killed", quantities=(count(10, "people", "10", tally="death"),))
    found = numeric.check(dead, killed)
    assert found is not None and found.explanation.startswith("Different counts of the dead:")
    assert numeric.CHECK.comparable(dead, killed) and numeric.CHECK.value(dead) == "37 dead"
    assert numeric.check(dead, claim("B#1", quantities=(count(37, "people", "37", tally="death"),))) is None
    injured = claim("B#2", quantities=(count(10, "", "10", tally="injury"),))
    assert numeric.check(dead, injured) is None and not numeric.CHECK.comparable(dead, injured)


def test_floors_of_one_toll_conflict_when_exact_and_different_and_round_ones_only_when_far_apart():
    def floor(cid, value, tally="death", unit="people"):
        return claim(cid, quantities=(count(value, unit, f"at least {value}", "lower", tally),))
    assert numeric.check(floor("A#0", 37), floor("B#0", 10)) is not None
    assert numeric.check(floor("A#0", 35), floor("B#0", 38)) is not None      # two counts
    assert numeric.check(floor("A#0", 35), floor("B#0", 35)) is None
    assert numeric.check(floor("A#0", 260_000, "displaced"), floor("B#0", 270_000, "displaced")) is None  # estimates
    assert numeric.check(floor("A#0", 20_000, "displaced"), floor("B#0", 270_000, "displaced")) is not None
    assert numeric.check(floor("A#0", 37, ""), floor("B#0", 10, "")) is None    # not a toll: both floors hold


def test_a_figure_keeps_its_own_unit_word():
    assert numeric.figure(count(500, "kilometre", "about 500 km", "about")) == "about 500 km"
    assert numeric.figure(count(89, "percent", "89%")) == "89%"
    assert numeric.figure(count(3, "carriage", "three")) == "three carriage"
    assert numeric.figure(count(2.5e6, "usd", "2.5 million")) == "2.5 million usd"


def test_readings_of_a_running_count_at_different_moments_are_not_disputed():
    from service.pipeline.compare.checks import numeric as numeric_check
    four_pm = claim("A#0", "As of 4 p.m. Monday, 411 aftershocks had been recorded", event="record",
                    quantities=(count(411, "aftershock"),))
    evening = claim("B#0", "by Monday evening 422 aftershocks had been recorded", event="record",
                    quantities=(count(422, "aftershock"),))
    unmarked = claim("C#0", "371 aftershocks had been recorded", event="record", quantities=(count(371, "aftershock"),))
    assert numeric_check.reading_moment(four_pm) == "as of 4 p.m."
    assert numeric_check.check(four_pm, evening) is None and numeric_check.check(four_pm, unmarked) is None
    assert numeric_check.check(unmarked, replace(evening, text="422 aftershocks had been recorded")) is not None


def test_a_figure_reads_with_the_noun_the_claim_writes():
    houses = claim("A#0", "More than 1,200 houses collapsed", quantities=(count(1200, "home", "More than 1,200"),))
    assert numeric.figure(houses.quantities[0], houses) == "More than 1,200 houses"
    rukum = claim("A#1", "52 in Rukum West", quantities=(count(52, "people", "52"),))
    assert numeric.figure(rukum.quantities[0], rukum) == "52 people"
    assert numeric.figure(count(37, "", "37", tally="death")) == "37 dead"
    assert numeric.figure(count(3, "", "three")) == "three"


def test_a_toll_told_as_rising_is_a_reading_not_a_rival_figure():
    gone_up = claim("A#0", "The death toll has gone up to 154", quantities=(count(154, "death", "154", tally="death"),))
    climbed = claim("B#0", "The death toll has climbed to 157", quantities=(count(157, "death", "157", tally="death"),))
    assert numeric.check(gone_up, climbed) is None
    # The figures of the claim that did not rise are still compared.
    raised = claim("C#0", "Police raised the toll to 157, leaving more than 150 injured",
                   quantities=(count(157, "", "157", tally="death"),
                               count(150, "", "more than 150", bound="lower", tally="injury")))
    injured = claim("D#0", "120 were injured", quantities=(count(120, "", "120", tally="injury"),))
    assert numeric.check(raised, injured) is not None
    plain = claim("E#0", "154 people died", quantities=(count(154, "people", "154", tally="death"),))
    assert numeric.check(plain, replace(plain, id="F#0", source="F", text="157 people died",
                                        quantities=(count(157, "people", "157", tally="death"),))) is not None


def test_a_rival_figure_the_other_claim_writes_is_given_there():
    both = claim("A#0", "The toll included 105 people killed in Jajarkot and 52 in Rukum West",
                 quantities=(count(105, "people", "105", tally="death"),))
    rukum = claim("B#0", "Another 52 people died in Rukum West", quantities=(count(52, "people", "52", tally="death"),))
    assert numeric.check(both, rukum) is None and numeric.check(rukum, both) is None
    # Not a figure inside another number, a time or a date.
    other = claim("C#0", "The toll included 105 people killed at 12:52 in 1952",
                  quantities=(count(105, "people", "105", tally="death"),))
    assert numeric.check(other, rukum) is not None


def test_the_seriously_injured_are_a_count_of_their_own():
    serious = claim("A#0", "515 were injured, 60 of them seriously injured",
                    quantities=(count(515, "", "515", tally="injury"), count(60, "", "60", tally="injury")))
    severe = claim("B#0", "with more than 500 people severely injured",
                   quantities=(count(500, "people", "more than 500", bound="lower", tally="injury"),))
    critical = claim("C#0", "four are in critical condition", quantities=(count(4, "", "four", tally="injury"),))
    injured = claim("D#0", "700 people were injured", quantities=(count(700, "people", "700", tally="injury"),))
    assert numeric.check(severe, injured) is None          # not the same count
    found = numeric.check(severe, critical)
    assert found is not None and "seriously injured" in found.explanation
    assert numeric.CHECK.value(severe) == "more than 500 seriously injured"
    assert numeric.check(serious, severe) is not None      # 60 seriously injured against more than 500
    # What follows a figure is said of it up to the next figure: the two are the serious ones, not the eleven.
    eleven = claim("E#0", "11 people treated for injuries and two in life-threatening conditions",
                   quantities=(count(11, "people", "11", tally="injury"), count(2, "", "two", tally="injury")))
    assert [q.tally for q in numeric.tallied(eleven)] == ["injury", "serious"]
    nine = claim("F#0", "Nine people were being treated for life-threatening injuries",
                 quantities=(count(9, "people", "Nine", tally="injury"),))
    assert numeric.check(nine, eleven) is not None and "two" in numeric.check(nine, eleven).explanation


def test_a_sum_is_shown_as_written():
    fee = claim("A#0", "for a British record fee of £107m", quantities=(count(107e6, "gbp", "£107m"),))
    assert numeric.CHECK.value(fee) == "£107m"
    pounds = claim("B#0", "paying 105 million pounds", quantities=(count(105e6, "gbp", "105 million pounds"),))
    assert numeric.CHECK.value(pounds) == "105 million pounds"


def test_people_counted_under_different_events_are_different_people():
    recovered = claim("A#0", "The remains of two people have been recovered", event="recover",
                      quantities=(count(2, "people", "two"),))
    searched = claim("B#0", "Rescuers have suspended the search for six people", event="suspend",
                     quantities=(count(6, "people", "six"),))
    assert numeric.check(recovered, searched) is None
    assert not numeric.CHECK.comparable(recovered, searched)
    again = replace(searched, id="C#0", source="C", text="The remains of six people have been recovered", event="recover")
    assert numeric.check(recovered, again) is not None


def test_a_measure_is_rounded_where_a_count_is_not():
    usgs = claim("A#0", "71 km south-west of Marrakesh", quantities=(count(71, "kilometre", "71 km"),))
    other = claim("B#0", "72 kilometres southwest of Marrakesh", quantities=(count(72, "kilometre", "72 kilometres"),))
    assert numeric.check(usgs, other) is None
    far = claim("C#0", "80 kilometres southwest of Marrakesh", quantities=(count(80, "kilometre", "80 kilometres"),))
    assert numeric.check(usgs, far) is not None
    assert numeric.check(claim("D#0", "71 prisoners", quantities=(count(71, "prisoner", "71"),)),
                         claim("E#0", "72 prisoners", quantities=(count(72, "prisoner", "72"),))) is not None


def test_a_depth_or_a_height_is_not_a_distance():
    depth = claim("A#0", "the epicentre was in the High Atlas Mountains at a depth of 18.5 km",
                  quantities=(count(18.5, "kilometre", "18.5 km"),))
    distance = claim("B#0", "in the High Atlas Mountains, 71 km south-west of Marrakesh",
                     quantities=(count(71, "kilometre", "71 km"),))
    assert numeric.check(depth, distance) is None
    assert not numeric.CHECK.comparable(depth, distance)
    deeper = claim("C#0", "the quake struck 26 km deep", quantities=(count(26, "kilometre", "26 km"),))
    assert numeric.check(depth, deeper) is not None


def test_others_joined_to_a_name_count_its_companions_whatever_the_noun():
    allies = claim("A#0", "the justices convicted former President Jair Bolsonaro and seven allies", event="convict",
                   quantities=(count(7, "ally", "seven"),))
    others = claim("B#0", "The former president and six others were convicted", event="convict",
                   quantities=(count(6, "other", "six"),))
    found = numeric.check(allies, others)
    assert found is not None and "those named with them" in found.explanation
    assert numeric.check(replace(allies, quantities=(count(6, "ally", "six"),)), others) is None
    assert numeric.check(allies, replace(others, event="acquit")) is None
    unjoined = claim("C#0", "The court heard six witnesses", event="convict", quantities=(count(6, "witness", "six"),))
    assert numeric.check(allies, unjoined) is None
    assert numeric.figure(allies.quantities[0], allies) == "seven allies"


def test_a_combined_sum_is_compared_only_with_combined_sums():
    one = claim("A#0", "Apple faces a €500 million (approximately $570 million) fine",
                quantities=(count(500e6, "eur", "€500 million"), count(570e6, "usd", "$570 million", bound="about")))
    both = claim("B#0", "fining Apple and Meta a combined €700 million ($797 million)",
                 quantities=(count(700e6, "eur", "€700 million"), count(797e6, "usd", "$797 million")))
    assert numeric.check(one, both) is None
    other = claim("C#0", "fining Apple and Meta a combined €800 million",
                  quantities=(count(800e6, "eur", "€800 million"),))
    found = numeric.check(both, other)
    assert found is not None and "700" in found.explanation


def test_two_figures_given_to_two_nouns_the_other_way_round_are_a_discrepancy():
    a = claim("A#0", "carrying 17 crew members and two passengers",
              quantities=(count(17, "member", "17"), count(2, "passenger", "two")))
    b = claim("B#0", "carrying two crew members and 17 technicians",
              quantities=(count(2, "member", "two"), count(17, "technician", "17")))
    found = numeric.check(a, b)
    assert found is not None and "17" in found.explanation and "two" in found.explanation
    indians = claim("C#0", "169 passengers were Indian", quantities=(count(169, "passenger", "169"),))
    assert numeric.check(indians, claim("D#0", "169 Indians and 53 Britons", quantities=(
        count(169, "indian", "169"), count(53, "briton", "53")))) is None


def test_a_toll_and_no_toll_of_people_named_alike_count_different_people():
    dead = claim("A#0", "So far we have 17 pupils dead", quantities=(count(17, "pupil", "17", tally="death"),))
    unaccounted = claim("B#0", "We still cannot account for 70 pupils", quantities=(count(70, "pupil", "70"),))
    assert numeric.check(dead, unaccounted) is None
    assert numeric.check(dead, claim("C#0", "18 pupils died", quantities=(count(18, "pupil", "18", tally="death"),))) \
        is not None


def test_share_moves_read_at_different_moments_of_trading_are_not_compared():
    premarket = claim("A#0", "Kenvue's stock rose 20 percent in premarket trading",
                      quantities=(count(20, "percent", "20 percent"),))
    morning = claim("B#0", "Kenvue's shares jumped 17% on Monday morning", quantities=(count(17, "percent", "17%"),))
    assert numeric.check(premarket, morning) is None
    also_premarket = claim("C#0", "Kenvue jumped 17% in premarket trading", quantities=(count(17, "percent", "17%"),))
    assert numeric.check(premarket, also_premarket) is not None
    spaced = claim("D#0", "Intel's stock's rising by approximately 4% in pre market trading",
                   quantities=(count(4, "percent", "approximately 4%", "about"),))
    writing = claim("E#0", "Intel stock is up already (by 3.7% at the time of writing)",
                    quantities=(count(3.7, "percent", "3.7%"),))
    rose = claim("F#0", "Shares of Intel rose 4.1%", quantities=(count(4.1, "percent", "4.1%"),))
    assert numeric.check(spaced, also_premarket) is not None and numeric.check(writing, rose) is None


def test_a_measure_in_feet_is_compared_with_one_in_metres_and_a_things_size_with_that_size():
    from service.pipeline.compare.checks.numeric import check
    from tests.pipeline.compare.fakes import claim, count

    feet = claim("A#0", "vehicles plunged up to 150ft into a void", quantities=(count(45.72, "metre", "up to 150ft",
                                                                                       "maximum"),))
    metres = claim("B#0", "vehicles plummeted some 100 metres", quantities=(count(100, "metre", "some 100 metres",
                                                                                  "about"),))
    same = claim("C#0", "cars plummeted 45m", quantities=(count(45, "metre", "45"),))
    assert check(feet, metres) is not None and check(feet, same) is None
    long_ = claim("A#1", "the 80-metre long collapsed section", quantities=(count(80, "metre|length of section", "80-metre"),))
    short = claim("B#1", "a 200-metre section", quantities=(count(200, "metre|length of section", "200-metre"),))
    high = claim("C#1", "a 50-metre high section", quantities=(count(50, "metre|height of section", "50-metre"),))
    found = check(long_, short)
    assert found is not None and found.explanation.startswith("Different counts of the length of the section")
    assert check(long_, high) is None


def test_sums_and_shares_of_different_metrics_or_a_forecast_against_a_result_are_not_compared():
    sales = claim("A#0", "US sales fell almost 3% to about 449,000 vehicles",
                  quantities=(count(3, "percent", "almost 3%", bound="upper"),))
    profit = claim("B#0", "net profit tumbled 94 percent on sluggish sales", quantities=(count(94, "percent", "94 percent"),))
    assert numeric.check(sales, profit) is None
    profit_fell = claim("C#0", "Operating profit fell 85% to 32.9 billion yen, far below an estimate of 66.8 billion yen",
                        quantities=(count(85, "percent", "85%"), count(32.9e9, "jpy", "32.9 billion yen"),
                                    count(66.8e9, "jpy", "66.8 billion yen")))
    drop = claim("D#0", "Nissan reported a 90.2% drop in operating profit to 32.9 billion yen",
                 quantities=(count(90.2, "percent", "90.2%"), count(32.9e9, "jpy", "32.9 billion yen")))
    found = numeric.check(profit_fell, drop)
    assert found is not None and "“85%”" in found.explanation and "“90.2%”" in found.explanation
    outlook = claim("E#0", "The automaker cut its annual profit forecast by 70% to 150 billion yen",
                    quantities=(count(70, "percent", "70%"), count(150e9, "jpy", "150 billion yen")))
    revenue = claim("F#0", "Nissan lowered its sales revenue forecast to 12.7 trillion yen from an earlier projection of "
                    "14 trillion yen", quantities=(count(12.7e12, "jpy", "12.7 trillion yen"), count(14e12, "jpy", "14 trillion yen")))
    estimate = claim("G#0", "That compared to an average estimate of 66.8 billion yen",
                     quantities=(count(66.8e9, "jpy", "66.8 billion yen"),))
    assert numeric.check(outlook, revenue) is None
    assert numeric.check(estimate, claim("H#0", "Quarterly operating profit totalled 19.2 billion yen",
                                         quantities=(count(19.2e9, "jpy", "19.2 billion yen"),))) is None
    assert numeric.check(estimate, claim("I#0", "analysts had estimated 60 billion yen",
                                         quantities=(count(60e9, "jpy", "60 billion yen"),))) is not None


def test_a_figure_in_a_condition_is_not_compared():
    condition = claim("A#0", "If it is longer than two years, her attempt would again end in failure",
                      quantities=(count(2, "year", "two years", bound="lower"),))
    ban = claim("B#0", "a court handed her a five-year ban on running for office", quantities=(count(5, "year", "five-year"),))
    assert numeric.check(condition, ban) is None
    assert numeric.check(claim("C#0", "a court handed her a two-year ban", quantities=(count(2, "year", "two-year"),)),
                         ban) is not None


def test_shares_of_different_holders_or_of_a_partial_count_are_not_compared():
    civic = claim("A#0", "the opposition Civic Democrats came in a distant second, with 11.3 per cent of the vote",
                  quantities=(count(11.3, "percent", "11.3 per cent"),), named=(("ORG", "civic democrats", "civic democrats"),))
    turnout = claim("B#0", "ANO won, and the Social Democrats took 60.2 percent",
                    quantities=(count(60.2, "percent", "60.2 percent"),),
                    named=(("ORG", "ano", "ano"), ("ORG", "social democrats", "social democrats")))
    assert numeric.check(civic, turnout) is None
    rivals = claim("C#0", "the Civic Democrats took 14 percent", quantities=(count(14, "percent", "14 percent"),),
                   named=(("ORG", "civic democrats", "civic democrats"),))
    assert numeric.check(civic, rivals) is not None
    early = claim("D#0", "as with votes from 99.6% of all polling stations counted, ANO had 29.7%",
                  quantities=(count(99.6, "percent", "99.6%"), count(29.7, "percent", "29.7%")))
    full = claim("E#0", "ANO won 29.64 percent of the 99.97-percent counted ballot",
                 quantities=(count(29.64, "percent", "29.64 percent"), count(99.97, "percent", "99.97-percent")))
    assert numeric.check(early, full) is None


def test_a_percentage_rounded_to_its_written_precision_and_an_elections_other_shares():
    rounded = claim("A#0", "Turnout was 46 per cent", quantities=(count(46, "percent", "46 per cent"),))
    exact = claim("B#0", "a turnout of just 45.8%", quantities=(count(45.8, "percent", "45.8%"),))
    assert numeric.check(rounded, exact) is None
    assert numeric.check(rounded, claim("D#0", "Turnout was 52.4 per cent",
                                        quantities=(count(52.4, "percent", "52.4 per cent"),))) is not None
    spoiled = claim("E#0", "A record 13 per cent of ballots were spoiled", quantities=(count(13, "percent", "13 per cent"),))
    assert numeric.check(rounded, spoiled) is None
