"""Blocks of article text → sentences, with page boilerplate dropped.

A block is a line, or a paragraph of hard-wrapped text (wire copy and e-mail wrap prose at a fixed
width). Boilerplate is found by general rules: consent and banner phrasing, navigation labels, link
lists, bylines and datelines, and short lines that are not sentences (headlines, section labels).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from service.pipeline.types import Sentence

BANNER = re.compile(
    r"\b(cookies?|cookie policy|privacy policy|consent|subscribe|newsletter|sign (up|in)|log ?in|"
    r"enable javascript|all rights reserved|terms of (use|service)|advertisement|share (this|on)|"
    r"follow us|download (our|the) app|click here|read (more|also)|see also|"
    r"this is an? (breaking|developing)( news)? story|more to follow|of this article left to read|"
    r"for subscribers only|recommend (chrome|firefox|safari)|this entry was posted in|bookmark the permalink|"
    r"appeared first on)\b",
    re.IGNORECASE,
)
NAV_PREFIX = re.compile(
    r"^\s*(?:(?:more|related|latest|top|other|recent|popular)\s+(?:news|stories|articles)|news by day|"
    r"read (?:more|also)|see also|share|advertisement|date|updated|published|posted|related(?=\s*:)|"
    r"\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?|\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?|"
    r"\d{1,2}:\d{2})\b[\s:|•·-]*",
    re.IGNORECASE,
)
_PLACE = r"[A-Z][A-Z.'’ -]{1,40}?"
_DAY = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s*\d{4})?"
_AGENCY = r"\((?:[A-Z][\w.&-]*\s?){1,4}\)"
_TITLE_PLACE = r"[A-Z][a-z]+(?:[ /-][A-Z][a-z]+){0,3}"
_REGION = r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})"   # "DHAKA, Bangladesh —"
DATELINE = re.compile(rf"^\s*(?:(?:{_PLACE},?\s*(?:{_DAY},?\s*(?:{_AGENCY}\s*)?|{_AGENCY}\s*)|{_PLACE}{_REGION}\s*"
                      rf"(?:{_AGENCY}\s*)?|(?:{_DAY}\s*)?{_AGENCY}\s*)[-—–]+|[A-Z][A-Z.'’ -]{{2,40}}:"
                      rf"|{_PLACE},\s*{_DAY}\s*:"   # "NEW DELHI, Apr 23:"
                      rf"|{_PLACE}{_REGION}?,?\s*(?:{_DAY},?\s*)?{_AGENCY}\s*:"   # "WARSAW, Poland, Sept 10, (AP):"
                      rf"|[A-Z][A-Z.'’ ]{{2,40}}(?:,|\s|,\s)[—–]+(?=\s+[A-Z])"   # "ASTANA,— An …"
                      rf"|{_TITLE_PLACE},\s*{_DAY}\s*[:—–])\s+")   # "Kathmandu, Nov 4:", "Delhi/Kathmandu, 04 Nov:"
# A wire dateline run into the lead without a space: "Tokyo, Sept. 7 (Jiji Press)--Japanese Prime Minister …".
AGENCY_DATELINE = re.compile(rf"^\s*{_TITLE_PLACE},\s*{_DAY}\s*{_AGENCY}\s*[-—–]+\s*(?=[A-Z])")
# A page's date run into the first sentence: "August 3, 2014Chinese officials announced …".
GLUED_DATE = re.compile(r"^\s*(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                        r"\s+\d{1,2},\s*\d{4}(?=[A-Z])")
LABEL = re.compile(r"^\s*(?:latest|breaking(?: news)?|update|watch|live|exclusive|analysis|explainer)\s*:\s+", re.IGNORECASE)
# A section label or a headline set before the sentence with a colon: "What happened: Between …", "The Polish
# response: Polish and NATO aircraft …", "Poland Downs Russian Drones: In a first, …" (never "X said: …").
HEADING = re.compile(r"^\s*[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,4}:\s+(?=[A-Z0-9])")
SPEECH_WORDS = re.compile(r"\b(?:said|says|say|told|tells|wrote|writes|added|adds|stated|states|announced|declared|"
                          r"posted|tweeted|reported|reports|noted|explained|warned|according)\b", re.IGNORECASE)
# A headline run into the first sentence without a stop: "… violated airspace This marks the first time …".
GLUED_HEADLINE = re.compile(r"^(?P<head>[^.!?:;]{15,160}?[a-z0-9\"”’)])\s+(?=(?:This|The|A|An|It|In|On|At|After|As|"
                            r"Now|These|Those)\s+[a-z])")
HEADLINE_TAIL = re.compile(r"\b(?:to|of|the|a|an|by|in|at|on|for|and|or|with|from|that|said|says|told|as|than|"
                           r"is|was|are|were|has|have|had|be|been|its|their|his|her)$", re.IGNORECASE)
BYLINE = re.compile(r"^\s*(by|author|photo|image|source|credit)s?\b[:\s]", re.IGNORECASE)
# "By" opens a byline when a name follows ("By Kieran Kelly", "By JANE DOE and AP"), not a sentence ("By a vote of
# four to one, the justices convicted …").
BYLINE_WORDS = 15
DOMAIN = re.compile(r"^\s*[\w.-]+\.(com|org|net|ua|uk|de|fr|ru|info|io|news|eu)(/\S*)?\s*$", re.IGNORECASE)
# A photo caption ends in its credit: "… in Savar. Credit: Reuters", "… rescued. Photograph: Robert Dejon/EPA".
PHOTO_CREDIT = re.compile(r"\b(?:photograph|photo|credit|image|picture|illustration)s?\s*:\s*[^.!?:]{1,60}$|"
                          r"[.!?]\s*Read more\s*[A-Z][\w.'’ -]{1,40}\s?/\s?[A-Z][\w.'’ -]{1,30}$|"   # "… Dec. 4.Read moreStefan Jeremiah / AP"
                          r"\((?:photo|photograph|image|picture)s?\s+(?:by|credit|courtesy)\b[^)]{1,80}\)",
                          re.IGNORECASE)   # "… (Photo by PATRICIA DE MELO MOREIRA/AFP via Getty Images) Getty Images"
# A wire photo's credit after its caption: "… in Anantnag district. REUTERS/Stringer", "… AP Photo/Jane Doe".
AGENCY_CREDIT = re.compile(r"[.!?]\s+[A-Z][A-Za-z]*[A-Z](?:\s[A-Z][a-z]+)?\s?/\s?[A-Z][\w.'’ -]{1,40}$")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# A photo caption says what the picture shows and ends on the day it was taken: "Police officers stop a vehicle
# at a check point near the town, April 22, 2025." (prose dates its event inside the sentence: "on April 22").
CAPTION_DATE = re.compile(rf"^[^.!?]+,\s+{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\.")
# A photo or video caption among the prose: "This undated image released by Firefly Aerospace shows …",
# "FILE - A police officer stands …".
CAPTION = re.compile(r"^\W*(?:FILE\s*(?:PHOTO\s*)?[-–—:]|(?:In\s+)?this\s+(?:(?:undated|handout|file|aerial|satellite)\s+)*"
                     r"(?:image|photo(?:graph)?|picture|video|screenshot|still)\b)", re.IGNORECASE)
# A copyright notice run onto the block's last sentence: "… according to NASA.Copyright(c) 2025 RTTNews.com."
COPYRIGHT_TAIL = re.compile(r"(?:\bCopyright\b|©)\s*(?:\(c\)\s*)?(?:\d{4}\b)?[^\n]{0,200}$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s*$|[\"”»]\s*$")
# What a text cut off mid-sentence leaves dangling once its last, maybe cut, word is gone: "… on Belarus' national
# airline, Bela" ends at "airline"; "… coming from the acciden" at "coming".
DANGLING = re.compile(r"(?:[\s,;:(\"“‘'’—–-]|\b(?:the|a|an|of|to|in|on|at|for|from|with|by|and|or|but|as|"
                      r"than|that|which|who|whose|its|their|his|her|our|this|these|those|into|onto|over|after|before|"
                      r"about|will|would|can|could|may|might|must|shall|should|is|are|was|were|be|been|being|has|"
                      r"have|had|not|'s|’s))+$", re.IGNORECASE)
# A cut-off last paragraph this long (before its cut) is prose, not a headline or a label without a stop.
CUT_PROSE_WORDS = 8
# A sentence of six words or more ends inside the line and another starts: prose, not a headline.
INNER_SENTENCE_END = re.compile(r"^\W*(?:\S+\s+){5,}\S*[a-z0-9][.!?][\"'”’»)]*\s+[\"'“‘]?[A-Z]")
# A paragraph's last sentence that opens a list the archive left out: "Firefighters carried out:".
LIST_OPENER = re.compile(r":\s*$")
WORD = re.compile(r"\w+", re.UNICODE)
# The page asking for money or sign-ups inside the article text: "Your support helps us to tell the story".
APPEAL = re.compile(r"\byour (?:support|donation|contribution|subscription)\b|\bsupport (?:now|us|our journalism)\b|"
                    r"\b(?:donate|subscribe) (?:now|today)\b", re.IGNORECASE)
# An HTML tag left in a stored page: '<a href="…" target="_blank">', '</p>'.
MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,500})?/?>")
# A section heading asked as a question: "Who are the deceased?", "What caused the accident?"
QUESTION_HEADING = re.compile(r"^\s*(?:who|what|when|where|why|how|which)\b[^.!?]{0,60}\?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    start: int
    end: int
    cut: bool = False   # the text's last paragraph, cut off mid-sentence: it ends at its whole words


def content_blocks(text: str) -> list[Block]:
    """Blocks that carry article prose, each trimmed of leading navigation labels.

    A block of hard-wrapped text keeps its line breaks; parse its text with them read as spaces. A block
    the page repeats word for word (a lead shown again under a photo) is kept once, and a teaser cut off
    mid-sentence is dropped when the paragraph it opens follows.
    """
    blocks, seen = [], set()
    found = paragraphs(text)
    for k, (start, end) in enumerate(found):
        cut = k == len(found) - 1 and _cut_prose(text[start:end], text[found[k - 1][0]:found[k - 1][1]] if k else "")
        if cut:
            end = start + _whole_words_before_cut(text[start:end])
        tail = COPYRIGHT_TAIL.search(text, start, end)
        if tail and tail.start() > start:
            end = start + len(text[start:tail.start()].rstrip())
        line = text[start:end].replace("\n", " ")
        while True:
            prefix = NAV_PREFIX.match(line) or DATELINE.match(line) or AGENCY_DATELINE.match(line) or LABEL.match(line) \
                or GLUED_DATE.match(line) \
                or _heading(line) or _glued_headline(line)
            if not prefix or prefix.end() == 0 or prefix.end() >= len(line):
                break
            start += prefix.end()
            line = line[prefix.end():]
        stripped = line.strip()
        words = " ".join(stripped.split())
        if not stripped or is_boilerplate(" ".join(MARKUP.sub(" ", stripped).split()), cut) or words in seen:
            continue
        seen.add(words)
        lead = len(line) - len(line.lstrip())
        blocks.append(Block(start + lead, start + lead + len(stripped), cut))
    return _without_teasers(text, blocks)


def _cut_prose(paragraph: str, before: str) -> bool:
    """The text's last paragraph, cut off mid-sentence by the archive: prose (a sentence ends in it, or the
    paragraph before it ends in one; a list of headlines does neither), long enough, and no stop at its end."""
    line = " ".join(paragraph.split())
    prose = bool(re.search(r"[.!?…][\"'”’»)]*\s+\S", line)) or bool(SENTENCE_END.search(before))
    return prose and not SENTENCE_END.search(line) and len(WORD.findall(line)) >= CUT_PROSE_WORDS


def _whole_words_before_cut(paragraph: str) -> int:
    """Where a cut-off paragraph's whole words end: without its last word (cut or not, it cannot be told) and
    what that leaves dangling."""
    kept = paragraph.rstrip()
    kept = kept[:len(kept) - len(re.search(r"\S*$", kept).group(0))]
    return len(DANGLING.sub("", kept))


def _heading(line: str):
    match = HEADING.match(line)
    return match if match and not SPEECH_WORDS.search(match.group(0)) else None


def _glued_headline(line: str):
    """A headline the page ran into the lead: its words end without a stop and the lead's opener follows."""
    match = GLUED_HEADLINE.match(line)
    if not match or HEADLINE_TAIL.search(match.group("head")) or SPEECH_WORDS.search(match.group("head")):
        return None
    return match


