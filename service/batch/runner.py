"""A scoring run: input stories → (skip done, report bad lines) → chunks → engine → output lines, resumable."""
from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Iterator, Optional, TextIO

from tqdm import tqdm

from service.batch.output import JsonlAppender, drop_torn_tail, read_records
from service.batch.stories import BadLine, Story, count_lines, read_stories


@dataclass
class RunSummary:
    scored: int = 0          # stories written by this run
    skipped: int = 0         # stories already in the output (resumed)
    bad_lines: int = 0       # input lines reported to the errors file
    failed: int = 0          # valid stories the pipeline could not score
    articles: int = 0        # articles in the stories scored by this run
    cut_bytes: int = 0       # torn tail removed from the output before resuming


def run_scoring(engine, in_path: str, out_path: str, errors_path: str, *, chunk_stories: int,
                max_sources: int, max_source_chars: int, progress: Optional[TextIO] = None) -> RunSummary:
    """Score every story of in_path not yet in out_path with an engine already started."""
    summary = RunSummary()
    summary.cut_bytes = drop_torn_tail(out_path)
    drop_torn_tail(errors_path)
    done = {str(record.get("story_id")) for record in read_records(out_path)}
    reported = {record.get("line") for record in read_records(errors_path)}
    total = count_lines(in_path)
    bar = tqdm(total=total, unit="story", desc="scoring", file=progress, disable=progress is None,
               dynamic_ncols=True, smoothing=0.1)
    with JsonlAppender(out_path) as out, JsonlAppender(errors_path) as errors:
        def report_error(line: int, reason: str, story_id=None) -> None:
            if line not in reported:
                errors.write({"line": line, "story_id": story_id, "reason": reason})
                reported.add(line)

        def pending_stories() -> Iterator[Story]:
            first_line: dict[str, int] = {}
            for item in read_stories(in_path, max_sources, max_source_chars):
                if isinstance(item, BadLine):
                    summary.bad_lines += 1
                    report_error(item.line, item.reason, item.story_id)
                    bar.update(1)
                    continue
                if item.key in first_line:
                    summary.bad_lines += 1
                    report_error(item.line, f"duplicate story_id (first on line {first_line[item.key]})",
                                 item.story_id)
                    bar.update(1)
                    continue
                first_line[item.key] = item.line
                if item.key in done:
                    summary.skipped += 1
                    bar.update(1)
                    continue
                yield item

        def chunks() -> Iterator[list[Story]]:
            stories = pending_stories()
            while chunk := list(islice(stories, chunk_stories)):
                yield chunk

        articles_by_line: dict[int, int] = {}
        for results in engine.score(_remember_sizes(chunks(), articles_by_line)):
            for scored in results:
                if scored.output is None:
                    summary.failed += 1
                    report_error(scored.line, scored.error, scored.story_id)
                else:
                    out.write_line(scored.output)
                    summary.scored += 1
                    summary.articles += articles_by_line.get(scored.line, 0)
                articles_by_line.pop(scored.line, None)
                bar.update(1)
    bar.close()
    return summary


def _remember_sizes(chunks: Iterator[list[Story]], sizes: dict[int, int]) -> Iterator[list[Story]]:
    for chunk in chunks:
        for story in chunk:
            sizes[story.line] = len(story.sources)
        yield chunk
