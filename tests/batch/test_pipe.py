"""Pipeline.pipe over many stories gives, story by story, exactly what Pipeline.run gives."""
import pytest

from service.batch.stories import parse_story
from service.payload import report_payload
from service.pipeline.types import Source
from tests.batch.conftest import seed_story, short_stories

pytestmark = pytest.mark.slow


def as_sources(story: dict) -> list[Source]:
    import json
    return list(parse_story(1, json.dumps(story), 20, 200_000).sources)


def test_pipe_equals_run_on_each_story(pipeline):
    stories = [as_sources(s) for s in short_stories()[1:] + [seed_story()]]
    piped = list(pipeline.pipe(stories))
    assert len(piped) == 3
    for sources, report in zip(stories, piped):
        alone = pipeline.run(sources)
        assert report_payload(report) == report_payload(alone)
        assert report.claims == alone.claims and report.matches == alone.matches
    seed = report_payload(piped[-1])
    assert any(m.get("type") == "causal" for m in seed["matches"])


def test_pipe_error_policy_skips_or_raises_at_the_failing_story(pipeline):
    good = as_sources(short_stories()[1])
    broken = [Source("a", None), Source("b", "The council met on Thursday.")]
    seen = []
    reports = list(pipeline.pipe([good, broken, good], on_error=lambda story, error: seen.append((story, error))))
    assert reports[1] is None and reports[0] is not None and reports[2] is not None
    assert report_payload(reports[0]) == report_payload(reports[2])
    assert len(seen) == 1 and seen[0][0] is broken
    assert list(pipeline.pipe([broken], on_error="skip")) == [None]
    stream = pipeline.pipe([good, broken], on_error="raise")
    assert next(stream) is not None
    with pytest.raises(Exception):
        next(stream)