def _without_teasers(text: str, blocks: list[Block]) -> list[Block]:
    """Drop a block cut off mid-sentence whose words open a later block: a teaser of that paragraph."""
    words = [" ".join(text[b.start:b.end].split()) for b in blocks]
    return [b for i, b in enumerate(blocks)
            if SENTENCE_END.search(words[i]) or not any(w.startswith(words[i]) for w in words[i + 1:])]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the text's lines; when the text is hard-wrapped, a line that fills the width runs on into the next."""
    lines = [m.span() for m in re.finditer(r"[^\n]+", text)]
    width = _wrap_width(text, lines)
    if width is None:
        return lines
    joined: list[tuple[int, int]] = []
    for start, end in lines:
        if joined and text.count("\n", joined[-1][1], start) == 1 and _fills(text, joined[-1], width):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _fills(text: str, span: tuple[int, int], width: int) -> bool:
    last_line = text[text.rfind("\n", span[0], span[1]) + 1:span[1]]
    return len(last_line.rstrip()) >= 0.7 * width


def _wrap_width(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The width prose was wrapped at, or None when lines are whole paragraphs.

    Wrapped text has most lines near one width of 50-110 characters, and the line after a full
    line mostly carries on the sentence (it starts in lower case or with a digit).
    """
    lengths = sorted(e - s for s, e in lines)
    if len(lengths) < 6:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 50 <= width <= 110:
        return None
    full = [i for i, (s, e) in enumerate(lines[:-1]) if e - s >= 0.7 * width]
    if len(full) < 0.5 * len(lines):
        return None
    carried_on = sum(1 for i in full if re.match(r"[\W_]*[a-z0-9]", text[lines[i + 1][0]:lines[i + 1][1]]))
    return width if carried_on >= 0.4 * len(full) else None


def _byline(line: str, words: list[str]) -> bool:
    label = BYLINE.match(line)
    if label is None:
        return False
    if label.group(1).lower() != "by":
        return True   # "Author:", "Photo:", "Source:", "Credit:"
    name = re.match(r"^\s*by\s*:?\s+(?:the\s+)?(\w)", line, re.IGNORECASE)
    short = len(words) < BYLINE_WORDS and (not SENTENCE_END.search(line) or len(words) <= 6)
    return short and name is not None and name.group(1).isupper()


def _dated_caption(line: str) -> bool:
    """One sentence ending on the day the photo was taken, with nothing after it but a credit."""
    match = CAPTION_DATE.match(line)
    return match is not None and not SENTENCE_END.search(line[match.end():])


def is_boilerplate(line: str, cut: bool = False) -> bool:
    """Page furniture, not prose; a `cut` line (the text's last paragraph, cut off mid-sentence) is not judged by
    its missing stop."""
    words = WORD.findall(line)
    if len(words) < 4:
        return True
    if QUESTION_HEADING.match(line) and len(words) <= 8:
        return True
    if DOMAIN.match(line) or PHOTO_CREDIT.search(line) or AGENCY_CREDIT.search(line) or _byline(line, words):
        return True
    if _dated_caption(line):
        return True
    letters = [c for c in line if c.isalpha()]
    if sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        return True   # an all-caps subheading or label
    if BANNER.search(line) and len(words) < 60:
        return True
    if NAV_PREFIX.fullmatch(line):
        return True
    # Headlines, captions, labels and link lists: no sentence ending and not long (a sentence ends inside prose
    # whose list was cut away: "The fire began late at night. Firefighters carried out:").
    if not cut and not SENTENCE_END.search(line) and len(words) < 25 and not INNER_SENTENCE_END.search(line):
        return True
    return False


def sentences(source_id: str, text: str, parser) -> tuple[list[Sentence], list]:
    """Parse each content block once; return sentences with source offsets and the spaCy spans."""
    blocks = content_blocks(text)
    return _split(source_id, text, blocks, parser.pipe([block_text(text, b) for b in blocks]))


# An acronym in brackets after the name it shortens, which the small parser reads as a new clause: "before his
# Liberal Democratic Party (LDP) was to decide" lost its verb to "(LDP)".
BRACKETED_ACRONYM = re.compile(r"(?<=[a-z]) \([A-Z][A-Z&]{1,7}\)(?=[\s,;])")


def block_text(text: str, block: Block) -> str:
    """What the parser reads: the block with hard line breaks, HTML tags ('<a href="…">SpaceX</a>') and a bracketed
    acronym after its name as spaces (same length, so offsets hold)."""
    blank = lambda m: " " * len(m.group(0))   # noqa: E731
    return BRACKETED_ACRONYM.sub(blank, MARKUP.sub(blank, text[block.start:block.end].replace("\n", " ")))


def parse_sources(sources, parser) -> list[tuple[list[Sentence], list]]:
    """sentences() of each source, with the content blocks of all sources parsed in one batch."""
    blocks = [content_blocks(s.text) for s in sources]
    docs = iter(parser.pipe([block_text(s.text, b) for s, found in zip(sources, blocks) for b in found]))
    return [_split(s.id, s.text, found, docs, s.outlet) for s, found in zip(sources, blocks)]


def index_sentences(doc) -> None:
    """Token.sent and Span.sent look their sentence up in one list (spaCy walks the doc's sentences each time,
    and claim building asks thousands of times)."""
    if "sent" in doc.user_token_hooks:
        return
    sents = list(doc.sents)
    of = [0] * len(doc)
    for k, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            of[i] = k
    doc.user_token_hooks["sent"] = lambda tok: sents[of[tok.i]]
    doc.user_span_hooks["sent"] = lambda span: sents[of[span.start]]


def _cut_off(text: str, block: Block, sent) -> bool:
    """The text's last sentence, ending without a stop: the page was cut off mid-sentence ("… coming from the
    acciden"). A cut block keeps it up to its whole words only when they end on what a statement can end on, a
    noun or a number ("… was among the 52"), not on a verb or an adverb whose rest was cut ("… smoke was seen
    coming")."""
    if SENTENCE_END.search(sent.text):
        return False
    end = block.start + sent.end_char
    if not text[end:].strip():
        return True
    if not (block.cut and end == block.end):
        return False
    last = next((t for t in reversed(sent) if not t.is_punct), None)
    return last is None or last.pos_ not in ("NOUN", "PROPN", "NUM")


def _list_opener(block: Block, sent) -> bool:
    return block.start + sent.end_char == block.end and bool(LIST_OPENER.search(sent.text))


def _about_the_outlet(sent, outlet: str | None) -> bool:
    """The page praising its own outlet: "The Independent is trusted by Americans across the entire political
    spectrum" on The Independent's page."""
    if not outlet:
        return False
    subject = next((t for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and " ".join(sent.doc[subject.left_edge.i:subject.i + 1].text.split()).casefold() \
        in {outlet.casefold(), f"the {outlet.casefold()}"}


def _split(source_id: str, text: str, blocks, docs, outlet: str | None = None) -> tuple[list[Sentence], list]:
    found, spans = [], []
    for block, doc in zip(blocks, docs):   # blocks first: zip stops there without taking another doc
        index_sentences(doc)
        for sent in doc.sents:
            if not any(t.is_alpha for t in sent) or _cut_off(text, block, sent) or APPEAL.search(sent.text) \
                    or CAPTION.match(sent.text) \
                    or _about_the_outlet(sent, outlet) or _list_opener(block, sent):
                continue
            start = block.start + sent.start_char
            end = block.start + sent.end_char
            found.append(Sentence(source_id, len(found), start, end, text[start:end]))
            spans.append((block.start, sent))
    return found, spans
