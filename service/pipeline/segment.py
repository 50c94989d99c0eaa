"""Blocks of article text → sentences, with page boilerplate dropped.

Boilerplate is found by general rules: consent and banner phrasing, navigation labels, link lists,
bylines and datelines, and short lines that are not sentences (headlines, section labels).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from service.pipeline.types import Sentence

BANNER = re.compile(
    r"\b(cookies?|cookie policy|privacy policy|consent|subscribe|newsletter|sign (up|in)|log ?in|"
    r"enable javascript|all rights reserved|terms of (use|service)|advertisement|share (this|on)|"
    r"follow us|download (our|the) app|click here|read (more|also)|see also)\b",
    re.IGNORECASE,
)
NAV_PREFIX = re.compile(
    r"^\s*(?:(?:more|related|latest|top|other|recent|popular)\s+(?:news|stories|articles)|news by day|"
    r"read (?:more|also)|see also|share|advertisement|date|updated|published|posted|"
    r"\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?|\d{1,2}:\d{2})\b[\s:|•·-]*",
    re.IGNORECASE,
)
_PLACE = r"[A-Z][A-Z.'’ -]{1,40}?"
_DAY = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s*\d{4})?"
_AGENCY = r"\((?:[A-Z][\w.&-]*\s?){1,4}\)"
DATELINE = re.compile(rf"^\s*(?:{_PLACE},?\s*(?:{_DAY},?\s*(?:{_AGENCY}\s*)?|{_AGENCY}\s*)|(?:{_DAY}\s*)?{_AGENCY}\s*)[-—–]+\s+")
LABEL = re.compile(r"^\s*(?:latest|breaking(?: news)?|update|watch|live|exclusive|analysis|explainer)\s*:\s+", re.IGNORECASE)
BYLINE = re.compile(r"^\s*(by|author|photo|image|source|credit)s?\b[:\s]", re.IGNORECASE)
DOMAIN = re.compile(r"^\s*[\w.-]+\.(com|org|net|ua|uk|de|fr|ru|info|io|news|eu)(/\S*)?\s*$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s*$|[\"”»]\s*$")
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Block:
    start: int
    end: int


def content_blocks(text: str) -> list[Block]:
    """Line blocks that carry article prose, each trimmed of leading navigation labels."""
    blocks = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.span()
        line = match.group()
        while True:
            prefix = NAV_PREFIX.match(line) or DATELINE.match(line) or LABEL.match(line)
            if not prefix or prefix.end() == 0 or prefix.end() >= len(line):
                break
            start += prefix.end()
            line = line[prefix.end():]
        stripped = line.strip()
        if not stripped or is_boilerplate(stripped):
            continue
        lead = len(line) - len(line.lstrip())
        blocks.append(Block(start + lead, start + lead + len(stripped)))
    return blocks


def is_boilerplate(line: str) -> bool:
    words = WORD.findall(line)
    if len(words) < 4:
        return True
    if DOMAIN.match(line) or BYLINE.match(line):
        return True
    if BANNER.search(line) and len(words) < 60:
        return True
    if NAV_PREFIX.fullmatch(line):
        return True
    # Headlines, labels and link lists: no sentence ending and short.
    if not SENTENCE_END.search(line) and len(words) < 15:
        return True
    return False


def sentences(source_id: str, text: str, parser) -> tuple[list[Sentence], list]:
    """Parse each content block once; return sentences with source offsets and the spaCy spans."""
    blocks = content_blocks(text)
    return _split(source_id, text, blocks, parser.pipe([text[b.start:b.end] for b in blocks]))


def parse_sources(sources, parser) -> list[tuple[list[Sentence], list]]:
    """sentences() of each source, with the content blocks of all sources parsed in one batch."""
    blocks = [content_blocks(s.text) for s in sources]
    docs = iter(parser.pipe([s.text[b.start:b.end] for s, found in zip(sources, blocks) for b in found]))
    return [_split(s.id, s.text, found, docs) for s, found in zip(sources, blocks)]


def _split(source_id: str, text: str, blocks, docs) -> tuple[list[Sentence], list]:
    found, spans = [], []
    for block, doc in zip(blocks, docs):   # blocks first: zip stops there without taking another doc
        for sent in doc.sents:
            if not any(t.is_alpha for t in sent):
                continue
            start = block.start + sent.start_char
            end = block.start + sent.end_char
            found.append(Sentence(source_id, len(found), start, end, text[start:end]))
            spans.append((block.start, sent))
    return found, spans
