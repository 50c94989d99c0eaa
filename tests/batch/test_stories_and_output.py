"""Input validation and the kill-safe JSONL file, without models."""
import json

from service.batch.output import JsonlAppender, drop_torn_tail, errors_path_for, read_records
from service.batch.stories import BadLine, Story, parse_story, read_stories


def parse(obj, max_sources=20, max_chars=1000):
    raw = obj if isinstance(obj, str) else json.dumps(obj)
    return parse_story(7, raw, max_sources, max_chars)


def test_a_valid_story_keeps_its_id_and_articles():
    story = parse({"story_id": 42, "articles": [
        {"id": "a", "text": "The mayor resigned.", "published_at": "2025-09-15T10:00:00Z", "outlet": "X"},
        {"id": 2, "text": "The mayor quit."}]})
    assert isinstance(story, Story)
    assert story.story_id == 42 and story.key == "42" and story.line == 7
    assert [s.id for s in story.sources] == ["a", "2"]
    assert str(story.sources[0].published_at) == "2025-09-15" and story.sources[0].outlet == "X"


def test_each_kind_of_bad_line_names_its_reason():
    two = [{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]
    cases = {
        '{"story_id": 1, "articles": [': "invalid JSON",
        "[1, 2]": "JSON object",
        json.dumps({"articles": two}): "missing story_id",
        json.dumps({"story_id": "s"}): "missing articles",
        json.dumps({"story_id": "s", "articles": two[:1]}): "at least 2 articles, got 1",
        json.dumps({"story_id": "s", "articles": [two[0], {"id": "b", "text": " "}]}): "articles[1].text: empty text",
        json.dumps({"story_id": "s", "articles": [two[0], {"id": "b"}]}): "articles[1].text: missing text",
        json.dumps({"story_id": "s", "articles": [two[0], {"text": "Two."}]}): "articles[1].id: missing",
        json.dumps({"story_id": "s", "articles": [two[0], two[0]]}): "duplicate article id",
        json.dumps({"story_id": "s", "articles": [two[0], {**two[1], "published_at": "soon"}]}): "not an ISO date",
        json.dumps({"story_id": "s", "articles": [two[0], {**two[1], "text": "x" * 1001}]}): "longer than 1000",
        json.dumps({"story_id": "s", "articles": two * 11}): "at most 20 articles",
    }
    for raw, reason in cases.items():
        found = parse(raw)
        assert isinstance(found, BadLine), raw
        assert reason in found.reason, (raw, found.reason)
        assert found.line == 7


def test_read_stories_numbers_lines_and_skips_blank_ones(tmp_path):
    path = tmp_path / "in.jsonl"
    good = json.dumps({"story_id": "s", "articles": [{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]})
    path.write_text(good + "\n\n{oops\n" + good + "\n")
    found = list(read_stories(str(path), 20, 1000))
    assert [type(f).__name__ for f in found] == ["Story", "BadLine", "Story"]
    assert [f.line for f in found] == [1, 3, 4]


def test_torn_last_line_is_cut_and_whole_lines_kept(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"story_id": 1}\n{"story_id": 2}\n{"story_id": 3, "cla')
    assert drop_torn_tail(str(path)) == len(b'{"story_id": 3, "cla')
    assert path.read_bytes() == b'{"story_id": 1}\n{"story_id": 2}\n'
    assert drop_torn_tail(str(path)) == 0
    path.write_bytes(b'{"story_id": 1, "no newline at all')
    drop_torn_tail(str(path))
    assert path.read_bytes() == b""


def test_appender_cuts_a_torn_tail_then_appends_whole_lines(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_bytes(b'{"story_id": 1}\n{"story_id": 2, "tor')
    with JsonlAppender(str(path)) as out:
        out.write({"story_id": 2, "text": "naïve ✓"})
    assert [r["story_id"] for r in read_records(str(path))] == [1, 2]
    assert path.read_text(encoding="utf-8").endswith('"naïve ✓"}\n')


def test_errors_file_sits_beside_the_output():
    assert errors_path_for("runs/scores.jsonl") == "runs/scores.errors.jsonl"
    assert errors_path_for("scores.out") == "scores.out.errors.jsonl"
