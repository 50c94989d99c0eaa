"""The region check: the province or state a source puts a named town in, compared across the story."""
from service.pipeline.compare import timeline
from service.pipeline.compare.checks import region
from tests.pipeline.compare.fakes import claim

JALALABAD = ("GPE", "jalalabad", "jalalabad")
TANGFANG = ("GPE", "tangfang", "tangfang")


def test_a_town_is_put_in_a_region_after_a_comma_after_in_or_by_which_includes():
    assert region.regions(claim("A#0", "The quake struck near Jalalabad in Kunar Province", named=(JALALABAD,))) == {
        "jalalabad|province": "Kunar province"}
    assert region.regions(claim("B#0", "In Jalalabad, Nangarhar province, hospitals filled", named=(JALALABAD,))) == {
        "jalalabad|province": "Nangarhar province"}
    assert region.regions(claim("C#0", "Nangarhar province, which includes Jalalabad", named=(JALALABAD,))) == {
        "jalalabad|province": "Nangarhar province"}
    assert region.regions(claim("F#0", "near the city of Jalalabad in neighboring Nangahar province",
                                named=(JALALABAD,))) == {"jalalabad|province": "Nangahar province"}
    # Not a place the claim names, or a region that is the start of another name.
    assert region.regions(claim("D#0", "Officials in Kunar province said 800 died")) == {}
    assert region.regions(claim("E#0", "Jalalabad, Texas State University said", named=(JALALABAD,))) == {}


def test_different_regions_of_one_kind_for_one_town_are_a_discrepancy_and_other_kinds_are_not_compared():
    kunar = claim("A#0", "near Jalalabad in Kunar province", named=(JALALABAD,))
    nangarhar = claim("B#0", "Jalalabad, Nangarhar Province", named=(JALALABAD,))
    found = region.check(kunar, nangarhar)
    assert found is not None and found.type == "location"
    assert "Kunar province" in found.explanation and "Nangarhar province" in found.explanation
    assert region.check(nangarhar, claim("C#0", "Jalalabad in Nangarhar province", named=(JALALABAD,))) is None
    assert region.check(nangarhar, claim("C#0", "Jalalabad in Nangahar province", named=(JALALABAD,))) is None
    county = claim("D#0", "the town of Tangfang in Zhenxiong County", named=(TANGFANG,))
    province = claim("E#0", "Tangfang, Yunnan province", named=(TANGFANG,))
    assert not region.CHECK.comparable(county, province) and region.check(county, province) is None


def test_each_sources_first_claim_placing_a_town_is_one_carrier_across_the_story():
    claims = [claim("A#0", "near Jalalabad in Kunar province", named=(JALALABAD,)),
              claim("B#0", "Jalalabad, Nangarhar province", named=(JALALABAD,)),
              claim("B#1", "Jalalabad, in Kunar province", named=(JALALABAD,), sentence=4),
              claim("C#0", "The town of Tangfang in Zhenxiong County", named=(TANGFANG,))]
    facts = timeline.story_facts(claims, dict(timeline.STORY_WIDE)[region.CHECK])
    assert [f.claims for f in facts] == [("A#0", "B#0")]
