from service.pipeline.extract.segment import content_blocks, is_boilerplate


def test_banner_navigation_and_labels_are_boilerplate():
    for line in ("We use cookies to improve your experience. By continuing you accept our Privacy Policy.",
                 "Related news", "More news", "News by day", "Share on Facebook", "example.com",
                 "By Jane Doe", "Today,", "  • Last"):
        assert is_boilerplate(line.strip()), line


def test_prose_is_kept():
    assert not is_boilerplate("The council approved the new budget on Monday after a long debate.")


def test_a_sentence_opening_with_by_is_no_byline():
    assert is_boilerplate("By Kieran Kelly") and is_boilerplate("By The Associated Press")
    assert not is_boilerplate("By a vote of four to one, the justices convicted the former president and his allies.")
    assert not is_boilerplate("By Monday evening, officials had confirmed 12 deaths in the flooded district.")


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


WRAPPED = """Ferry disaster kills 10
At least 10 people were killed and dozens are missing after a ferry
packed with over 1,000 passengers going home for the holiday listed
and partly sank, police said.
The accident occurred after midnight as the ferry, one of the
country's largest inland vessels, was coming in to a river station
on the island, the police chief said.
Rescuers said they had pulled more than 50 people alive from the
lower cabins.
"""


def test_hard_wrapped_paragraphs_are_one_block_each_with_offsets_into_the_text():
    blocks = [WRAPPED[b.start:b.end] for b in content_blocks(WRAPPED)]
    assert blocks == [
        "At least 10 people were killed and dozens are missing after a ferry\npacked with over 1,000 passengers "
        "going home for the holiday listed\nand partly sank, police said.",
        "The accident occurred after midnight as the ferry, one of the\ncountry's largest inland vessels, was "
        "coming in to a river station\non the island, the police chief said.",
        "Rescuers said they had pulled more than 50 people alive from the\nlower cabins."]


def test_lines_that_are_whole_paragraphs_or_headlines_are_not_joined():
    headlines = "\n".join(["Storm closes schools across the northern counties on Monday",
                           "Council approves budget after a long debate over transport",
                           "Local team wins the cup in a dramatic penalty shoot-out",
                           "Police appeal for witnesses after a crash on the ring road",
                           "New bridge opens to traffic three months ahead of schedule",
                           "Hospital waiting times fall for the third month in a row"])
    assert len(content_blocks(headlines)) == 0   # each a headline, none merged into "prose"
    prose = "\n".join(f"The council approved budget item {i} on Monday after a long debate that ran late into the night."
                      for i in range(8))
    assert len(content_blocks(prose)) == 8


def test_place_only_and_colon_datelines_are_trimmed():
    for lead, kept in (("DHAKA, Bangladesh — A triple-deck ferry capsized as passengers disembarked.",
                        "A triple-deck ferry capsized as passengers disembarked."),
                       ("MANILA: A ferry loaded with nearly 200 people capsized off a central port.",
                        "A ferry loaded with nearly 200 people capsized off a central port."),
                       ("August 3, 2014Chinese officials announced that the toll had risen to 381.",
                        "Chinese officials announced that the toll had risen to 381."),
                       ("SEOUL – A South Korean court on Friday sentenced the Samsung heir to five years.",
                        "A South Korean court on Friday sentenced the Samsung heir to five years.")):
        assert [lead[b.start:b.end] for b in content_blocks(lead)] == [kept]


def test_photo_captions_and_all_caps_subheadings_are_boilerplate():
    for line in ("Rescue workers look for trapped garment workers at the collapsed building in Savar, 30 km "
                 "(19 miles) outside Dhaka Credit: Reuters",
                 "The Philippine coastguard said 127 people had been rescued. Photograph: Robert Dejon/EPA",
                 "“PEOPLE ARE ASKING FOR HIS HEAD”",
                 "Rescue workers look for trapped garment workers at the collapsed Rana Plaza building in Savar"):
        assert is_boilerplate(line), line
    for line in ("Banks tightened credit: lending fell 5 percent in March, the central bank said.",
                 "The EU and NATO said on Monday that the talks would continue in Brussels next week."):
        assert not is_boilerplate(line), line


