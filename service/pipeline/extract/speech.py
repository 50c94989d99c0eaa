"""Who says a claim: speech frames ("Khrenin said", "UNN reports"), quotations, and the speaker they give.

A speech frame is a speech verb with its speaker and addressee. The frame is left out of the claims when
it only attributes them: when what was said is a direct quotation, when the frame trails what was said
('…, Cole said'), when it wraps another speech frame ('X said Y, UNN reports') or when the speaker is the
outlet itself ('The publication reminds that …'). A leading indirect frame ('X told them that Y') stays in
its claim. A sentence that is nothing but a frame ('"…?" the ministry said.') attributes the quotation
that closes right before it, or, without quotation marks, the sentences before it in its paragraph.
"""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass

from service.pipeline.extract.phrases import bare_phrase

SPEECH = {"say", "tell", "state", "announce", "note", "report", "claim", "add", "write", "describe", "present",
          "call", "term", "declare", "confirm", "deny", "insist", "stress", "explain", "warn", "quote",
          "remind", "emphasise", "emphasize", "assert", "admit", "acknowledge", "reply", "recall", "affirm", "reveal",
          "disclose", "testify", "mention"}
CONTENT_DEPS = {"ccomp", "parataxis"}
NAMING = {"call", "term"}     # speech only with what the thing is called ("called it a provocation")
# What a speech verb may have beside its speaker and still be nothing but a frame.
FRAME_ONLY = {"nsubj", "agent", "aux", "advmod", "npadvmod", "punct", "cc"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl"}
OUTLET_NOUNS = {"publication", "media", "outlet", "newspaper", "paper", "edition", "website", "site", "portal",
                "broadcaster", "channel", "newsroom"}
ORG_WORDS = {"ministry", "government", "office", "department", "agency", "service", "administration", "council",
             "committee", "army", "forces", "company", "embassy", "police", "court", "parliament", "kremlin",
             "commission", "bureau", "command", "staff", "headquarters", "cabinet", "presidency", "regime",
             "force", "military", "navy", "guard", "authorities", "union", "party", "bank", "prosecutor's"}
PERSON_WORDS = {"minister", "president", "spokesman", "spokeswoman", "spokesperson", "official", "leader",
                "representative", "ambassador", "secretary", "chief", "head", "general", "officer", "envoy",
                "adviser", "advisor", "aide", "commander", "director", "mayor", "governor", "prime"}
DOCUMENT_WORDS = {"statement", "report", "release", "communique", "publication", "media", "video", "footage",
                  "letter", "document", "post", "message", "newspaper", "outlet"}
OPENING_QUOTES = {"“": "”", "«": "»", "„": "“"}
QUOTE_MARKS = {'"', "“", "”", "«", "»", "„"}
DASHES = "-–—"
MIN_QUOTED_WORDS = 3
# A clause under these dependents of a speech verb is about the speaker or addressee, not what was said.
NOT_SAID = {"nsubj", "nsubjpass", "agent", "dative", "prep", "npadvmod", "advcl"}
CITATION = re.compile(r"^(according to|as reported by|as (\w+ )?reported|citing|with reference to|"
                      r"in reference to|referring to)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Frame:
    verb: int                     # token index of the speech verb
    tokens: frozenset[int]        # the frame's own tokens, left out of claims (before clause heads are subtracted)
    content: tuple[int, ...]      # heads of what was said
    speaker: str
    kind: str
    quoted: bool                  # what was said is a direct quotation
    tail: bool                    # the sentence is nothing but this frame
    outlet: bool                  # the outlet or its source, not a speaker
    kept: bool = False            # a frame that stays in its claim ('X wrote that "…"'), though it attributes


@dataclass(frozen=True)
class Attribution:
    speaker: str = ""
    kind: str = ""
    quoted: bool = False
    verb: int = -1          # the speech verb's token index in the claim's doc, -1 when none
    subject: int = -1       # its subject's token index, -1 when none


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(open, close) character offsets of each quotation; close is the closing mark's offset."""
    regions, straight, curly = [], None, []
    for i, ch in enumerate(text):
        if ch == '"' and straight is None and curly and text[curly[-1]] == "“" and _closing(text, i):
            regions.append((curly.pop(), i))   # “…," said Sinha: a curly quotation closed by a straight mark
        elif ch == "”" and straight is not None and not (curly and text[curly[-1]] == "“") and _closing(text, i):
            regions.append((straight, i))   # '"Last night … shot down.”': a straight quotation closed by a curly mark
            straight = None
        elif ch == '"':
            if straight is None:
                straight = i
            else:
                regions.append((straight, i))
                straight = None
        elif ch in OPENING_QUOTES and not (ch == "“" and curly and OPENING_QUOTES[text[curly[-1]]] == "“"):
            curly.append(i)
        elif curly and ch == OPENING_QUOTES[text[curly[-1]]]:
            regions.append((curly.pop(), i))
    for start in ([straight] if straight is not None else []) + curly:
        regions.append((start, len(text)))
    first = next((i for i, ch in enumerate(text) if ch in QUOTE_MARKS), None)
    if first is not None and text[first] in CLOSING_QUOTES and _closing(text, first):
        # 'Those drones … were shot down.” Poland’s …': a paragraph that closes a quotation opened before it
        regions.append((-1, first))
    return sorted(regions)
CLOSING_QUOTES = {"”", "»"}


def _closing(text: str, i: int) -> bool:
    """A quotation mark written right after a word or punctuation and before a space, punctuation or the end."""
    return i > 0 and not text[i - 1].isspace() and (i + 1 == len(text) or not text[i + 1].isalnum())


def region_at(regions, char: int):
    return next((r for r in regions if r[0] < char < r[1]), None)


def cited_sources(sent) -> tuple[set[int], str]:
    """Tokens of 'according to X' / 'as reported by X' phrases, and the sources they name."""
    found, sources = set(), []
    for tok in sent:
        if tok.dep_ in ("prep", "advcl", "advmod", "npadvmod"):
            subtree = list(tok.subtree)
            comma = next((t.i for t in subtree if t.i > tok.i and t.text == ","), None)
            if comma is not None:
                subtree = [t for t in subtree if t.i <= comma]
            match = CITATION.match(sent.doc[subtree[0].i:subtree[-1].i + 1].text)
            if match and match.group(1).lower() == "citing" and not _names_a_source(tok):
                continue   # "suspended flights, citing the closure of airspace": a reason, not a source
            if match and match.group(1).lower() == "referring to" and any(c.lower_ == "as" for c in tok.children):
                continue   # "…, referring to it as “science fiction”": what it was called, not who said so
            if match:
                found.update(t.i for t in subtree)
                # "according to Belarusian media": the whole source phrase, not only its entity ("Belarusian").
                named = sent.doc[subtree[0].i:subtree[-1].i + 1].text[match.end():].strip(" ,")
                if named and len(named.split()) <= 8:
                    sources.append(named)
                else:
                    sources += [e.text for e in sent.ents if e.start >= subtree[0].i and e.end <= subtree[-1].i + 1]
    return found, ", ".join(sources)


SOURCE_WORDS = {"source", "sources", "official", "officials", "report", "reports", "data", "figures", "witness",
                "witnesses", "people", "person", "documents", "authorities"}


def _names_a_source(citing) -> bool:
    """Whether 'citing X' names who or what the claim comes from (a name, an official, a report)."""
    objects = [c for c in citing.children if c.dep_ in ("dobj", "pobj")]
    for obj in objects:
        words = {t.lower_ for t in obj.subtree}
        if obj.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") or obj.pos_ == "PROPN" or \
                {obj.lower_, obj.lemma_.lower()} & (SOURCE_WORDS | OUTLET_NOUNS | DOCUMENT_WORDS | PERSON_WORDS | ORG_WORDS):
            return True
        if not words:
            return False
    return not objects


# What "claim" takes when it says nothing: lives taken, responsibility or a title taken.
CLAIMED_THINGS = {"life", "responsibility", "victory", "title", "win", "seat", "land", "territory", "trophy", "crown",
                  "cup", "championship", "medal", "prize", "award", "record", "gold", "silver", "bronze", "place"}


# What "deny" takes when it is a saying: "denied the allegations", "denied any wrongdoing".
DENIED_STATEMENTS = {"allegation", "claim", "report", "charge", "accusation", "wrongdoing", "involvement",
                     "responsibility", "rumour", "rumor", "story", "statement", "suggestion", "that", "it", "this"}


def is_speech(tok) -> bool:
    lemma = tok.lemma_.lower()
    if lemma not in SPEECH:
        return False
    if lemma in NAMING and (not any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in tok.children) or any(
            c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") for c in tok.children)):
        return False   # "called on Lukashenko to release detainees" asks; it says nothing
    if lemma == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() in CLAIMED_THINGS for c in tok.children):
        return False   # "the attack claimed the lives of 26 people", "the group claimed responsibility"
    if lemma == "deny" and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children) and not any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in DENIED_STATEMENTS for c in tok.children):
        return False   # "a judge denied him bail", "his request was denied": a refusal, not a saying
    return tok.pos_ in ("VERB", "AUX") or any(c.dep_ in CONTENT_DEPS for c in tok.children)


