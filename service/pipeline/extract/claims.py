"""Sentences → atomic claims, by splitting the dependency parse at clause boundaries.

Each claim owns the tokens under its clause head, minus the tokens of clauses split off below it,
plus the context it needs to stand alone (the shared subject of a coordinated verb, the noun a
relative clause or appositive describes). Spans are exact offsets into the source text.
"""
from __future__ import annotations

from service.pipeline.extract import clauses
from service.pipeline.extract import normalize
from service.pipeline.extract import referents
from service.pipeline.extract import speech
from service.pipeline.extract import statement as rendering
from service.pipeline.extract import structure
from service.pipeline.extract.phrases import absolute_parts, bare_phrase
from service.pipeline.types import Claim, Source

MIN_WORDS = 2
# What a head may have hanging after a clause split off before it, which alone reads as nothing.
GLUED_DEPS = {"appos", "dep", "npadvmod", "meta"}
ADVERBIAL_MIN_WORDS = 4
ADJUNCT_CONTEXT_WORDS = 5
SUBJECT_DEPS = clauses.SUBJECT_DEPS
DEMONSTRATIVES = {"this", "that", "these", "those"}
META_NOUNS = {"article", "story", "piece", "report", "explainer", "analysis", "post", "page"}
LIGHT_OBJECTS = frozenset({"place"})   # "took place"
OCCURRENCE_VERBS = {"happen", "occur", "unfold", "strike", "hit", "begin", "start", "erupt"}   # intransitive: "when the quake struck"
ARRIVAL_VERBS = {"come"}   # "The release comes [as Lukashenko has sought to mend ties …]"


def decompose(source: Source, sentence_index: int, block_start: int, sent, first_id: int) -> list[Claim]:
    """Atomic claims of one parsed sentence; ids count on from first_id."""
    tokens = [t for t in sent]
    if not tokens:
        return []
    cited, hint = speech.cited_sources(sent)
    frames = speech.block(sent.doc)["frames"].get(sent.start, [])
    heads = clauses.clause_heads(sent, cited)
    for frame in frames:
        for content in () if frame.kept else frame.content:
            heads.setdefault(content, ("main", ""))
    hidden = cited | _frame_tokens(sent, frames, heads)
    memory = referents.story(source)
    earlier = [memory[i] for i in sorted(memory) if i < sentence_index]
    here = referents.mentions(sent)
    memory[sentence_index] = here
    regions = speech.block(sent.doc)["regions"]
    while True:
        broken = [h for h in heads if h != sent.root.i and not _whole_split(sent.doc[h], heads, regions, here, earlier)]
        if not broken:
            break
        # Only the highest broken clauses go in a pass: one below them may be whole once they are gone.
        for h in [h for h in broken if not any(a.i in broken for a in sent.doc[h].ancestors)]:
            del heads[h]
    while True:
        owner = _owners(tokens, heads, sent.root.i)
        tiny = [h for h in heads if h != sent.root.i and
                sum(1 for i, o in owner.items() if o == h and i not in hidden and
                    (sent.doc[i].is_alpha or sent.doc[i].like_num)) < MIN_WORDS]
        tiny += [h for h in heads if heads[h][0] == "adjunct" and _leaves_bare(sent.doc[h], owner, hidden)]
        if not tiny:
            break
        for h in tiny:
            del heads[h]
    for tok in sent:
        first = min(t.i for t in tok.subtree)
        glued = tok.text.endswith(".") and any(ch.isdigit() for ch in tok.text) and tok.i == sent.end - 1
        if (tok.dep_ == "punct" or glued) and not tok.is_punct and first - 1 in owner:
            # "… sitting in seat 11A." with "11A." one token the parse called punctuation (or hung elsewhere): its
            # words run on the words before them
            for t in tok.subtree:
                owner[t.i] = owner[first - 1]
    for tok in sent:
        clause = _clause_before_appositive(tok, heads)
        if clause is not None:
            # "Ihar Losik, who was sentenced … in one of the harshest facilities, the Novopolotsk colony": the
            # appositive after a split clause on its noun describes a noun of that clause, and goes with it
            first = min(t.i for t in tok.subtree)
            for i in [*(t.i for t in tok.subtree), *(j for j in range(first - 1, first) if sent.doc[j].is_punct)]:
                if owner.get(i) == owner.get(tok.head.i):
                    owner[i] = clause.i
    for tok in sent:
        joined = _conjunct_before_participle(tok, heads) or _relative_before_result(tok, heads)
        if joined is not None:
            # "… said a search is ongoing and urged people not to touch …, warning that they may pose a threat":
            # a participle after a split conjunct goes with the nearest verb, not the one the parse hung it on
            comma = min(t.i for t in tok.subtree) - 1
            for i in [comma, *(t.i for t in tok.subtree)]:
                if owner.get(i) == owner.get(tok.head.i):
                    owner[i] = joined.i
    hidden -= _give_quote_marks_to_their_words(sent, owner)
    hidden |= _emptied_appositives(sent, heads, owner)
    for h in (h for h in heads if heads[h][0] == "absolute"):
        with_, _, subject = absolute_parts(sent.doc[h])
        if with_ is not None:   # ", with" (and, under it, the subject the absolute's claim borrows) leave the clause
            hidden |= {t.i for t in sent.doc[max(with_.i - 1, sent.start):with_.i + 1] if t.lower_ in (",", "with")}
        if sent.doc[h].dep_ == "acl":
            hidden |= {t.i for t in subject.subtree if t.i < sent.doc[h].i}
    for h in list(heads):
        own_h = {i for i, o in owner.items() if o == h and i not in hidden}
        tail = _glued_tail(sent.doc[h], own_h, hidden)
        if tail:
            before = min(tail) - 1
            while before > sent.start and sent.doc[before].is_punct:
                before -= 1
            for i in tail:   # "…, a British man who was sitting in seat 11A": the words run on the clause before
                owner[i] = owner.get(before, h)
    for tok in sent:
        if _score_dash(tok):   # "3-0": a score or result is one figure, whichever clause the parse hung each half on
            for i in (tok.i, tok.i + 1):
                owner[i] = owner[tok.i - 1]

    claims: list[Claim] = []
    id_of: dict[int, str] = {}
    order = sorted(heads, key=lambda i: (_depth(sent.doc[i]), i))
    for head_i in order:
        head = sent.doc[head_i]
        kind, marker = heads[head_i]
        own = {i for i, o in owner.items() if o == head_i and i not in hidden}
        own -= {c.i for c in head.children if c.dep_ == "cc" and _joins_split_clause(c, heads)}
        own |= {t.i for h in heads if heads[h][0] == "participial" and owner.get(sent.doc[h].head.i) == head_i and
                sent.doc[h].dep_ != "conj" and _restrictive_participle(sent.doc[h])
                for t in sent.doc[h].subtree if t.i not in hidden}
        context = _context_tokens(head, kind, sent) - own
        words = [sent.doc[i] for i in own if sent.doc[i].is_alpha or sent.doc[i].like_num]
        if len(words) < MIN_WORDS:
            continue
        if kind in ("relative", "appositive") and not any(sent.doc[i].is_alpha for i in context):
            continue   # "… his co-driver, who missed the signal" with the noun parsed as the hyphen: no subject to give
        if kind == "main" and not _whole_main(head, own | context, regions, here, earlier):
            continue
        if kind == "main" and _carried_by_adjunct(head, heads, hidden):
            continue
        if kind == "main" and _citation_only(head, heads):
            continue   # "Reuters cited a U.S. embassy spokesperson, who said that …": who said it, not what
        own -= _glued_clause(head, own | context)
        spans = _spans(sent.doc, _without_trailing_conjunction(sent.doc, sorted(own | context)), block_start)
        if not spans:
            continue
        claim_id = f"{source.id}#{first_id + len(claims)}"
        id_of[head_i] = claim_id
        parent = ""
        node = head
        while node.head.i != node.i:
            node = node.head
            if node.i in id_of:
                parent = id_of[node.i]
                break
        text = " ".join(source.text[s:e] for s, e in spans)
        said = speech.attribute(head, sent, hint, spans[0][0] - block_start, spans[-1][1] - block_start)
        said = speech.continued_quote(source, sentence_index, sent, head, said)
        if kind == "appositive" and not said.quoted and said.verb >= 0:
            said = speech.Attribution()   # 'X, co-winner of the Nobel Peace Prize': the writer's words, not the speaker's
        if not said.speaker and rendering.first_person(sent.doc[i] for i in own | context) and \
                speech.region_at(regions, head.idx) is not None and \
                not any(speech.is_speech(sent.doc[i]) for i in own | context):
            continue   # "I don't know how I'm alive" with no speaker found: no claim a reader can place
        said_as, refers = rendering.render(sent, own | context, [(s - block_start, e - block_start) for s, e in spans],
                                           kind, head, here, earlier, said, hint)
        if kind == "main" and _demonstrative_subject(head, own | context) and speech.is_speech(head):
            # "This was reported by UNN" only attributes the sentences before it: no claim. "This marks the first
            # time …" stays as written: what 'this' stands for is often the story's main event rather than the
            # sentence before (joining the two read "Authorities closed airports, which marks the first time …").
            continue
        claims.append(structure.describe(
            Claim(id=claim_id, source=source.id, text=text, spans=tuple(spans), sentence=sentence_index,
                  role=kind, marker=marker, parent=parent, statement=said_as or text,
                  reported=bool(said.speaker), refers_to=refers),
            head=_structure_head(head, kind), token_ids=own | context, sent=sent, said=said,
            published=source.published_at))
    claims.sort(key=lambda c: c.spans[0][0])
    return claims


