"""Hypothesis on the pipeline: any Unicode text yields a report that serialises to the response schema."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from service.payload import report_payload
from service.pipeline.types import Source
from service.schemas import CompareResponse

pytestmark = pytest.mark.slow
FUZZ = settings(max_examples=15, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
# Arbitrary Unicode, and text shaped like news (words, digits, punctuation, newlines, odd spaces).
ANY_TEXT = st.text(min_size=1, max_size=600)
NEWSY = st.lists(st.sampled_from(["The", "council", "approved", "5", "million", "euros", "on", "Monday", ".",
                                  "\n", "\u00a0", "said", "«", "»", "Kyiv", "didn't", "2025-09-15", "%", "—",
                                  "\u200b", "🙂", "Ünïcödé"]), min_size=1, max_size=120).map(" ".join)


def check(pipeline, texts):
    sources = [Source(f"s{i}", text) for i, text in enumerate(texts)]
    body = report_payload(pipeline.run(sources))
    assert CompareResponse().validate(body) == {}
    ids = {source.id for source in sources}
    for claim in body["claims"]:
        assert claim["source"] in ids
        text = texts[int(claim["source"][1:])]
        for start, end in claim["span"]:
            assert 0 <= start < end <= len(text)


@FUZZ
@given(a=ANY_TEXT, b=ANY_TEXT)
def test_any_unicode_text(pipeline, a, b):
    check(pipeline, [a, b])


@FUZZ
@given(a=NEWSY, b=NEWSY)
def test_news_shaped_noise(pipeline, a, b):
    check(pipeline, [a, b])


@pytest.mark.parametrize("texts", [["Budget.", "Budget."], ["word", "\u00a0"], [" ", "\n\n\n"],
                                   ["x" * 5000, "y"], ["1 2 3 4 5", "٣ ٤ ٥"]], ids=repr)
def test_degenerate_texts(pipeline, texts):
    check(pipeline, texts)
