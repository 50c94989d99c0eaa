"""For any text: spans index it, claim text is recoverable from its spans, and nothing raises."""
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from service.pipeline.types import Source

pytestmark = pytest.mark.slow

WORDS = ["The", "ministry", "said", "said,", "told", "them.", "“We", "will", "show", "you.”", '"', "«", "»", "—", "-",
         "and", "while", "because", "including", "amid", "after", "who", "which", "Khrenin", "Türkiye", "52",
         "$2.5", "million", "on", "Friday", "In", "response,", "according", "to", "Reuters", "reports", "?", ".",
         "\n", "\n\n", "Related news", "cookies", "الوزارة", "Мінськ", "🙂", "\u200b", "\t"]
prose = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
any_text = st.text(max_size=300)


def check(pipeline, text):
    claims = pipeline.extract_claims([Source("P", text, date(2025, 9, 15)), Source("Q", text[::-1])])
    for claim in claims:
        source = text if claim.source == "P" else text[::-1]
        assert claim.spans
        for start, end in claim.spans:
            assert 0 <= start < end <= len(source)
        assert [s for s, _ in claim.spans] == sorted(s for s, _ in claim.spans)
        assert claim.text == " ".join(source[s:e] for s, e in claim.spans)
        assert claim.parent == "" or claim.parent.split("#")[0] == claim.source
    assert len({c.id for c in claims}) == len(claims)


@settings(max_examples=60, deadline=None)
@given(any_text)
def test_any_unicode_text(pipeline, text):
    check(pipeline, text)


@settings(max_examples=60, deadline=None)
@given(prose)
def test_news_like_word_soup(pipeline, text):
    check(pipeline, text)