def _glued_clause(head, token_ids: set[int]) -> set[int]:
    """'The booster descended over the pad [and the arms closed …], This manoeuvre required …': a last run of words
    that opens, after a comma, a clause with its own subject, which the claim would run on from words it does not
    follow; its tokens, else none."""
    doc = head.doc
    ids = sorted(token_ids)
    start = len(ids) - 1
    while start > 0 and ids[start - 1] == ids[start] - 1:
        start -= 1
    run = ids[start:]
    first = next((doc[i] for i in run if not doc[i].is_punct), None)
    opener = doc[run[0]] if doc[run[0]].is_punct else doc[run[0] - 1]
    if start == 0 or first is None or opener.text != "," or first.dep_ not in ("nsubj", "nsubjpass") or \
            first.head.i == head.i or first.head.i not in run or \
            any(c.dep_ in ("cc", "mark") for c in first.head.children):
        return set()
    return set(run)


def _score_dash(tok) -> bool:
    """The dash of a score written as one word between two numbers: '3-0', '2–1'."""
    doc = tok.doc
    return tok.text in ("-", "–") and tok.sent.start < tok.i < tok.sent.end - 1 and \
        doc[tok.i - 1].like_num and doc[tok.i + 1].like_num and not doc[tok.i - 1].whitespace_ and not tok.whitespace_