def doc_text(doc) -> str:
    """The doc's text, built once: spaCy joins every token again on each `doc.text`."""
    cached = doc.user_data.get("text")
    if cached is None:
        cached = doc.user_data["text"] = doc.text
    return cached


def block(doc) -> dict:
    """Quotations and frames of a parsed block, computed once and kept on the doc."""
    cached = doc.user_data.get("speech")
    if cached is None:
        regions = quote_regions(doc_text(doc))
        frames = {sent.start: sentence_frames(sent, regions) for sent in doc.sents}
        by_verb = {f.verb: f for found in frames.values() for f in found}
        cached = doc.user_data["speech"] = {"regions": regions, "frames": frames, "by_verb": by_verb}
    return cached


def sentence_frames(sent, regions) -> list[Frame]:
    frames = []
    wrappers = {tok.i for tok in sent if _misparsed_wrapper(tok)}
    for tok in sent:
        if not is_speech(tok) or region_at(regions, tok.idx):
            continue
        content = tuple(c.i for c in tok.children if c.dep_ in CONTENT_DEPS and c.i not in wrappers)
        speaker, kind = speaker_of(tok)
        if tok.i in wrappers:
            frames.append(Frame(tok.i, _frame_tokens(tok, content), (), speaker, kind, False, False, False))
            continue
        subject = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        outlet = tok.pos_ == "NOUN" or (subject is not None and {subject.lower_, subject.lemma_.lower()} & OUTLET_NOUNS
                                        and not _third_party_outlet(subject))
        if not content:
            tail = (tok.i == sent.root.i or _conjoined_to_a_quotation(tok, regions)) and \
                all(_frame_only(c) for c in tok.children)
            if tail and speaker:
                frames.append(Frame(tok.i, _frame_tokens(tok, ()), (), speaker, kind, False, True, False))
            continue
        quoted = any(region_at(regions, sent.doc[c].idx) for c in content)
        nested = any(is_speech(t) and not region_at(regions, t.idx) and t.i not in wrappers
                     for c in content for t in sent.doc[c].subtree)
        trailing = all(c < tok.i for c in content)
        if quoted or nested or outlet or trailing:
            tokens = _frame_tokens(tok, content) | frozenset(trailing_run(tok))
            # 'wrote on social media that "Last night …"': a quotation after 'that', in a frame before it, is told as
            # reported speech, and the frame stays in its claim
            kept = quoted and not (nested or outlet or trailing) and tok.i == sent.root.i and \
                all(region_at(regions, sent.doc[c].idx) and _that_before(sent.doc[c], regions) for c in content)
            frames.append(Frame(tok.i, tokens, content, speaker, kind, quoted, False, outlet, kept))
    return frames


