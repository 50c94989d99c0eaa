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