def _conjunct_before_participle(tok, heads):
    """The last split conjunct of a participle's verb between the verb and ', warning …', else None."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.i in heads or tok.doc[min(t.i for t in tok.subtree) - 1].text != ",":
        return None
    if any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        return None   # "…, This manoeuvre requiring …": a clause of its own, not the participle of a verb before it
    joined = [c for c in tok.head.children if c.dep_ == "conj" and tok.head.i < c.i < tok.i and
              heads.get(c.i, ("",))[0] == "coordinate"]
    return joined[-1] if joined else None


def _relative_before_result(tok, heads):
    """'A pass found Doué, who squared the ball to Hakimi, allowing him to score': what a participle of a result
    follows is the event just before it, the split relative clause, not the verb the parse hung it on; else None."""
    first = min(t.i for t in tok.subtree)
    if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.i in heads or tok.lemma_.lower() not in clauses.RESULT_VERBS \
            or first < 2 or tok.doc[first - 1].text != ",":
        return None
    return next((h for h in (tok.doc[i] for i in heads) if heads[h.i][0] == "relative" and h.i < tok.i and
                 max(t.i for t in h.subtree) == first - 2), None)


CITING_VERBS = {"cite", "quote"}


def _citation_only(verb, heads) -> bool:
    """'X cited / quoted Y, who said …' with the relative split off: the clause left only names a source."""
    if verb.lemma_.lower() not in CITING_VERBS:
        return False
    cited = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if cited is None or not any(c.dep_ == "relcl" and heads.get(c.i, ("",))[0] == "relative" for c in cited.children):
        return False
    return all(c.dep_ in ("nsubj", "dobj", "punct", "aux", "advmod") for c in verb.children)


def _clause_before_appositive(tok, heads):
    """The relative or participial clause split off a noun between the noun and its appositive `tok`, else None."""
    if tok.dep_ != "appos" or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    clause = next((c for c in tok.head.children if c.dep_ in ("relcl", "acl") and tok.head.i < c.i < tok.i and
                   heads.get(c.i, ("",))[0] in ("relative", "participial")), None)
    if clause is None:
        return None
    # "who was arrested … and sentenced to 15 years in …, the Novopolotsk colony": the last verb split off it
    return max((c for c in clause.conjuncts if c.i in heads and c.i < tok.i), key=lambda c: c.i, default=clause)


def _structure_head(head, kind: str):
    """The verb a claim's structure reads: a gapped count's participle ('over 150 injured'), else its head."""
    if kind == "coordinate":
        participle = rendering.gapped_count_participle(head)
        if participle is not None:
            return participle
    return head


def _demonstrative_subject(head, token_ids) -> bool:
    """A bare 'this' / 'that' subject outside a quotation ('“This was a violation,” Tusk said' is his)."""
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.i in token_ids and subject.lower_ in ("this", "that") and \
        not any(True for _ in subject.children) and \
        speech.region_at(speech.block(head.doc)["regions"], subject.idx) is None


def _bare_verb(verb, split, light: frozenset = frozenset()) -> bool:
    """Whether a verb has nothing but its subject, auxiliaries and punctuation once `split` is taken away (nor an
    object in `light`, 'took place')."""
    return not any(c.dep_ not in SUBJECT_DEPS + ("aux", "auxpass", "neg", "punct", "advmod", "cc") and c.i != split.i
                   and not (c.dep_ == "dobj" and c.lower_ in light and not any(True for _ in c.children))
                   for c in verb.children)


def _elided_object(verb) -> bool:
    """'He added another, converting a cross to make it 3-0': an object that is a determiner with its noun left out
    (another what, only the sentence around says)."""
    return any(c.dep_ == "dobj" and c.tag_ == "DT" and not any(True for _ in c.children) for c in verb.children)


def _bare_occurrence(verb, split) -> bool:
    """'The accident happened [after the driver ignored a signal]', 'The collision took place [after …]': that the
    event its subject names occurred is no claim by itself; when and why it did is."""
    return (verb.lemma_ in OCCURRENCE_VERBS or any(c.dep_ == "dobj" and c.lower_ in LIGHT_OBJECTS for c in verb.children)) \
        and _bare_verb(verb, split, LIGHT_OBJECTS)


def _leaves_bare(prep, owner, hidden) -> bool:
    """'The announcement came during the visit of …': without the adjunct its clause is a verb and a subject."""
    verb = prep.head
    parent = owner.get(verb.i)
    subject = {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
    rest = [i for i, o in owner.items() if o == parent and i not in hidden and i not in subject and i != verb.i
            and verb.doc[i].is_alpha and verb.doc[i].dep_ not in ("aux", "auxpass", "neg", "cc", "advmod")]
    return not rest


def _glued_tail(head, own: set[int], hidden: set[int]) -> set[int]:
    """A bare phrase left hanging after a clause split off before it ('… survivors [, while …] — key evidence'),
    or a conjunct with no joint that runs on the words before it (a noun the parse read as a verb)."""
    doc = head.doc
    dropped: set[int] = set()
    for child in head.children:
        if child.i < head.i or not (child.dep_ in GLUED_DEPS or (child.dep_ == "conj" and not clauses.has_joint(child))):
            continue
        tokens = {t.i for t in child.subtree} & own
        if not tokens:
            continue
        i = min(tokens) - 1
        while i > head.i and doc[i].is_punct and i in own:
            i -= 1
        if i not in own or i in hidden:
            dropped |= tokens
    return dropped


def _emptied_appositives(sent, heads, owner) -> set[int]:
    """'… released 52 prisoners, a decision influenced by Trump's appeal' with the participle split off: the bare
    'a decision' (and its comma) left in the clause before says nothing there; the split claim keeps it."""
    emptied: set[int] = set()
    for tok in sent:
        if not _appositive(tok) or tok.i in heads or not any(c.i in heads for c in tok.children):
            continue
        left = [t for t in tok.subtree if owner.get(t.i) == owner.get(tok.i)]
        if tok.pos_ != "NOUN" or any(t.dep_ not in ("det", "amod", "punct") and t.i != tok.i for t in left):
            continue
        emptied |= {t.i for t in left}
        comma = sent.doc[min(t.i for t in left) - 1] if min(t.i for t in left) > sent.start else None
        if comma is not None and comma.text == ",":
            emptied.add(comma.i)
    return emptied


def _carried_by_adjunct(verb, heads, hidden) -> bool:
    """'The incident occurred during an offensive, with …' with both split off: the adjunct's claim reads 'The
    incident occurred during an offensive', and the bare 'The incident occurred' left says nothing more."""
    kept = [c for c in verb.children if c.i not in heads and c.i not in hidden and
            c.dep_ not in SUBJECT_DEPS + ("aux", "auxpass", "neg", "punct", "advmod", "cc")]
    carriers = ("adjunct", "adverbial") if verb.lemma_ in ARRIVAL_VERBS else ("adjunct",)
    # "The prisoner release comes as Lukashenko has sought to mend ties": the bare 'The release comes' says nothing
    return not kept and any(heads.get(c.i, ("",))[0] in carriers for c in verb.children)