def _that_before(content, regions) -> bool:
    """Whether the quotation holding `content` opens after its 'that' ('wrote on social media that "Last …')."""
    region = region_at(regions, content.idx)
    return any(c.dep_ == "mark" and c.lower_ == "that" and c.idx < region[0] for c in content.children)


def _third_party_outlet(noun) -> bool:
    """'state media said', 'local media reported', 'Chinese state media': an outlet the words before it set apart
    from the article's own ('the newspaper notes'), so a speaker the claim must name."""
    return any(c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < noun.i and not c.is_punct
               for c in noun.children)


def _conjoined_to_a_quotation(verb, regions) -> bool:
    """'"… we ran into the bathroom to hide," student Li Jingui told AP' parsed with 'told' a conjunct of the quoted
    verb (or a clause under it): a frame after the quotation closes, with nothing said of its own."""
    if verb.dep_ not in ("conj", "ccomp", "advcl", "parataxis") or region_at(regions, verb.head.idx) is None:
        return False
    first = min(t.i for t in verb.subtree if not t.is_punct)
    before = verb.doc[verb.sent.start:first]
    return region_at(regions, verb.idx) is None and any(t.text in QUOTE_MARKS for t in before[-2:])


def _misparsed_wrapper(tok) -> bool:
    """'X said Y, Reuters reports' parsed with 'reports' under 'said', and Y under 'reports' or beside it."""
    if not (is_speech(tok) and tok.dep_ in CONTENT_DEPS and is_speech(tok.head) and tok.head.i < tok.i):
        return False
    content = [c.i for c in tok.children if c.dep_ in CONTENT_DEPS]
    siblings = [c.i for c in tok.head.children if c.dep_ in CONTENT_DEPS and c.i != tok.i]
    if content:
        return all(tok.head.i < c < tok.i for c in content)
    return any(tok.head.i < c < tok.i for c in siblings)