def test_a_paragraph_the_page_repeats_is_kept_once():
    lead = "A South Korean court on Friday sentenced the Samsung heir to five years in prison for bribery."
    text = f"{lead}\nThe ruling can be appealed within a week, his lawyers said on Friday.\n{lead}"
    blocks = [(b.start, text[b.start:b.end]) for b in content_blocks(text)]
    assert [t for _, t in blocks] == [lead, "The ruling can be appealed within a week, his lawyers said on Friday."]
    assert blocks[0][0] == 0


def test_a_teaser_cut_off_mid_sentence_gives_way_to_its_paragraph():
    full = ("Talks among the United States, Russia and Middle East states on the war in Syria ended on Saturday "
            "without signs of progress, or a break in the fighting.")
    teaser = full[:full.index("the fighting") - 1]
    text = f"{teaser}\n{full}"
    assert [text[b.start:b.end] for b in content_blocks(text)] == [full]


def test_headings_and_glued_headlines_are_trimmed_from_the_lead():
    from service.pipeline.extract.segment import content_blocks

    for text, lead in (("What happened: Between September 9 and 10, Russian drones crossed into Polish airspace.",
                        "Between September 9 and 10"),
                       ("Poland shoots down Russian drones after huge number violated airspace This marks the first "
                        "time a member of the alliance has fired shots.", "This marks"),
                       ("In a statement Air India said: “The aircraft crashed shortly after take-off.",
                        "In a statement Air India said")):
        block, = content_blocks(text)
        assert text[block.start:].startswith(lead)


def test_a_dateline_with_its_agency_and_a_colon_is_trimmed():
    text = "WARSAW, Poland, Sept 10, (AP): Poland said early Wednesday that it had shot down drones."
    assert [text[b.start:b.end] for b in content_blocks(text)] == [
        "Poland said early Wednesday that it had shot down drones."]


def test_a_text_cut_off_mid_sentence_keeps_the_whole_words_of_its_last_sentence(pipeline):
    from service.pipeline.extract.segment import sentences

    text = ("Rescue teams searched the site through the night and into the morning. "
            "Thick smoke was seen coming from the wreckage and the nearby hangars of the acci")
    found, _ = sentences("T", text, pipeline.parser)
    assert [s.text for s in found] == ["Rescue teams searched the site through the night and into the morning.",
                                       "Thick smoke was seen coming from the wreckage and the nearby hangars"]


def test_a_cut_off_sentence_ending_on_a_verb_or_an_adverb_is_dropped(pipeline):
    from service.pipeline.extract.segment import sentences

    for text in ("Rescue teams searched the site through the night. Heavy black smoke was seen coming from the acci",
                 "Rescue teams searched the site through the night. The minister stated that fighter jets employed weapo"):
        found, _ = sentences("T", text, pipeline.parser)
        assert [s.text for s in found] == ["Rescue teams searched the site through the night."], text


def test_a_cut_off_last_paragraph_after_prose_is_kept_but_a_last_headline_is_not():
    prose = ("Those released include a journalist sentenced in 2021.\n\n"
             "Belarusian veteran dissident Mikola Statkevich was among the 52 politica")
    assert [prose[b.start:b.end] for b in content_blocks(prose)] == [
        "Those released include a journalist sentenced in 2021.",
        "Belarusian veteran dissident Mikola Statkevich was among the 52"]
    headlines = "Storm closes schools across the northern counties\nHospital waiting times fall for the third month in a row"
    assert content_blocks(headlines) == []
    modal = "Officials said the road would reopen on Monday. Prosecutors seek five years. A judge will decide"
    assert [modal[b.start:b.end] for b in content_blocks(modal)] == [
        "Officials said the road would reopen on Monday. Prosecutors seek five years. A judge"]
    short = "Officials said the road would reopen on Monday.\nUpdates are ex"
    assert [short[b.start:b.end] for b in content_blocks(short)] == ["Officials said the road would reopen on Monday."]