def _restrictive_participle(tok) -> bool:
    """'all the objects traced on radars', 'the number of people buried by the quake', 'showed buildings reduced to
    rubble': a participle right after a definite noun, or after any noun but the subject, with no comma, says which
    ones or what became of them, like a restrictive relative clause; it is a claim of its own and stays in its
    noun's clause too ('A plane bound for London crashed': the plane's destination is the participle's claim)."""
    noun = tok.head
    first = min(t.i for t in tok.subtree)
    definite = any(c.dep_ in ("det", "predet") and c.lower_ in ("the", "all", "these", "those") for c in noun.children)
    return (definite or noun.dep_ not in SUBJECT_DEPS) and not _appositive(noun) and \
        tok.doc[first - 1].text not in (",", "—", "–", "(", ";")


def _appositive(tok) -> bool:
    """An appositive, or one the parse took for a second object after a comma ('freed 52 prisoners, a decision …')."""
    if tok.dep_ == "appos":
        return True
    return tok.dep_ in ("dobj", "npadvmod") and tok.i > tok.sent.start and tok.doc[min(t.i for t in tok.subtree) - 1].text == "," and \
        any(c.dep_ == "dobj" and c.i < tok.i for c in tok.head.children)


def _frame_tokens(sent, frames, heads) -> set[int]:
    """Tokens of the speech frames that only attribute, less any clause split off below them."""
    hidden: set[int] = set()
    for frame in frames:
        if frame.kept:
            continue
        verb = sent.doc[frame.verb]
        below = {t.i for h in heads if h != frame.verb and h not in frame.content and verb in sent.doc[h].ancestors
                 for t in sent.doc[h].subtree}
        hidden |= (frame.tokens - below) | set(speech.trailing_run(verb))
    return hidden


def _give_quote_marks_to_their_words(sent, owner: dict[int, int]) -> set[int]:
    """An opening quotation mark goes with the word after it, a closing one with the words before it."""
    moved: set[int] = set()
    regions = speech.block(sent.doc)["regions"]
    opens, closes = {s for s, _ in regions}, {e for _, e in regions}
    for tok in sent:
        step = 1 if tok.idx in opens else -1 if tok.idx in closes else 0
        if not step:
            continue
        i, between = tok.i + step, []
        while sent.start <= i < sent.end and sent.doc[i].is_punct and sent.doc[i].idx not in opens | closes:
            between.append(i)
            i += step
        if sent.start <= i < sent.end:
            for j in [tok.i, *between]:
                owner[j] = owner[i]
                moved.add(j)
    return moved


def _joins_split_clause(cc, heads) -> bool:
    return any(c.dep_ == "conj" and c.i > cc.i and c.i in heads for c in cc.head.children)


def _owners(tokens, heads, root_i: int) -> dict[int, int]:
    owner = {}
    for tok in tokens:
        node = tok
        while node.i not in heads and node.head.i != node.i:
            node = node.head
        owner[tok.i] = node.i if node.i in heads else root_i
    return owner


def _depth(tok) -> int:
    depth = 0
    while tok.head.i != tok.i:
        tok = tok.head
        depth += 1
    return depth