def _frame_only(child) -> bool:
    """A dependent that a bare frame may have: speaker, addressee, time, manner, punctuation."""
    if child.dep_ in ("dobj", "dative"):   # "told him", "told the Associated Press"
        return child.pos_ == "PRON" or (child.head.lemma_ == "tell" and child.pos_ in ("NOUN", "PROPN"))
    if child.dep_ == "prep":
        return child.lower_ not in ("as", "about", "of")
    return child.dep_ in FRAME_ONLY


def _frame_tokens(verb, content: tuple[int, ...]) -> frozenset[int]:
    """The verb's subtree less what was said, but with the 'that' introducing it."""
    doc = verb.doc
    said = {t.i for c in content for t in doc[c].subtree if not (t.dep_ == "mark" and t.head.i == c)}
    return frozenset(t.i for t in verb.subtree if t.i not in said and t.text not in QUOTE_MARKS)


def speaker_of(verb) -> tuple[str, str]:
    """The agent of a passive speech verb, else its subject; a relative pronoun stands for its noun."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    who = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if who is None:
        who = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if who is not None and who.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        who = verb.head
    if who is None:
        if verb.dep_ in ("advcl", "conj", "xcomp") and is_speech(verb.head):
            return speaker_of(verb.head)
        if verb.dep_ == "conj" and verb.head.dep_ in CONTENT_DEPS and is_speech(verb.head.head):
            return speaker_of(verb.head.head)   # "He added that … and noted that …" with 'noted' hung on what he added
        return _name_before(verb)
    if _glued_subject(who):
        # "…, the US embassy spokesperson in the Lithuanian capital Vilnius said": the parse took the last name
        # of the speaker's phrase for the subject. The whole trailing phrase, or no speaker.
        run = trailing_speaker(verb, glued=True)
        if not run:
            return "", ""
        span = verb.doc[run[0]:run[-1] + 1]
        ents = [e for e in verb.doc.ents if e.start >= span.start and e.end <= span.end]
        return _one_line(span.text), speaker_kind(span.text, ents)
    # "Monitoring & Research Center": an ampersand joins the words of one name
    words = bare_phrase(who, drop=lambda t: (t.is_punct and not _inner_hyphen(t) and t.text != "&") or
                        (t.dep_ == "prep" and t.lower_ == "to"))
    # "WARSAW, Poland, Sept 10, (AP): Poland said": the run of words around the subject, not a dateline before it.
    start = who.i
    while start - 1 >= words[0].i and who.doc[start - 1].text not in ",;:()[]" and \
            any(t.i == start - 1 for t in words):
        start -= 1
    words = [t for t in words if t.i >= start]
    text = _one_line("".join(t.text_with_ws for t in words)).strip(" ,")
    ents = [e for e in verb.doc.ents if e.start >= words[0].i and e.end <= words[-1].i + 1]
    return text, speaker_kind(text, ents)


def _one_line(text: str) -> str:
    """A name with its runs of whitespace (a line break, markup read as spaces) as one space."""
    return " ".join(text.split())


def _inner_hyphen(tok) -> bool:
    """The hyphen of a word written with one ('vice-mayor')."""
    return tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def _glued_subject(who) -> bool:
    """A one-name subject that ends a longer noun phrase ('the Lithuanian capital Vilnius said'): the word
    before it is a noun or adjective of that phrase, not a clause boundary."""
    if who.pos_ != "PROPN" or any(c.dep_ not in ("compound", "punct") for c in who.children):
        return False
    first = min(t.i for t in who.subtree)
    if first <= who.sent.start:
        return False
    before = who.doc[first - 1]
    if before.pos_ not in ("NOUN", "ADJ", "PROPN") or before.head.i == who.i or before.dep_ == "compound":
        return False
    # "In a statement Air India said": the word before hangs on the verb, a phrase of the clause, not of a noun.
    node = before
    while node.dep_ in ("pobj", "prep", "amod", "compound") and node.head.i != node.i:
        node = node.head
    return node.pos_ in ("NOUN", "PROPN") and node.i != who.head.i


def trailing_run(verb) -> list[int]:
    """The trailing speaker's words of a frame, whether the parse gave it no subject or only its last name."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return trailing_speaker(verb, glued=subject is not None and _glued_subject(subject))


