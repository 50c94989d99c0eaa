"""The words that carry a finding's difference: numbers by value, names by entity key, markers, negations."""
from service.triage.diff import carriers, mark, terms

EURO = ("The United States lifted sanctions on Belarusian state-owned airline Belavia while the regime of "
        "Alexander Lukashenko released 52 political prisoners")
UNN = ("Belarusian leader Alexander Lukashenka who agreed to release 52 prisoners from prisons In response, the US "
       "lifted sanctions on the Belarusian national airline \"Belavia\", allowing it to service its fleet")


def marked(texts, slot=None, values=()):
    found = carriers([[t] for t in texts], slot, values)
    return [[t[m.start:m.end] for m in found[i][0]] for i, t in enumerate(texts)]


def test_a_causal_finding_marks_only_its_markers_not_aliases_or_spellings():
    values = ["side by side or apart, with no causal link (“while”)", "as cause and effect (“in response”)"]
    assert marked([EURO, UNN], "link", values) == [["while"], ["In response"]]
    # Without the slot every differing term shows, but still not "United States" vs "US", Lukashenko vs Lukashenka,
    # Belavia, Belarusian or the shared 52.
    loose = marked([EURO, UNN])
    for same in ("United States", "US", "Alexander Lukashenko", "Alexander Lukashenka", "Belavia", "52"):
        assert same not in loose[0] + loose[1]
    assert "while" in loose[0] and "In response" in loose[1] and "agreed" in loose[1]


def test_numbers_compare_by_value_dates_and_negations_by_words():
    assert marked(["Belarus freed 52 prisoners on Thursday", "Belarus freed fifty-two prisoners on Friday"],
                  "date") == [["Thursday"], ["Friday"]]
    assert marked(["Belarus freed 52 prisoners", "Belarus freed 25 prisoners"], "number") == [["52"], ["25"]]
    assert marked(["The plane did not land in Vilnius", "The plane landed in Vilnius"], "negation") == [["not"], []]


def test_a_place_finding_marks_the_reach_before_the_names():
    euro = "training grounds located deep inside the country or in its eastern regions"
    unn = "Russia and Belarus began the exercises at training grounds in both countries on Friday"
    assert marked([euro, unn], "place") == [["inside the country"], ["in both countries"]]


def test_a_speaker_finding_marks_the_names_that_differ():
    euro = "Khrenin described the presence of the Americans at the training ground as a surprise"
    unn = "The Americans' visit was presented by the country's Ministry of Defense as a surprise"
    assert marked([euro, unn], "speaker") == [["Khrenin"], ["Ministry of Defense"]]


def test_mark_covers_the_text_exactly_and_clips_at_an_offset():
    text = "The US lifted sanctions, while Minsk freed 52 prisoners."
    found = [t for t in terms(text) if t.kind in ("marker", "number")]
    chunks = mark(text, found)
    assert "".join(c for c, _ in chunks) == text
    assert [c for c, m in chunks if m] == ["while", "52"]
    assert "".join(c for c, _ in mark(text[10:], found, offset=10)) == text[10:]


def test_a_vote_an_age_and_years_in_office_mark_their_numbers():
    assert marked(["The court ruled 3-2 on Thursday", "The court ruled 4-1 on Thursday"], "vote") == [["3", "2"],
                                                                                                     ["4", "1"]]
    assert marked(["Hamish Harding, 58, was aboard", "Hamish Harding, 59, was aboard"], "age") == [["58"], ["59"]]
    assert marked(["who governed from 2018 to 2022", "who governed from 2019 to 2022"], "tenure") == [["2018"], ["2019"]]
