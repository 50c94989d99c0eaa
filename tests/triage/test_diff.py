from service.triage.diff import highlight


def test_words_missing_from_the_other_side_are_marked_and_the_text_is_kept_exactly():
    left, right = highlight("The US lifted sanctions, while Minsk freed 52 prisoners.",
                            "In response, the US lifted sanctions on Belavia.")
    assert "".join(chunk for chunk, _ in left) == "The US lifted sanctions, while Minsk freed 52 prisoners."
    assert {c for c, marked in left if marked} == {"while", "Minsk", "freed", "52", "prisoners"}
    assert {c for c, marked in right if marked} == {"In", "response", "on", "Belavia"}