def trailing_speaker(verb, glued: bool = False) -> list[int]:
    """'…, the Belarus affairs section of the US embassy in Vilnius said.' parsed without a subject (or with
    only its last name for one, `glued`): the words between the last comma and a speech verb that ends its
    sentence."""
    doc, sent = verb.doc, verb.sent
    if (not glued and any(c.dep_ in SUBJECT_DEPS | {"agent"} for c in verb.children)) or \
            not all(t.is_punct for t in doc[verb.i + 1:sent.end]):
        return []
    i = verb.i - 1
    while i > sent.start and doc[i].text not in (",", "—", "–", '"', "”"):
        i -= 1
    run = [t.i for t in doc[i + 1:verb.i]]
    if not 1 <= len(run) <= 12 or i <= sent.start or not any(doc[j].pos_ in ("NOUN", "PROPN") for j in run):
        return []
    return run


def _name_before(verb) -> tuple[str, str]:
    """A misparsed subject: the words of a trailing frame after its comma, or the run of proper nouns right
    before the verb ("… Viktor Khrenin told")."""
    run = trailing_speaker(verb)
    if run:
        span = verb.doc[run[0]:run[-1] + 1]
        ents = [e for e in verb.doc.ents if e.start >= span.start and e.end <= span.end]
        return _one_line(span.text), speaker_kind(span.text, ents)
    doc, i = verb.doc, verb.i - 1
    while i >= verb.sent.start and doc[i].pos_ == "PROPN":
        i -= 1
    if i == verb.i - 1:
        return _person_before(verb)
    span = doc[i + 1:verb.i]
    ents = [e for e in doc.ents if e.start >= span.start and e.end <= span.end]
    return _one_line(span.text), speaker_kind(span.text, ents)


