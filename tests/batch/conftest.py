"""Stories of real text for the batch tests: the seed pair, short articles written for these tests, bad lines."""
import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS

HERE = Path(__file__).resolve().parent


def short_stories() -> list[dict]:
    return json.loads((HERE / "short_stories.json").read_text(encoding="utf-8"))


def seed_story() -> dict:
    return {"story_id": "zapad-seed", "articles": [
        {"id": "A", "outlet": "Eurointegration", "published_at": "2025-09-15",
         "text": (SEEDS / "eurointegration_zapad_2025-09-15.txt").read_text(encoding="utf-8")},
        {"id": "B", "outlet": "UNN", "published_at": "2025-09-15",
         "text": (SEEDS / "unn_zapad_2025-09-15.txt").read_text(encoding="utf-8")},
    ]}


BAD_LINES = {
    "invalid JSON": '{"story_id": "broken", "articles": [',
    "missing story_id": json.dumps({"articles": [{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]}),
    "at least 2 articles": json.dumps({"story_id": "solo", "articles": [{"id": "a", "text": "Only one source."}]}),
    "empty text": json.dumps({"story_id": "blank", "articles": [{"id": "a", "text": "  \n"},
                                                                {"id": "b", "text": "The mayor resigned."}]}),
}


@pytest.fixture()
def session_scoring(monkeypatch, pipeline):
    """`factcheck score` run in this process (CliRunner; the local engine with 1 worker) scores with the session's warm
    pipeline instead of loading the models once more (~15 s of CPU a run). Runs in subprocesses, spawned workers and
    Ray actors still build and warm their own (tests/batch/test_local.py, test_score_cli.py, test_resume.py)."""
    monkeypatch.setattr("service.batch.local.warm_pipeline", lambda threads: pipeline)
    return pipeline


@pytest.fixture()
def stories_file(tmp_path) -> tuple[Path, dict[str, int]]:
    """A JSONL file: short stories first, the seed pair last, bad lines between; with each bad line's number."""
    lines, bad = [], {}
    shorts = short_stories()
    good = shorts[:2] + [BAD_LINES] + shorts[2:] + [seed_story()]
    for item in good:
        if item is BAD_LINES:
            for reason, line in BAD_LINES.items():
                lines.append(line)
                bad[reason] = len(lines)
            continue
        lines.append(json.dumps(item, ensure_ascii=False))
    path = tmp_path / "stories.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, bad


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