def _context_tokens(head, kind: str, sent) -> set[int]:
    """Tokens a split-off claim borrows from its parent so it reads as a statement."""
    if kind == "coordinate" and (rendering.gapped_count(head) is not None or
                                 rendering.gapped_count_participle(head) is not None):
        return set()   # "… and about 22,500 damaged": the count is its subject (its statement names the noun)
    if _second_verb_of_relative(head, kind):
        # "Losik, who was arrested in 2020 and sentenced to 15 years": "Losik was sentenced to 15 years"
        first = rendering.coordinated_first(head)
        shared = {c.i for c in first.children if c.dep_ in ("aux", "auxpass")} if head.tag_ in ("VB", "VBN", "VBG") \
            else set()   # "who had survived … and called for help" borrows "had"; "… and runs it" nothing
        return _context_tokens(first, "relative", sent) | shared
    if kind == "coordinate" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
        first = rendering.coordinated_first(head)
        # "wants to reopen X, normalize Y": each infinitive keeps "<subject> wants to".
        infinitive = next((c for c in first.children if c.dep_ == "xcomp" and c.i < head.i), None)
        if first.dep_ == "xcomp":
            matrix, infinitive = first.head, first
        elif head.tag_ == "VB" and first.tag_ != "VB" and infinitive is not None:
            matrix = first
        elif _speakers_act(head, first):
            return _subject_of(first.head)
        else:
            node = head
            while node.i != first.i and _listed_after_clause(node) is None:
                node = node.head
            return _subject_of(_listed_after_clause(node) if node.i != first.i else first)
        return (_subject_of(matrix) | {matrix.i} | {c.i for c in matrix.children if c.dep_ in ("aux", "auxpass", "neg")}
                | {c.i for c in infinitive.children if c.dep_ == "aux"})
    if kind == "participial" and head.dep_ == "advcl":
        return _subject_of(head.head)
    if kind == "participial" and head.dep_ == "conj":   # "…, clearing him of X and convicting him of Y"
        return _context_tokens(head.head, kind, sent) - {t.i for t in head.head.subtree if t.i >= head.head.i}
    if kind == "result":   # the clause it results from, as written, which its statement makes a gerund
        own = {t.i for t in head.subtree}
        return {t.i for t in head.head.subtree if t.i not in own and not (t.is_punct and t.i > head.head.i)}
    if kind == "absolute" and head.dep_ == "acl":
        return {t.i for t in head.head.subtree if t.i < head.i}
    if kind == "main":
        return _name_before(head)
    described = head.head if head.head.pos_ in ("NOUN", "PROPN", "PRON") else None
    if kind == "list" and described is None:
        described = _noun_just_before(head)
    if kind == "list" and described is not None and described.dep_ == "conj" and \
            described.head.pos_ in ("NOUN", "PROPN"):
        # "232 passengers and 12 crew members, including 169 Indian nationals …": the list is of them all.
        first = described.head
        lefts = [t for t in first.lefts if t.dep_ in ("compound", "amod", "nummod", "poss", "det", "quantmod")]
        start = min([t.i for l in lefts for t in l.subtree] + [first.i])
        return {i for i in range(start, described.i + 1) if not sent.doc[i].is_punct or sent.doc[i].text == ","} \
            | {t.i for t in described.lefts for t in t.subtree}
    if kind in ("relative", "participial", "appositive", "list") and described is not None:
        noun = described
        if kind == "participial" and noun.dep_ == "appos" and noun.head.pos_ == "PROPN" and \
                noun.head.ent_type_ == "PERSON" and not any(c.dep_ == "prep" and c.i < head.i for c in noun.children):
            # "Ihar Losik, 33, a journalist sentenced in 2021 …": the person the appositive names was sentenced
            noun = noun.head
        if kind == "appositive":
            noun = _last_conjunct_before(_innermost_noun_before(noun, head), head)
        if kind == "relative":
            noun = _appositive_just_before(noun, head)
            if noun.dep_ == "appos" and noun.head.pos_ in ("NOUN", "PROPN"):
                noun = _last_conjunct_before(noun.head, noun)
        # "There is no set timeline to exchange proposals": a negative determiner goes with the noun, or the
        # split-off claim would say the opposite.
        lefts = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "flat", "nummod", "poss", "det", "quantmod")]
        if lefts and lefts[0].tag_ == "VBG" and lefts[0].dep_ == "amod" and noun.head.i != noun.i and \
                noun.head.tag_ == "VBG":
            lefts = lefts[1:]
        # "hundreds of roads blocked by landslides", "portions of the province affected by the quake", "the head of
        # the railway board, a former engineer": the words between the noun and its clause name what it describes
        between = {t.i for c in noun.children if kind in ("participial", "appositive") and c.dep_ == "prep" and
                   noun.i < c.i < head.i for t in c.subtree}
        return {t.i for t in lefts for t in t.subtree} | {noun.i} | between | _hyphenated_rest(noun)
    if kind == "adjunct" or (kind == "adverbial" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children)):
        verb = head.head
        kept = {c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")}
        # "began the exercises amid …": the object before the adjunct, without its own modifiers after it.
        kept |= {t.i for c in verb.children if c.dep_ == "dobj" and c.i < head.i for t in c.subtree if t.i <= c.i}
        # "In return for …, Washington will grant sanctions relief": the object after the verb too.
        kept |= {t.i for c in verb.children if c.dep_ in ("dobj", "prt", "attr", "acomp", "dative") and
                 not (c.dep_ == "dobj" and c.i < head.i) and not _score_dash(c.doc[c.i - 1]) for t in bare_phrase(c)}
        # "were on a heightened state of alert because of …": the predicate of 'be'; "spent the night in the open
        # because of …": a short phrase between the verb and the adjunct, without which the claim says less.
        # A date or time stays with the main clause, which already says when.
        kept |= {t.i for c in verb.children if c.dep_ == "prep" and verb.i < c.i < head.i and
                 (verb.lemma_ == "be" or (len(list(c.subtree)) <= ADJUNCT_CONTEXT_WORDS and
                                          not any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree)))
                 for t in c.subtree}
        return _subject_of(verb) | {verb.i} | kept
    return set()


DIRECTIVE_VERBS = {"urge", "warn", "ask", "appeal", "advise", "order", "instruct", "request", "call",
                   # and what a speaker does with what he says of a thing: "said the verdict was surprising and
                   # compared it to his own experience"
                   "compare", "liken", "praise", "criticize", "criticise", "condemn", "vow", "promise", "pledge",
                   "accuse", "blame", "thank", "welcome", "dismiss"}