def _person_before(verb) -> tuple[str, str]:
    """'his brother, Nayan Kumar Ramesh, 27, said:' with the subject hung elsewhere: the person named right
    before the verb, past an age and commas."""
    doc, i = verb.doc, verb.i - 1
    while i >= verb.sent.start and (doc[i].is_punct or doc[i].like_num):
        i -= 1
    if i < verb.sent.start or doc[i].ent_type_ != "PERSON":
        return "", ""
    ent = next((e for e in doc.ents if e.start <= i < e.end), None)
    return (ent.text, "person") if ent is not None else ("", "")


def speaker_kind(text: str, ents) -> str:
    names = re.findall(r"\w+", text)
    words = {w.lower() for w in names}
    if words & ORG_WORDS:
        return "organisation"
    if any(e.label_ == "PERSON" for e in ents) or words & PERSON_WORDS:
        return "person"
    if ents and all(e.label_ in ("GPE", "NORP") for e in ents) and len(names) <= 3:
        return "organisation"   # "Poland said": a country speaks through its government
    # The small parser often tags a bare surname ("Khrenin") as ORG; organisations named by one
    # capitalised word are acronyms ("UNN", "NATO").
    if any(e.label_ == "ORG" for e in ents) and not (len(names) == 1 and not names[0].isupper()):
        return "organisation"
    if words & DOCUMENT_WORDS:
        return "document"
    if any(w[:1].isupper() for w in names):
        return "person"
    return ""


def attribute(head, sent, hint: str, start: int, end: int) -> Attribution:
    said = _attribute(head, sent, hint, start, end)
    if said.speaker:
        relayed = _relayed(sent.doc, start)
        if relayed is not None:
            # "Nayan said: “He … said, ‘I don’t know how I’m alive’”": the words are the one he quotes, not his.
            inner = _relayed_speaker(relayed) if relayed else ""
            if not inner:
                return Attribution(quoted=True)
            return Attribution(f"{said.speaker} said {inner}", said.kind, True, said.verb, said.subject)
    return said


def _relayed(doc, start: int):
    """The speech verb of an inner quotation (‘…’ inside “…”) open at character `start`, else None."""
    region = region_at(quote_regions(doc_text(doc)) if "speech" not in doc.user_data else block(doc)["regions"], start)
    if region is None:
        return None
    text, depth, opened = doc_text(doc), 0, -1
    for i in range(region[0] + 1, start):
        if text[i] == "‘":
            depth, opened = depth + 1, i
        elif text[i] == "’" and depth and not (i + 1 < len(text) and text[i + 1].isalpha()):
            depth -= 1
    if not depth:
        return None
    verbs = [t for t in doc if region[0] < t.idx < opened and is_speech(t)]
    return verbs[-1] if verbs else False


def _relayed_speaker(verb) -> str:
    """The subject of the verb that opens an inner quotation ('he … and said, ‘…'), as written; '' if none."""
    node = verb
    while node:
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            if subject.tag_ == "PRP":
                return subject.text if subject.text == "I" else subject.lower_
            ent = next((e for e in verb.doc.ents if e.start <= subject.i < e.end and e.label_ == "PERSON"), None)
            return ent.text if ent is not None else ""
        node = node.head if node.dep_ == "conj" and node.head.i != node.i else None
    return ""


