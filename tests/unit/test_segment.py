from service.pipeline.segment import content_blocks, is_boilerplate


def test_banner_navigation_and_labels_are_boilerplate():
    for line in ("We use cookies to improve your experience. By continuing you accept our Privacy Policy.",
                 "Related news", "More news", "News by day", "Share on Facebook", "example.com",
                 "By Jane Doe", "Today,", "  • Last"):
        assert is_boilerplate(line.strip()), line


def test_prose_is_kept():
    assert not is_boilerplate("The council approved the new budget on Monday after a long debate.")


def test_navigation_prefix_is_trimmed_from_the_first_sentence():
    text = "Related news\nMore news date 2025-09-15 On Monday, the council met to approve the budget."
    blocks = content_blocks(text)
    assert [text[b.start:b.end] for b in blocks] == ["On Monday, the council met to approve the budget."]


def test_dateline_is_trimmed_from_the_lead_sentence():
    text = ("KYIV, Sept 15 (Reuters) - Russian drones hit two apartment blocks in Kharkiv overnight.\n"
            "WASHINGTON (AP) — The Senate voted 52 to 48 to approve the bill on Monday.")
    assert [text[b.start:b.end] for b in content_blocks(text)] == [
        "Russian drones hit two apartment blocks in Kharkiv overnight.",
        "The Senate voted 52 to 48 to approve the bill on Monday."]
    plain = "NATO - the alliance said it would send more jets."
    assert [plain[b.start:b.end] for b in content_blocks(plain)] == [plain]


def test_wire_credits_tags_and_share_prompts_are_boilerplate():
    for line in ("Reporting by Olena Harmash; Editing by Mark Trevelyan", "Photo: AP", "Tags: Ukraine, Russia, drones",
                 "Follow us on Telegram to stay up to date with the latest news.", "15 September 2025, 14:32",
                 "Read also: Zelensky meets Trump in New York", "Share this article on Facebook, X and Telegram"):
        assert is_boilerplate(line), line


def test_agency_credits_and_labels_are_trimmed_from_the_lead():
    for lead, kept in (("Feb. 7 (UPI) — The death toll rose on Tuesday as rescuers searched the rubble.",
                        "The death toll rose on Tuesday as rescuers searched the rubble."),
                       ("(Al Jazeera) – The death toll from the earthquake has continued to rise.",
                        "The death toll from the earthquake has continued to rise."),
                       ("Latest: The Paris fire chief said it is unclear if the blaze can be stopped.",
                        "The Paris fire chief said it is unclear if the blaze can be stopped.")):
        blocks = content_blocks(lead)
        assert [lead[b.start:b.end] for b in blocks] == [kept]