def test_a_dateline_with_a_place_in_title_case_and_a_day_is_trimmed():
    for lead in ("Lima, Mar 12: A landslide buried part of a mountain village on Tuesday.",
                 "Quito/Lima, 12 Mar: A landslide buried part of a mountain village on Tuesday.",
                 "Lima, March 12 — A landslide buried part of a mountain village on Tuesday."):
        assert [lead[b.start:b.end] for b in content_blocks(lead)] == [
            "A landslide buried part of a mountain village on Tuesday."], lead
    plain = "Lima, the capital, was spared: a landslide buried part of a mountain village."
    assert [plain[b.start:b.end] for b in content_blocks(plain)] == [plain]


def test_an_appeal_a_question_heading_and_the_page_praising_its_outlet_are_furniture(pipeline):
    from service.pipeline.extract.segment import parse_sources
    from service.pipeline.types import Source

    text = ("Your support helps us to tell the story. The Independent is trusted by readers across the spectrum.\n"
            "Who are the deceased?\n"
            "Sixteen people died when the funicular derailed on Wednesday evening.")
    (found, _), = parse_sources([Source("T", text, outlet="The Independent")], pipeline.parser)
    assert [s.text for s in found] == ["Sixteen people died when the funicular derailed on Wednesday evening."]
    (unnamed, _), = parse_sources([Source("T", text)], pipeline.parser)
    assert "The Independent is trusted by readers across the spectrum." in [s.text for s in unnamed]


def test_a_caption_with_a_photo_credit_in_brackets_is_furniture():
    caption = ("Flowers at the site of the accident in Lisbon after the derailment that killed 16 people (Illustrative "
               "image) (Photo by PATRICIA DE MELO MOREIRA/AFP via Getty Images) Getty Images")
    assert is_boilerplate(caption)
    assert not is_boilerplate("The funicular derailed on Wednesday evening, killing 16 people (police said) and "
                              "injuring 21 others in the centre of Lisbon.")


def test_a_caption_ending_on_its_day_or_an_agency_credit_is_furniture():
    assert is_boilerplate("Firefighters spray water on a burning warehouse in the port district, March 3, 2024.")
    assert is_boilerplate("Rescuers search the rubble of a collapsed school in the hills, May 9, 2023. AFP/Staff")
    assert is_boilerplate("Rescuers search the rubble of a collapsed school in the hills. AP Photo/Jane Doe")
    assert not is_boilerplate("The treaty was signed in Geneva, April 22, 2025. It takes effect next year.")
    assert not is_boilerplate("The treaty was signed in Geneva on April 22, 2025.")


def test_html_tags_are_read_as_spaces_and_left_out_of_the_spans(pipeline):
    from service.pipeline.types import Source
    text = '<p>The <a href="https://example.com/tags/acme/">Acme</a> rocket reached orbit on Sunday.</p>'
    claims = pipeline.extract_claims([Source("T", text)])
    assert [c.statement for c in claims] == ["The Acme rocket reached orbit on Sunday"], claims
    assert all("<" not in text[s:e] and ">" not in text[s:e] for c in claims for s, e in c.spans), claims
    text = ('“The tower has caught the rocket.” Acme chief executive <a href="https://example.com/jane">Jane Roe</a> '
            'wrote on X after the catch.')
    said = [c.statement for c in pipeline.extract_claims([Source("T", text)])]
    assert said == ["Acme chief executive Jane Roe said: “The tower has caught the rocket.”"], said