def _attribute(head, sent, hint: str, start: int, end: int) -> Attribution:
    """The speaker of a claim headed by `head` covering doc characters start..end: the nearest speech
    verb above it, else the quotation or speaker-only sentence around it, else a cited source."""
    info = block(sent.doc)
    regions = info["regions"]
    frames = info["by_verb"]
    inside = sum(max(0, min(e, end) - max(s + 1, start)) for s, e in regions)
    contains_quote = any(start <= s and e <= end and len(re.findall(r"\w+", doc_text(sent.doc)[s:e])) >= MIN_QUOTED_WORDS
                         for s, e in regions)
    quoted = inside * 2 >= max(end - start, 1) or contains_quote
    below = head
    for node in [head, *head.ancestors]:
        frame = frames.get(node.i)
        if node is not head and below.dep_ in NOT_SAID and (frame is not None or is_speech(node)):
            break
        below = node
        if frame is not None and frame.outlet:
            break
        if frame is not None and (frame.content or frame.tail):
            return Attribution(frame.speaker, frame.kind, quoted or frame.quoted, frame.verb,
                               _subject_index(sent.doc[frame.verb]))
        if frame is None and is_speech(node) and not region_at(regions, node.idx):
            speaker, kind = speaker_of(node)
            return Attribution(speaker, kind, quoted, node.i, _subject_index(node))
    region = region_at(regions, head.idx)
    if region is not None:
        found = _quotation_speaker(region, info, sent.doc)
        if found is not None:
            return Attribution(found.speaker, found.kind, True, found.verb, _subject_index(sent.doc[found.verb]))
    tail = _paragraph_tail(sent, info)
    if tail is not None:
        dash = sent.doc[tail.verb].sent.text.lstrip()[:1] in DASHES
        return Attribution(tail.speaker, tail.kind, quoted or dash, tail.verb, _subject_index(sent.doc[tail.verb]))
    if hint:
        return Attribution(hint, speaker_kind(hint, [e for e in sent.ents if e.text in hint]), quoted)
    return Attribution(quoted=quoted)


_QUOTED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
QUOTE_RUN = 2   # sentences a quotation may run on past its speaker's last quoted sentence


def continued_quote(source, sentence_index: int, sent, head, said: Attribution) -> Attribution:
    """A sentence that opens with a quotation mark and names no speaker continues the quotation before it:
    '“…,” Malik told AFP. “And since …”', or a quote over several paragraphs, which opens each one and closes
    only the last."""
    try:
        memory = _QUOTED.setdefault(source, {})
    except TypeError:
        return said
    regions = block(sent.doc)["regions"]
    region = region_at(regions, head.idx)
    if said.speaker:
        if said.quoted or region is not None:
            memory["last"] = (sentence_index, said)
        return said
    last = memory.get("last")
    if region is None or last is None or sentence_index - last[0] > QUOTE_RUN or \
            not (region[0] < 0 or any(_opens_quote(doc_text(sent.doc), at, region) for at in (0, sent.start_char))):
        return said
    found = Attribution(last[1].speaker, last[1].kind, True)
    memory["last"] = (sentence_index, found)
    return found


def _opens_quote(text: str, at: int, region) -> bool:
    """Whether the quotation `region` opens at `at` (past leading spaces): the paragraph's or the sentence's start."""
    rest = text[at:]
    return rest.lstrip()[:1] in QUOTE_MARKS and region[0] == at + len(rest) - len(rest.lstrip())


def _subject_index(verb) -> int:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ == "conj":   # the speech verb it shares its speaker with, as in speaker_of
        if is_speech(verb.head):
            return _subject_index(verb.head)
        if verb.head.dep_ in CONTENT_DEPS and is_speech(verb.head.head):
            return _subject_index(verb.head.head)
    return subject.i if subject is not None else -1


def _quotation_speaker(region, info, doc):
    """The frame whose quoted content lies in this quotation, or a speaker-only sentence right after it."""
    for frames in info["frames"].values():
        for frame in frames:
            if frame.quoted and not frame.outlet and any(region[0] < doc[c].idx < region[1] for c in frame.content):
                return frame
            if frame.tail:
                first = min(frame.tokens)
                gap = doc_text(doc)[region[1] + 1:doc[first].idx]
                if region[1] < doc[first].idx and not re.search(r"\w", gap):
                    return frame
    return None


def _paragraph_tail(sent, info):
    """A later speaker-only sentence of the paragraph, with no quotation and no other frame in between."""
    doc = sent.doc
    for start in sorted(s for s in info["frames"] if s > sent.start):
        frames = info["frames"][start]
        if not frames:
            continue
        tail = next((f for f in frames if f.tail), None)
        if tail is None or '"' in doc[sent.start:start].text or "”" in doc[sent.start:start].text:
            return None
        return tail
    return None