def _speakers_act(verb, first) -> bool:
    """'The army said a search for debris is ongoing and urged people not to touch …': a directive joined to what a
    speaker says, after a subject that is a thing (no name), is the speaker's act, not the thing's."""
    if verb.lemma_.lower() not in DIRECTIVE_VERBS or first.dep_ != "ccomp" or not speech.is_speech(first.head):
        return False
    subject = next((c for c in first.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.pos_ == "NOUN" and not subject.ent_type_ and \
        subject.lower_ not in speech.PERSON_WORDS and subject.lemma_.lower() not in speech.PERSON_WORDS and \
        bool(_subject_of(first.head))


def _hyphenated_rest(tok) -> set[int]:
    """The rest of a hyphenated word the tokenizer split ('co' → '-', 'driver' of 'co-driver')."""
    doc, rest, i = tok.doc, set(), tok.i
    while i + 1 < tok.sent.end and not doc[i].whitespace_ and "-" in (doc[i].text, doc[i + 1].text):
        i += 1
        rest.add(i)
    return rest


def _subject_token(head, kind: str):
    """The word that is the claim's subject, its own or the one it shares, or None."""
    if kind == "absolute":
        return absolute_parts(head)[2]
    if kind == "result":
        return next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    own = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    if own is not None or kind not in ("coordinate", "participial", "adjunct", "adverbial"):
        return own
    node = head if kind == "coordinate" else head.head
    if kind == "participial" and head.dep_ == "conj" and node.dep_ == "acl" and node.head.pos_ == "NOUN":
        return node.head   # "a split decision—clearing him of X and convicting him of Y": the decision did both
    for _ in range(4):
        subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject
        listed = _listed_after_clause(node)
        if listed is not None:
            return next((c for c in listed.children if c.dep_ in SUBJECT_DEPS), None)
        if _verb_on_noun(node):
            return node.head
        if node.head.i == node.i or (clauses.number(node) and clauses.number(node.head) and clauses.number(node) != clauses.number(node.head)):
            break
        node = node.head
    return None


def _listed_after_clause(verb):
    """The clause a verb continues as the next item of a list: '… occurred at 9:03, when the aircraft crash-landed,
    overran the runway, and collided with the wall' (the parse joins 'overran' to 'occurred'): the aircraft overran
    it. Only an item after a bare comma, right after that clause's last word, with a subject of its own."""
    if verb.dep_ != "conj" or verb.left_edge.i < 2:
        return None
    doc = verb.doc
    comma, before = doc[verb.left_edge.i - 1], doc[verb.left_edge.i - 2]
    if comma.text != ",":
        return None
    clause = next((c for c in verb.head.children if c.dep_ == "advcl" and c.i < verb.i and
                   max(t.i for t in c.subtree) == before.i), None)
    if clause is None or verb.tag_ not in ("VBD", "VBZ", "VBP") or clause.tag_ not in (verb.tag_, "VBN") or \
            not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return None
    return clause


def _readable_subject(subject, regions, here, earlier, strict: bool = False) -> bool:
    """A subject a reader can place: not a bare 'this', nor a pronoun the article leaves unresolved (`strict`: one
    its statement can name, for a clause split off its sentence, which no longer has the words around it)."""
    if subject is None:
        return False
    lower = subject.lower_
    if lower in DEMONSTRATIVES and not any(c.dep_ not in ("punct",) for c in subject.children):
        return False
    if subject.lower_ in META_NOUNS and any(c.lower_ == "this" for c in subject.children):
        return False   # "This article delves into …": the page talking about itself
    if strict and subject.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in subject.children) \
            and speech.region_at(regions, subject.idx) is None and not referents.demonstrative(subject, here, earlier):
        return False   # "…, as these areas faced the brunt of the threat": what they are, only its sentence says
    if subject.tag_ == "PRP" and lower in referents.PERSONAL | referents.NEUTER | referents.PLURAL:
        if speech.region_at(regions, subject.idx) is not None or referents.expletive(subject) or \
                referents.classifying_it(subject):
            return True
        return bool(referents.resolve(subject, here, earlier, strict=strict))
    return True


RANKING = {"first", "last", "only", "next", "largest", "biggest", "most", "least"}


def _whole_split(head, heads, regions, here, earlier) -> bool:
    """Whether a clause split off its sentence still reads as a statement; if not it stays in its parent."""
    kind = heads[head.i][0]
    region = speech.region_at(regions, head.idx)
    if region is not None:
        # A quotation is one claim: a clause inside it stays with the clause above it in the same quotation.
        parent = next((a for a in head.ancestors if a.i in heads), None)
        if parent is not None and speech.region_at(regions, parent.idx) == region:
            return False
        if kind in ("participial", "adjunct", "adverbial", "coordinate") and \
                speech.region_at(regions, head.head.idx) != region:
            return False   # 'Air India said: “The aircraft departed …, carrying 230 passengers': not the speaker's act
    if kind in ("relative", "appositive", "main"):
        return True   # what a frame says is checked as a main clause when its claim is built
    if kind == "list":
        return (head.head.pos_ in ("NOUN", "PROPN") or _noun_just_before(head) is not None) and \
            head.head.tag_ not in ("WDT", "WP") and not _more_listed_than_counted(head)
    if kind == "participial" and head.dep_ == "acl":
        # "the biggest batch of prisoners yet pardoned by Lukashenko": what ranks the noun is the participle,
        # "The biggest batch was pardoned" would say another thing; "targets located in Ukraine" inside a
        # quotation is part of the quoted words.
        noun = head.head
        ranked = any(t.tag_ in ("JJS", "RBS") or t.lower_ in RANKING for t in noun.lefts) or \
            any(c.lower_ in ("yet", "ever") for c in head.children)
        quoted = region is not None and speech.region_at(regions, noun.idx) == region
        # "In a statement carried by Reuters, the centre said …": the participle describes how it was said;
        # "…, affirmed by the U.S. embassy": it says who said so, not what became of the noun
        framing = (noun.dep_ == "pobj" and speech.is_speech(noun.head.head)) or speech.is_speech(head) or \
            (rendering.finite_participle(head) and rendering.after_quotation(noun))   # '…,” Vaishnaw posted on X'
        # "“more than 10 objects” crossed into Polish air space and those that constituted a risk … were
        # neutralized": a pronoun joined under the participle is the parse losing the clause's second subject
        misjoined = any(t.dep_ == "conj" and t.pos_ == "PRON" for t in head.subtree)
        # "Belarus released 52 prisoners, a decision influenced by Trump's appeal": what the appositive names is
        # the clause before it, which 'The decision was influenced …' would leave out
        of_clause = _appositive(noun) and noun.pos_ == "NOUN" and noun.head.pos_ != "PROPN" and \
            noun.lemma_.lower() not in referents.PERSON_NOUNS and noun.head.ent_type_ != "PERSON" and \
            noun.doc[min(t.i for t in noun.subtree) - 1].text == "," and \
            all(t.dep_ in ("det", "amod") for t in noun.lefts) and \
            any(t.dep_ == "det" and t.lower_ in ("a", "an") for t in noun.lefts) and \
            _clause_of_object(noun) is not None   # on a finite clause's own object
        return not (ranked or quoted or framing or misjoined or of_clause)
    subject = _subject_token(head, kind)
    if kind == "coordinate" and head.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return False   # "89 people are reported dead and five others missing": a participle is no finite verb
    if kind == "coordinate" and head.tag_ != "VB" and not any(c.dep_ in SUBJECT_DEPS + ("aux",) for c in head.children) \
            and any(c.tag_ == "MD" for c in rendering.coordinated_first(head).children):
        return False   # "may result in releases and improved relations": no finite verb to share the modal with
    if kind == "coordinate" and any(t.tag_ == "CD" and t.dep_ == "pobj" and t.head.lower_ == "of" and
                                    t.head.head.pos_ == "NOUN" and not any(True for _ in t.children)
                                    for t in head.subtree):
        return False   # "released photos of the robbers and gave the names of two": two of them, the clause before says
    if kind in ("coordinate", "adverbial") and subject is not None and _negative_quantifier(subject):
        return False   # "people were inside the building but nobody was hurt": nobody of those the clause before names
    if kind in ("coordinate", "adverbial") and any(t.lemma_ == "do" and any(c.lower_ == "so" for c in t.children)
                                                   for t in head.subtree):
        return False   # "… after Trump urged Lukashenko to do so": what was done, only the clause before says
    if _second_verb_of_relative(head, kind):
        return True   # "…, who was arrested in 2020 and sentenced to 15 years": the noun the relative describes
    if kind in ("adjunct", "participial", "coordinate") and subject is not None and subject.tag_ in ("WDT", "WP"):
        return False   # "…, which was found on Monday, killing two": no noun to give the participle
    if subject is not None and subject.i > head.sent.start and subject.head.i == head.i and \
            any(t.tag_ in ("WDT", "WP", "WP$") for t in bare_phrase(subject)):
        return False   # "20,000 homes were damaged, at least 2,000 of which were destroyed": a relative on its own
    if kind == "absolute" and subject is not None and subject.pos_ == "ADJ":
        return False   # "…, with the strongest measuring 5.6": the strongest what, only the clause before says
    if kind == "participial" and head.dep_ == "advcl" and (_bare_verb(head.head, head) or _elided_object(head.head)):
        return False   # "Kosiniak-Kamysz elaborated, stating that …": the main clause says nothing without it
    if kind == "absolute":
        with_, verb, _ = absolute_parts(head)
        if _bare_verb(verb, with_ or head):
            return False   # "The incident occurred with air defences activated": likewise
    if kind == "adjunct" and any(c.dep_ in ("xcomp", "ccomp", "acomp") for c in head.head.children):
        return False   # "… were forced to scramble jets because of …": the adjunct would lose what was done
    if kind == "adjunct" and any(c.dep_ in ("dobj", "npadvmod") and c.i < head.i and
                                 any(r.dep_ == "relcl" and r.i not in heads for r in c.children)
                                 for c in head.head.children):
        return False   # "marked the second time a club has won it, following …": without its clause the object is none
    if kind == "adjunct" and speech.is_speech(head.head):
        return False   # "After meeting Lukashenko, Cole said …": the adjunct dates the saying, not a claim
    if kind == "adjunct" and not (clauses.finite(head.head) or head.head.dep_ == "conj" and clauses.finite(head.head.head) and
                                  head.head.tag_ != "VBG"):
        return False   # "Rescue teams … searching amid the wreckage": no finite verb to carry the adjunct
    if kind == "adverbial" and sum(1 for t in head.subtree if t.is_alpha and t.dep_ != "mark") < ADVERBIAL_MIN_WORDS:
        return False   # "as the day progressed": too little to be a fact by itself
    if kind == "adverbial" and _bare_occurrence(head, next((c for c in head.children if c.dep_ == "mark"), head)):
        return False   # "… were killed when the collision occurred": that it occurred only dates the main clause
    if kind == "adverbial" and _bare_occurrence(head.head, head):
        return False   # "The accident happened after the driver ignored a signal": the main clause needs its time
    # "…, with air defences activated to intercept the drones as they crossed the border": a pronoun the claim
    # cannot name keeps its clause in the sentence that says what it stands for.
    return _readable_subject(subject, regions, here, earlier, strict=True)


def _more_listed_than_counted(including) -> bool:
    """'… to win the prize for two different clubs, including A, B, C and D': more names than the noun counts, so
    the list is of another noun the parse did not hang it on."""
    noun = including.head
    count = next((normalize.parse_number(c.text) for c in noun.children if c.dep_ == "nummod"), None)
    first = next((c for c in including.children if c.dep_ == "pobj"), None)
    if count is None or first is None:
        return False
    listed = 1 + sum(1 for t in first.subtree if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN"))
    return listed > count


NEGATIVE_QUANTIFIERS = {"nobody", "none", "nothing", "neither", "noone"}


def _clause_of_object(noun):
    """The finite verb whose object (or the object of whose preposition) `noun` is an appositive of, else None
    ('released 52 prisoners, a decision …', 'were transferred to Lithuania, a move …')."""
    verb = noun.head
    if verb.pos_ not in ("VERB", "AUX"):
        if verb.dep_ == "dobj":
            verb = verb.head
        elif verb.dep_ == "pobj" and verb.head.dep_ == "prep":
            verb = verb.head.head
    return verb if verb.pos_ in ("VERB", "AUX") and clauses.finite(verb) else None


def _negative_quantifier(subject) -> bool:
    """'nobody', 'none', 'no one', 'no other …': a subject that counts none of what its context names."""
    return subject.lower_ in NEGATIVE_QUANTIFIERS or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _whole_main(head, token_ids: set[int], regions, here, earlier) -> bool:
    """A main clause is a claim when it has a verb and a subject a reader can place."""
    if head.pos_ not in ("VERB", "AUX") and not any(
            head.doc[i].tag_ in ("VBD", "VBZ", "VBP", "MD") for i in token_ids):
        return False
    if head.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass") for c in head.children) and not any(
            head.doc[i].tag_ in ("VBD", "VBZ", "VBP", "MD") for i in token_ids):
        return False   # "Rescue operations going on at war footing": a headline's participle, no finite verb
    if any(head.doc[i].lower_ == "that" and head.doc[i].pos_ == "SCONJ" and head.doc[i].dep_ != "mark" and
           not any(t.pos_ in ("VERB", "AUX") for t in head.doc[i].subtree) for i in token_ids):
        return False   # "it became known that at 5:40 local time (… - ed.)": the clause after 'that' was cut off
    subject = _subject_token(head, "main") or _inverted_subject(head)
    if subject is None:
        return bool(_name_before(head))
    first = min(t.i for t in subject.subtree)
    if subject.i not in token_ids or (head.doc[first].tag_ in ("WP", "WP$", "WDT") and first > head.sent.start and
                                      head.doc[first - 1].text == ","):
        return False   # "…, whose death toll is still provisional" read as the main clause: a relative on its own
    if subject.lower_ in DEMONSTRATIVES:
        return True   # "This is the first time …": the sentence's own claim, read with the one before
    return _readable_subject(subject, regions, here, earlier)


def _inverted_subject(verb):
    """'Among the dead were Ravi and …': after a fronted phrase, what follows 'be' is its subject; else None."""
    if verb.lemma_ != "be" or not any(c.dep_ == "prep" and c.i < verb.i for c in verb.children):
        return None
    named = [c for c in verb.children if c.dep_ == "attr" and c.i > verb.i]
    return named[0] if len(named) == 1 and named[0].pos_ in ("NOUN", "PROPN") else None


def _name_before(verb) -> set[int]:
    """A subject the parse hung elsewhere: the proper names right before a verb that has none
    ('As reported by Reuters, … Minister Viktor Khrenin told …')."""
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return set()
    i, found = verb.i - 1, set()
    while i >= verb.sent.start and verb.doc[i].pos_ == "PROPN":
        found.add(i)
        i -= 1
    return found


def _noun_just_before(prep):
    """'… for its fleet, including Boeing aircraft' attached to a verb: the list names members of 'fleet'."""
    i = prep.i - 1
    while i >= prep.sent.start and prep.doc[i].is_punct:
        i -= 1
    return prep.doc[i] if i >= prep.sent.start and prep.doc[i].pos_ in ("NOUN", "PROPN") else None


def _innermost_noun_before(noun, appositive):
    """'the government of the city of Dingxi, the worst-affected area': the appositive describes the name that ends
    the 'of' phrases between its noun and itself (not 'the head of the railway board, a former engineer', nor 'the
    president of France, a former banker': a role describes its person)."""
    outer, found = noun, noun
    while True:
        inner = next((o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" and noun.i < p.i < appositive.i
                      for o in p.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")), None)
        if inner is None:
            return found
        noun = inner
        if inner.pos_ == "PROPN" and outer.lemma_.lower() not in speech.PERSON_WORDS:
            found = inner


def _last_conjunct_before(noun, appositive):
    """'Washington and Belarus, a close ally of Russia': the appositive describes the conjunct next to it."""
    conjuncts = [c for c in noun.children if c.dep_ == "conj" and c.i < appositive.i and not c.is_punct]
    return _last_conjunct_before(conjuncts[-1], appositive) if conjuncts else noun


def _appositive_just_before(noun, clause):
    """', a close ally of Russia, which allowed …': the relative clause describes the appositive before it."""
    first = min(t.i for t in clause.subtree)
    for tok in clause.sent:
        if tok.dep_ != "appos" or tok.i >= first or not (noun.i < tok.i or noun in tok.subtree):
            continue
        last = max(t.i for t in tok.subtree if t.i < first)
        if all(t.is_punct for t in clause.doc[last + 1:first]):
            return tok
    return noun


def _without_trailing_conjunction(doc, token_ids: list[int]) -> list[int]:
    """'… for Russia and Ukraine but': the conjunction joined the next clause, which is a claim of its own (and so
    does one before the sentence's full stop: "Police said the man was arrested and [charged …]." )."""
    while len(token_ids) > 1:
        if doc[token_ids[-1]].dep_ == "cc":
            token_ids = token_ids[:-1]
        elif len(token_ids) > 2 and doc[token_ids[-1]].is_punct and doc[token_ids[-2]].dep_ == "cc":
            token_ids = token_ids[:-2]
        else:
            return token_ids
    return token_ids


def _second_verb_of_relative(head, kind: str) -> bool:
    """A verb joined to a relative clause's, sharing its pronoun: "who was arrested … and sentenced …"."""
    if kind != "coordinate" or any(c.dep_ in SUBJECT_DEPS for c in head.children):
        return False
    first = rendering.coordinated_first(head)
    if first.dep_ != "relcl" or first.head.pos_ not in ("NOUN", "PROPN") or not any(
            c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in first.children):
        return False
    # "… and injured 21 others, describing the crash as …": the participle the parse hung on the second verb is
    # the sentence's, so the relative stays whole
    return not any(c.dep_ in ("advcl", "acl") and c.tag_ == "VBG" for c in head.children)


def _subject_of(verb) -> set[int]:
    """The subject a verb has, or borrows from the verbs above it unless their number shows it is not theirs."""
    node = verb
    for _ in range(4):
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            # "Four airports, including Warsaw's main hub, were closed but have since reopened": not the list
            return {t.i for t in bare_phrase(subject, drop=_listing) if not _listing_comma(t, subject)}
        if _verb_on_noun(node):
            # 'said: “The aircraft departed …, carrying 230 passengers' parsed with 'departed' on 'aircraft': the
            # noun is the subject, not the speaker above it
            return {t.i for t in bare_phrase(node.head)}
        if node.head.i == node.i or (clauses.number(node) and clauses.number(node.head) and clauses.number(node) != clauses.number(node.head)):
            break
        node = node.head
    return set()


def _verb_on_noun(node) -> bool:
    """A finite past verb the parse hung on a noun as a participle ('aircraft' ← 'departed')."""
    return node.dep_ == "acl" and node.tag_ == "VBD" and node.head.pos_ in ("NOUN", "PROPN")


def _listing(tok) -> bool:
    return tok.dep_ == "prep" and tok.lower_ in clauses.LIST_PREPS


def _listing_comma(tok, noun) -> bool:
    """The comma that opens an 'including' list on `noun`."""
    return tok.is_punct and tok.head.i == noun.i and tok.i + 1 < len(tok.doc) and _listing(tok.doc[tok.i + 1])


def _spans(doc, token_ids: list[int], offset: int) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for i in token_ids:
        if doc[i].is_space:
            continue   # a run ends at extra whitespace, which may be markup the parser read as spaces
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    spans = []
    for run in runs:
        toks = [doc[i] for i in run]
        while toks and (toks[0].is_punct or toks[0].is_space) and toks[0].text not in "\"“«":
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in "\"”»?!%" and not (
                toks[-1].text in "'’" and any(t.text in "'‘" and t.is_punct for t in toks[:-1])):
            toks.pop()   # a closing single quote stays with its opening one: "an 'act of war'"
        if toks:
            spans.append((offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1].text)))
    return spans
