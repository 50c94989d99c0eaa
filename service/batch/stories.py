"""Input JSONL lines → validated stories, or a bad line with its line number and the reason."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Iterator, Optional, Union

from service.pipeline.types import Source


@dataclass(frozen=True)
class Story:
    line: int                     # 1-based line number in the input file
    story_id: Union[str, int]     # as the input wrote it; written back unchanged
    sources: tuple[Source, ...]

    @property
    def key(self) -> str:
        return str(self.story_id)


@dataclass(frozen=True)
class BadLine:
    line: int
    reason: str
    story_id: Optional[Union[str, int]] = None


def read_stories(path: str, max_sources: int, max_source_chars: int) -> Iterator[Union[Story, BadLine]]:
    """Every non-blank line of the file, parsed; a line that is not a valid story comes back as a BadLine."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            yield parse_story(number, raw, max_sources, max_source_chars)


def count_lines(path: str) -> int:
    with open(path, "rb") as handle:
        return sum(1 for raw in handle if raw.strip())


def parse_story(number: int, raw: bytes | str, max_sources: int, max_source_chars: int) -> Union[Story, BadLine]:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        return BadLine(number, f"invalid JSON: {error}")
    if not isinstance(data, dict):
        return BadLine(number, "a line must be a JSON object with story_id and articles")
    story_id = data.get("story_id")
    if isinstance(story_id, bool) or not isinstance(story_id, (str, int)) or story_id == "":
        return BadLine(number, "missing story_id (a non-empty string or an integer)")
    articles = data.get("articles")
    if not isinstance(articles, list):
        return BadLine(number, "missing articles (a list of {id, text, published_at?, outlet?})", story_id)
    if len(articles) < 2:
        return BadLine(number, f"a story needs at least 2 articles, got {len(articles)}", story_id)
    if len(articles) > max_sources:
        return BadLine(number, f"a story takes at most {max_sources} articles, got {len(articles)}", story_id)
    sources = []
    for i, article in enumerate(articles):
        source = _parse_article(article, f"articles[{i}]", max_source_chars)
        if isinstance(source, str):
            return BadLine(number, source, story_id)
        if any(s.id == source.id for s in sources):
            return BadLine(number, f"articles[{i}].id: duplicate article id {source.id!r}", story_id)
        sources.append(source)
    return Story(number, story_id, tuple(sources))


def _parse_article(article, field: str, max_source_chars: int) -> Union[Source, str]:
    """A Source, or the reason this article is not one."""
    if not isinstance(article, dict):
        return f"{field}: an article must be an object"
    article_id = article.get("id")
    if isinstance(article_id, bool) or not isinstance(article_id, (str, int)) or str(article_id).strip() == "":
        return f"{field}.id: missing article id"
    text = article.get("text")
    if not isinstance(text, str):
        return f"{field}.text: missing text"
    if not text.strip():
        return f"{field}.text: empty text"
    if len(text) > max_source_chars:
        return f"{field}.text: longer than {max_source_chars} characters"
    published = article.get("published_at")
    if published is not None:
        if not isinstance(published, str):
            return f"{field}.published_at: expected an ISO date string"
        try:
            published = date.fromisoformat(published[:10])
        except ValueError:
            return f"{field}.published_at: not an ISO date: {published!r}"
    outlet = article.get("outlet")
    if outlet is not None and not isinstance(outlet, str):
        return f"{field}.outlet: expected a string"
    return Source(id=str(article_id), text=text, published_at=published, outlet=outlet)
