"""One chunk of stories through Pipeline.pipe → output lines; the one scoring step every engine runs.

Each engine (in-process, worker processes, Ray actors) calls score_chunk on the same chunks, so their
output is the same byte for byte.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Optional, Union

from service.batch.stories import Story
from service.payload import report_payload


@dataclass(frozen=True)
class Scored:
    line: int
    story_id: Union[str, int]
    output: Optional[str]        # the JSONL line (no newline), or None when scoring failed
    error: Optional[str] = None


def score_chunk(pipeline, chunk: list[Story]) -> list[Scored]:
    failures: list[Exception] = []
    results = []
    reports = pipeline.pipe([list(story.sources) for story in chunk],
                            on_error=lambda _story, error: failures.append(error))
    for story, report in zip(chunk, reports):
        if report is None:
            error = failures.pop(0) if failures else RuntimeError("unknown error")
            results.append(Scored(story.line, story.story_id, None, f"scoring failed: {type(error).__name__}: {error}"))
            continue
        line = json.dumps({"story_id": story.story_id, **report_payload(report)}, ensure_ascii=False)
        results.append(Scored(story.line, story.story_id, line))
    return results


def threads_per_worker(workers: int) -> int:
    return max(1, (os.cpu_count() or 1) // max(1, workers))


def warm_pipeline(threads: int):
    """A warm pipeline for one worker, with torch and onnxruntime held to `threads` threads each.

    Runs in the worker itself (spawned process or Ray actor): the thread pools of torch and
    onnxruntime are not fork-safe, and workers sharing cores must not each spin up one thread per core.
    """
    from service.pipeline.core import Pipeline
    from service.settings import Settings

    return Pipeline(Settings.from_env()).warm_up(threads=threads)