def test_a_dateline_in_capitals_with_a_day_and_a_colon_is_trimmed():
    text = "NEW DELHI, Apr 23: A video of the attack has surfaced, showing the moments before the shooting."
    assert [text[b.start:b.end] for b in content_blocks(text)] == [
        "A video of the attack has surfaced, showing the moments before the shooting."]


def test_prose_whose_list_the_archive_left_out_keeps_its_sentences_but_not_the_list_opener(pipeline):
    from service.pipeline.extract.segment import sentences

    text = ("Authorities say they are now examining:\n"
            "The fire began late at night when most residents were sleeping. Firefighters carried out:\n"
            "Several survivors were rushed to hospitals with burns.")
    found, _ = sentences("T", text, pipeline.parser)
    assert [s.text for s in found] == ["The fire began late at night when most residents were sleeping.",
                                       "Several survivors were rushed to hospitals with burns."]
    assert is_boilerplate("Mr. Trump Visits Alaska For Talks With Putin")


def test_a_wire_dateline_run_into_the_lead_is_trimmed():
    text = "Tokyo, Sept. 7 (Jiji Press)--Japanese Prime Minister Shigeru Ishiba on Sunday announced his resignation."
    assert [text[b.start:b.end] for b in content_blocks(text)] == [
        "Japanese Prime Minister Shigeru Ishiba on Sunday announced his resignation."]


def test_a_bracketed_acronym_after_its_name_is_read_as_spaces(pipeline):
    from service.pipeline.extract.segment import sentences

    text = "The resignation came one day before his Liberal Democratic Party (LDP) was to decide on a vote."
    found, parsed = sentences("T", text, pipeline.parser)
    assert [s.text for s in found] == [text]
    (_, sent), = parsed
    assert sent.root.lemma_ == "come" and "LDP" not in [t.text for t in sent]


def test_notices_of_the_page_and_its_publishing_software_are_boilerplate():
    for line in ("This is a breaking news story. More to follow.",
                 "You have 79.93% of this article left to read. The rest is for subscribers only.",
                 "For optimal browsing, we recommend Chrome, Firefox or Safari browsers.",
                 "This entry was posted in Space, TTG. Bookmark the permalink.",
                 "The post Nissan Cuts 9,000 Jobs appeared first on New York Times.",
                 "A police officer stands outside the hotel where he was shot Dec. 4.Read moreStefan Jeremiah / AP"):
        assert is_boilerplate(line), line
    assert not is_boilerplate("The company said more details would follow on Friday after the board meets.")


def test_a_related_link_a_us_date_and_a_dateline_with_a_comma_are_trimmed():
    text = ("Related: Le Pen's dreams crushed after conviction\n"
            "Date 12/26/2024 3:09:37 AM Some 12 survivors of the crash will be flown home today.\n"
            "ASTANA,— An Azerbaijani passenger plane with 67 people aboard crashed Wednesday near Aktau.")
    assert [text[b.start:b.end] for b in content_blocks(text)] == [
        "Some 12 survivors of the crash will be flown home today.",
        "An Azerbaijani passenger plane with 67 people aboard crashed Wednesday near Aktau."]


def test_a_copyright_notice_run_onto_the_last_sentence_is_cut_off():
    text = ("The lander touched down on Sunday, according to NASA.Copyright(c) 2025 RTTNews.com. All Rights Reserved")
    assert [text[b.start:b.end] for b in content_blocks(text)] == [
        "The lander touched down on Sunday, according to NASA."]


def test_a_photo_caption_among_the_prose_is_no_sentence(pipeline):
    from service.pipeline.extract.segment import sentences

    text = ("The lander touched down near Mons Latreille on Sunday. This undated image released by Firefly Aerospace "
            "shows the lander taking an Earth selfie.\nFILE - A rocket stands on the launch pad in Florida, Jan. 14, 2025.")
    found, _ = sentences("T", text, pipeline.parser)
    assert [s.text for s in found] == ["The lander touched down near Mons Latreille on Sunday."]
