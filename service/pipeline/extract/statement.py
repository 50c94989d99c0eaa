"""A claim rendered as a whole sentence: its shared subject, a finite verb, resolved referents, 'X said'.

The claim's text is its spans joined; the statement is the same words made to read alone: the relative
pronoun replaced by the noun it describes ('drones that posed a threat' → 'drones posed a threat'), a
participle made finite with the subject it shares ('Tusk … emphasizing X' → 'Tusk emphasized X'), the
conjunction that tied a clause to its sentence dropped, a pronoun the article resolves replaced by its
name, and the speaker who says it in front ('The envoy said …').
"""
from __future__ import annotations

import re

from service.pipeline.extract import inflect
from service.pipeline.extract import referents
from service.pipeline.extract import speech
from service.pipeline.extract.phrases import absolute_parts

QUOTES = "\"“”«»„"
CLAUSE_DEPS = {"advcl", "relcl", "acl", "appos", "ccomp", "parataxis", "conj"}
FIRST_SECOND = {"i", "we", "me", "us", "my", "our", "you", "your"}
PAST_TAGS = ("VBD", "VBN")
# Entity types whose first word keeps its capital after "X said" ("More than 1,200 houses" is a CARDINAL: it does not).
NAME_ENTITIES = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}


def render(sent, token_ids: set[int], spans_local: list[tuple[int, int]], kind: str, head,
           sentence_mentions, earlier, said: speech.Attribution, hint: str) -> tuple[str, tuple]:
    """The statement and its (surface, name) referents for a claim of these tokens."""
    doc = sent.doc
    kept = [doc[i] for i in sorted(token_ids)
            if any(s <= doc[i].idx and doc[i].idx + len(doc[i].text) <= e for s, e in spans_local)]
    if not kept:
        return "", ()
    regions = speech.block(doc)["regions"]
    replace: dict[int, str] = {}
    around = ("", "")   # words of the clause around the claim's own, before and after them
    drop: set[int] = set()
    before: dict[int, str] = {}
    refers: list[tuple[str, str]] = []

    if kind == "relative":
        drop |= {c.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP")}
    elif kind == "adverbial":
        marks = [c for c in head.children if c.dep_ == "mark"]
        drop |= {t.i for c in marks for t in c.subtree}
        # "two days after Poland shot down …", "even as …": what measures the mark goes with it.
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if marks and subject is not None:
            drop |= {t.i for c in head.children if c.dep_ in ("advmod", "npadvmod") and c.i < subject.i
                     for t in c.subtree}
        if subject is not None:
            drop |= {c.i for c in head.children if c.tag_ == "WRB" and c.i < subject.i}   # "when the plane …"
    elif kind == "coordinate" and head.tag_ in ("VBN", "VB") and not any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in head.children):
        first = coordinated_first(head)
        auxes = [c for c in first.children if c.dep_ in ("aux", "auxpass") and c.i not in token_ids]
        count = gapped_count(head)
        subject = next((c for c in first.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if head.tag_ == "VB" and any(a.tag_ == "MD" for a in auxes):
            before[head.i] = next(a.text for a in auxes if a.tag_ == "MD")   # "may ask … and release" → "may release"
        elif count is not None and subject is not None and auxes:
            # "2,000 homes were destroyed and about 22,500 damaged" → "about 22,500 homes were damaged"
            before[head.i] = " ".join([subject.text, *(a.text for a in auxes)])
        elif head.tag_ == "VBN" and any(a.dep_ == "auxpass" or a.lemma_ == "have" for a in auxes):
            before[head.i] = " ".join(a.text for a in auxes)   # "was arrested … and sentenced" → "was sentenced"
        elif head.tag_ == "VB" and (infinitive := _infinitive_before(first, head)) is not None:
            # "Boeing has announced plans to cut 17,000 jobs and delay …" → "Boeing has announced plans to delay …"
            # (the parse may join the bare verb to the finite one: it goes with the infinitive)
            shared = [t.i for t in kept if t.i < infinitive.i]
            lead = doc[max(shared) + 1:infinitive.i] if shared else doc[0:0]
            if 0 < len(lead) <= 6 and not any(t.is_punct or t.i in token_ids for t in lead):
                before[head.i] = lead.text
    elif kind == "coordinate" and gapped_count_participle(head) is not None:
        # "157 people were killed and over 150 injured" → "over 150 people were injured"
        participle = gapped_count_participle(head)
        before[min(t.i for t in participle.subtree)] = gapped_count_words(head, participle)
    elif kind == "coordinate" and gapped_passive(head):
        # "homes were damaged and telephone services knocked out" → "telephone services were knocked out"
        subject = next(c for c in head.children if c.dep_ == "nsubj")
        before[head.i] = be_form(coordinated_first(head), subject)
    elif kind == "result":
        main = head.head
        subject = next(c for c in main.children if c.dep_ == "nsubj")
        last = max(t.i for t in subject.subtree)
        replace[last] = referents.possessive(doc[last].text)
        replace[main.i] = inflect.gerund(main.lemma_)
        drop |= {c.i for c in main.children if c.dep_ == "aux"}
        replace[head.i] = finite(head, main)
    elif kind == "absolute":
        drop |= {c.i for c in head.children if c.dep_ == "mark"}
        _, main, subject = absolute_parts(head)
        if head.tag_ == "VBG":
            replace[head.i] = finite(head, main)
        elif not any(c.dep_ in ("aux", "auxpass") for c in head.children):
            before[head.i] = be_form(main, subject)   # "with residents urged …" → "residents were urged …"
        owner = _ahead_possessor(subject, main)
        if owner:   # "With its engines roaring, the booster fell …" → "The booster's engines roared"
            pronoun = next(c for c in subject.children if c.dep_ == "poss")
            replace[pronoun.i] = referents.possessive(owner)
            refers.append((pronoun.text, owner))
    elif kind == "participial" and head.dep_ == "advcl":
        _finite_participles(head, head.head, replace)   # "considering it …, and prompting …"
        neg = [c for c in head.children if c.dep_ == "neg"]
        if neg:
            drop |= {c.i for c in neg}
            replace[head.i] = ("did not " if tense(head.head) == "past" else "does not ") + head.lemma_.lower()
    elif kind == "participial" and (head.dep_ == "conj" or head.tag_ == "VBG"):
        main = head.head
        while (main.pos_ not in ("VERB", "AUX") or main.tag_ == "VBG") and main.head.i != main.i:
            main = main.head
        _finite_participles(head, main, replace)   # "… a split decision—clearing him …" → "… cleared him …"
    elif kind == "participial":
        main = head.head
        while main.pos_ not in ("VERB", "AUX") and main.head.i != main.i:
            main = main.head
        if not finite_participle(head):
            before[head.i] = "were" if _plural(head.head) else "was"   # what the participle reports is past
    elif kind == "appositive":
        first = min(t.i for t in head.subtree)
        before[first] = "are" if head.head.tag_ in ("NNS", "NNPS") else "is"
    elif kind == "list":
        main = head.head
        while main.pos_ not in ("VERB", "AUX") and main.head.i != main.i:
            main = main.head
        present = main.pos_ in ("VERB", "AUX") and tense(main) == "present"
        noun = head.head if head.head.pos_ in ("NOUN", "PROPN") else None
        plural = noun is None or _plural(noun)
        frame = _list_frame(noun, main) if head.lower_ == "including" and noun is not None else None
        if frame is not None:   # "Belarus released 13 people, including X": the clause the list is part of
            around = frame
            listed = {t.i for t in head.subtree}
            modifiers = [t for t in noun.subtree if t.i > noun.i and t.i not in listed and t.i not in token_ids
                         and not t.is_punct]
            before[head.i] = " ".join(["", *(t.text for t in modifiers)]) + ", "
        elif head.lower_ == "including":
            replace[head.i] = ("include" if plural else "includes") if present else "included"
    if kind == "coordinate" and bare_count_subject(head) is not None:
        # "… and 85 more were wounded" → "85 more people were wounded"; "… and 20-25 injured" → "20-25 passengers
        # have been injured"
        count = bare_count_subject(head)
        words = gapped_count_words(count, head)
        if any(c.dep_ in ("aux", "auxpass") for c in head.children) or head.tag_ != "VBN":
            words = words.split(" ", 1)[0]
        at = max(t.i for t in count.subtree) + 1
        before[at] = words   # in place of a gapped passive's 'was' when the count comes right before the verb
    if kind == "coordinate":
        # "… eight people were killed and more than 50 others were injured" → "more than 50 other people …"
        others = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "others" and
                       any(n.dep_ == "nummod" for n in c.children)), None)
        noun = counted_subject(coordinated_first(head)) if others is not None and head.dep_ == "conj" else None
        if noun is not None:
            replace[others.i] = "other " + noun.text
    if kind in ("coordinate", "adverbial"):
        # "Drones that posed a threat were neutralised, while others were monitored" → "other drones were monitored"
        others = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "others" and
                       not any(True for _ in c.children)), None)
        main = coordinated_first(head) if kind == "coordinate" else head.head
        noun = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None) if others is not None else None
        if noun is not None and noun.pos_ == "NOUN" and noun.tag_ == "NNS" and others.i not in replace:
            replace[others.i] = ("Other " if others.text[0].isupper() else "other ") + noun.lower_
    those = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "those" and
                  c.tag_ == "DT" and any(d.dep_ in ("acl", "relcl") for d in c.children)), None)
    if those is not None and those.i in token_ids and region_of(regions, those) is None:
        # "Radar detected ten objects, and those presenting risks were neutralised" → "the objects presenting …"
        noun = _plural_noun_before(those)
        if noun is not None:
            replace[those.i] = ("The " if those.text[0].isupper() else "the ") + noun.lower_
    if kept and kept[0].dep_ == "cc":
        drop.add(kept[0].i)

    if kind in ("relative", "participial") and kept[0].lower_ in ("a", "an") and kept[0].dep_ == "det":
        replace[kept[0].i] = "the"   # "a gesture aimed at …" → "the gesture was aimed at …"
    speaker_kind = said.kind if said.speaker else ""
    inserted: dict[int, str] = {}   # an editor's insertion in quoted words: “[Mr Ramesh] was disorientated”
    for tok in kept:
        if region_of(regions, tok) is not None and said.speaker and tok.i not in replace:
            name = referents.quoted_person(tok, sentence_mentions, earlier, _speaker_names(said, doc))
            if name and f"[{name}]" not in inserted.values():   # named once: a second 'he' is plain
                inserted[tok.i] = f"[{name}]"
                refers.append((tok.text, name))
        if region_of(regions, tok) is not None and tok.i not in inserted and tok.i not in replace:
            name = _quoted_referent(tok, kept, sentence_mentions, earlier, said)
            if name:
                inserted[tok.i] = f"[{referents.possessive(name) if tok.tag_ == 'PRP$' else name}]"
                refers.append((tok.text, name))
        if tok.i in drop or tok.i in replace or region_of(regions, tok) is not None:
            continue
        lower = tok.lower_
        prefixed = bool(said.speaker) and not (said.verb >= 0 and said.verb in token_ids)
        if said.speaker and tok.dep_ in ("nsubj", "nsubjpass") and tok.i != said.subject and (
                (lower in referents.PERSONAL and speaker_kind == "person") or (
                lower in referents.NEUTER | referents.PLURAL and speaker_kind != "person")) and \
                (prefixed or (tok.head.i != said.verb and tok.i in {t.i for t in doc[said.verb].subtree})) and \
                not _infinitive_subject(tok):
            if said.subject >= 0 and doc[said.subject].tag_ != "PRP" and _says(tok.head, said.verb):
                refers.append((tok.text, said.speaker))
            continue   # "Tusk said he …", "Poland said it and its allies …": the speaker, as the sentence has it
        if tok.tag_ in ("PRP", "PRP$") and lower in referents.PERSONAL | referents.NEUTER | referents.PLURAL:
            if prefixed and tok.tag_ == "PRP$" and lower in referents.PERSONAL and (
                    speaker_kind == "person" or said.speaker.lower() in referents.PERSONAL):
                continue   # "Zhu said his house collapsed", "Sinha said the dead included the driver and his co-driver"
            if _candidate_before(tok, kept, lower):
                continue   # "Belarus allowed Moscow to use its territory": the claim itself says whose
            name = referents.resolve(tok, sentence_mentions, earlier)
            if prefixed and name and name.lower() in said.speaker.lower():
                continue
            if name and any(v in (name, referents.possessive(name)) for v in replace.values()):
                continue   # "Donald Tusk announced a meeting of his council": the claim has named him already
            if name and name.lower() != lower:
                if tok.i != kept[0].i and re.match(r"^(The|A|An) ", name):
                    name = name[0].lower() + name[1:]   # "shortly after, the aircraft issued …"
                replace[tok.i] = referents.possessive(name) if tok.tag_ == "PRP$" else name
                refers.append((tok.text, name))
        elif tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in referents.DEMONSTRATIVE_DETS and
                                        c.i in token_ids and region_of(regions, c) is None for c in tok.children):
            # "These prisoners traveled …" → "The 52 prisoners traveled …": the noun the article named before
            words = referents.demonstrative(tok, sentence_mentions, earlier)
            det = next(c for c in tok.children if c.dep_ == "det" and c.lower_ in referents.DEMONSTRATIVE_DETS)
            event = "" if words else referents.specific_event(tok, sentence_mentions, earlier)
            if words:
                replace[det.i] = words
                refers.append((f"{det.text} {tok.text}", f"{words} {tok.text}"))
            elif event:   # "This tragedy comes during …" → "The crash comes during …"
                replace[det.i] = "The" if det.text[0].isupper() else "the"
                replace[tok.i] = event.split()[-1]
                refers.append((f"{det.text} {tok.text}", event))
        elif tok.pos_ == "NOUN" and (lower in referents.ORG_NOUNS | referents.PLACE_NOUNS or tok.tag_ == "NN"):
            name = referents.resolve_noun(tok, sentence_mentions, earlier)
            det = next((t for t in tok.lefts if t.lower_ == "the"), None)
            if name and det is not None and det.i in token_ids:
                drop.add(det.i)
                replace[tok.i] = referents.possessive(name) if any(
                    c.dep_ == "case" for c in tok.children) else name
                drop |= {c.i for c in tok.children if c.dep_ == "case"}
                refers.append((f"{det.text} {tok.text}", name))

    first_of = _first_of_its_kind(kept, token_ids, regions)
    if first_of is not None:
        # "This marks the first ever crash of a Boeing 787" → "The crash marks …": what the sentence calls it
        this, noun = first_of
        replace[this.i] = ("The " if this.text[0].isupper() else "the ") + noun.lemma_.lower()
        refers.append((this.text, "the " + noun.lemma_.lower()))
    after: dict[int, str] = {}
    first_time = _first_time(kept, token_ids, regions)
    if first_time is not None:
        # "This marks the first time a member of the alliance has fired shots" → "A member of the alliance has
        # fired shots for the first time": the same fact, with nothing left to stand for what 'this' was
        gone, at, end = first_time
        drop |= gone
        if at is not None:
            before[at] = "for the first time"
        else:
            after[end] = " for the first time"
    closes = _closing_parentheses(kept)
    words: list[str] = []
    plain: list[str] = []
    last = None
    for tok in kept:
        if not plain and tok.dep_ == "cc" and tok.i in drop:
            plain.append("")   # "But he seems …" quoted from "he": still the speaker's words, as written
            continue
        plain.append((speech.doc_text(doc)[kept[len(plain) - 1].idx + len(kept[len(plain) - 1].text):tok.idx]
                      if plain and kept[len(plain) - 1].i + 1 == tok.i else " " if plain else "") + inserted.get(tok.i, tok.text))
        if tok.i in before:
            words.append(" " + before[tok.i] + " ")
            last = None
        if tok.i in drop:
            last = None
            continue
        piece = replace.get(tok.i, inserted.get(tok.i, tok.text)) + closes.get(tok.i, "") + after.get(tok.i, "")
        gap = speech.doc_text(doc)[last.idx + len(last.text):tok.idx] if last is not None and last.i + 1 == tok.i else " "
        words.append((gap if words else "") + piece)
        last = tok
    body = tidy(" ".join(w for w in (around[0], "".join(words).strip(), around[1]) if w))
    exact = tidy("".join(plain))
    statement = attributed(body, kept, token_ids, said, hint, regions, sentence_mentions, earlier, doc, exact)
    if ": “" not in statement:   # no quotation: an editor's brackets only mark insertions into quoted words
        for words in inserted.values():
            statement = statement.replace(words, words[1:-1])
        statement = capitalise(statement)
    return statement, tuple(dict.fromkeys(refers))


def _says(clause, verb: int) -> bool:
    """Whether `clause` is (a conjunct of) what the speech verb says, or the speech verb itself."""
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.i == verb or (clause.dep_ in speech.CONTENT_DEPS and clause.head.i == verb)


def _infinitive_subject(tok) -> bool:
    """'allowing it to service its fleet': the subject of an infinitive, the one let do it, not the speaker."""
    verb = tok.head
    return verb.tag_ in ("VB", "VBG") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _speaker_names(said: speech.Attribution, doc) -> str:
    """The speaker as attributed, with the name an appositive gives it ('His sister, Meena Rao, said')."""
    if said.subject < 0:
        return said.speaker
    subject = doc[said.subject]
    names = [t.text for c in subject.children if c.dep_ == "appos" for t in c.subtree if t.ent_type_ == "PERSON"]
    return " ".join([said.speaker, *names])


def _quoted_referent(tok, kept, sentence_mentions, earlier, said) -> str:
    """'it' / 'its' / 'they' / 'their' in quoted words, as the name the article gave before ('“It gave a MAYDAY
    call …' → '[The aircraft] gave …'), under the same rules as outside quotations; '' when none."""
    lower = tok.lower_
    if tok.tag_ not in ("PRP", "PRP$") or lower not in referents.NEUTER | referents.PLURAL or \
            (tok.tag_ == "PRP" and tok.dep_ not in ("nsubj", "nsubjpass")):
        return ""
    if _candidate_before(tok, kept, lower):
        return ""
    name = referents.resolve(tok, sentence_mentions, earlier)
    if not name or name.lower() == lower or (said.speaker and name.lower() in said.speaker.lower()):
        return ""
    if lower in referents.NEUTER and referents.reads_as_person(name):
        return ""   # '“It was terrifying,” Mujahid said' is no '[Ijaz Ulhaq Yaad] was terrifying'
    first = next((t for t in kept if not t.is_punct), kept[0])
    if tok.i != first.i and re.match(r"^(The|A|An) ", name):
        name = name[0].lower() + name[1:]
    return name


FIRST_TIME_VERBS = {"be", "mark"}
# Singular nouns for a group of people that the article may call 'they' (not an authority, whose 'their' is as often
# what it acts on: "The government confirmed their release").
COLLECTIVE_NOUNS = {"team", "club", "side", "squad", "crew", "family", "band", "jury"}


def _first_of_its_kind(kept, token_ids, regions):
    """(the bare 'this' subject, the noun) of 'This is / marks the first N of …' outside quotation marks, else
    None: the sentence itself says 'this' is an N ('the first ever crash of a Boeing 787')."""
    for verb in kept:
        if verb.lemma_ not in FIRST_TIME_VERBS or verb.pos_ not in ("VERB", "AUX"):
            continue
        this = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        noun = next((c for c in verb.children if c.dep_ in ("attr", "dobj")), None)
        if this is None or noun is None or this.lower_ not in ("this", "that") or any(True for _ in this.children) or \
                this.i not in token_ids or speech.region_at(regions, this.idx) is not None:
            continue
        if noun.pos_ == "NOUN" and noun.lemma_ != "time" and noun.tag_ == "NN" and \
                any(c.dep_ == "amod" and c.lower_ == "first" for c in noun.children) and \
                not any(c.dep_ == "neg" for c in verb.children):
            return this, noun
    return None


def _first_time(kept, token_ids, regions):
    """'This is / marks the first time X has done Y [since Z]' outside quotation marks: (the words that go, the
    token 'for the first time' goes before, or None, and the clause's last token), or None."""
    for verb in kept:
        if verb.lemma_ not in FIRST_TIME_VERBS or verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        time = next((c for c in verb.children if c.dep_ in ("attr", "dobj") and c.lemma_ == "time"), None)
        if subject is None or time is None or subject.lower_ not in ("this", "that", "it") or \
                any(True for _ in subject.children) or subject.i not in token_ids or \
                speech.region_at(regions, subject.idx) is not None:
            continue
        first = [c for c in time.children if c.dep_ == "amod" and c.lower_ == "first"]
        det = [c for c in time.children if c.dep_ == "det" and c.lower_ == "the"]
        clause = next((c for c in time.children if c.dep_ == "relcl"), None)
        if clause is None:
            # "This is the first time Poland … has engaged …" parsed with the clause a conjunct of 'is', its
            # subject right after 'time'
            clause = next((c for c in verb.children if c.dep_ == "conj" and c.i > time.i and
                           any(d.dep_ in ("nsubj", "nsubjpass") and min(t.i for t in d.subtree) == time.i + 1
                               for d in c.children)), None)
        if clause is None or not any(d.dep_ in ("nsubj", "nsubjpass") and d.tag_ not in ("WDT", "WP")
                                     for d in clause.children):
            continue
        if not first or not det or any(c.i > time.i and c.i != clause.i and not c.is_punct for c in time.children):
            continue
        own = [t for t in clause.subtree if t.i in token_ids]
        if not own:
            continue
        gone = {subject.i, verb.i, time.i, first[0].i, det[0].i}
        gone |= {c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < time.i}
        gone |= {c.i for c in clause.children if c.dep_ in ("mark", "advmod") and c.lower_ in ("that", "when")}
        if any(c.dep_ == "neg" for c in verb.children):
            continue   # "This is not the first time …": another fact
        since = next((t for t in clause.subtree if t.i > clause.i and t.lower_ == "since" and t.dep_ in ("prep", "mark")
                      and t.i in token_ids), None)
        return gone, (since.i if since is not None else None), max(t.i for t in own)
    return None


def _plural_noun_before(those):
    """The last plural common noun before a 'those' in its sentence, not in its own phrase nor one naming people
    ('those posing a risk' after 'more than 10 objects': the objects), else None."""
    own = {t.i for t in those.subtree}
    for tok in reversed(those.doc[those.sent.start:those.i]):
        if tok.i in own or tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.dep_ == "compound":
            continue
        if tok.lemma_.lower() in referents.PERSON_NOUNS or tok.ent_type_ in ("DATE", "TIME", "PERSON", "NORP"):
            return None
        return tok
    return None


def finite_participle(verb) -> bool:
    """'The goods train, which jumped a signal, collided with …' parsed with the noun as the root (or as a loose
    'dep'), '…,” Vaishnaw posted on X' with the name right after a quotation: a past form the parse took for a
    participle is the clause's finite verb."""
    noun = verb.head
    return verb.text.lower() == inflect.past(verb.lemma_.lower()) and (noun.dep_ in ("ROOT", "dep") or
                                                                       after_quotation(noun))


def after_quotation(noun) -> bool:
    """A noun phrase that starts right after a quotation mark ('…,” Vaishnaw posted on X')."""
    first = min(t.i for t in noun.subtree)
    return first > noun.sent.start and noun.doc[first - 1].text in speech.QUOTE_MARKS


def _closing_parentheses(kept) -> dict[int, str]:
    """')' after the last kept word of a parenthesis whose closing mark the claim's spans leave out ('625ft (190m')."""
    ids = {t.i for t in kept}
    closes: dict[int, str] = {}
    for tok in kept:
        if tok.text != "(":
            continue
        depth, j = 0, tok.i
        while j < tok.sent.end:
            depth += {"(": 1, ")": -1}.get(tok.doc[j].text, 0)
            if depth == 0:
                break
            j += 1
        inside = [i for i in ids if tok.i < i < j]
        if j < tok.sent.end and j not in ids and inside and all(i in ids for i in range(tok.i, j)):
            closes[max(inside)] = ")"
    return closes


def attributed(body: str, kept, token_ids, said: speech.Attribution, hint: str, regions, sentence_mentions,
               earlier, doc, exact: str = "") -> str:
    """The body with 'X said' in front when the article attributes it and the claim does not say so itself.

    Quotation marks go only around the article's own quoted words: the claim's words as written (a
    rewritten relative 'its fleet includes …' is no quotation), every one of them inside the article's
    quotation marks; otherwise the claim is reported without them."""
    if not body:
        return ""
    if not said.speaker or (said.verb >= 0 and said.verb in token_ids):
        return capitalise(body)
    speaker = said.speaker
    if said.subject >= 0 and doc[said.subject].tag_ == "PRP":
        name = referents.speaker(doc[said.subject], sentence_mentions, earlier)
        speaker = name or speaker
    if body.lower().startswith(speaker.lower()) or body.lower().startswith(said.speaker.lower()):
        return capitalise(body)   # "Tusk … briefed the NATO chief" split from "Tusk said he …": already his
    if re.search(rf"\baccording to {re.escape(said.speaker)}\W*$", body, re.IGNORECASE):
        return capitalise(body)   # "… left 622 dead, according to the interior ministry": attributed in its words
    speaker = capitalise(speaker)
    inside = [t for t in kept if region_of(regions, t) is not None and not t.is_punct]
    words = [t for t in kept if not t.is_punct]
    personal = first_person(kept)
    unmarked = tidy(body.replace(chr(8220), '').replace(chr(8221), '').replace(chr(34), ''))
    as_written = tidy((exact or body).replace(chr(8220), '').replace(chr(8221), '').replace(chr(34), ''))
    if ((said.quoted and words and len(inside) * 2 >= len(words)) or personal) and len(inside) == len(words) and \
            (unmarked == as_written or personal):
        return f"{speaker} said: “{unmarked if unmarked == as_written else as_written}”"
    if personal and all(region_of(regions, t) is not None for t in kept if first_person([t])):
        # 'The aviation giant must "reset our workforce levels …," Ortberg said': the first person stays in quotes
        return f"{speaker} said {lower_first(body, kept)}"
    if personal:
        return ""   # first-person words outside quotation marks: no faithful reported form
    if hint and speaker == capitalise(hint):
        return f"According to {said.speaker}, {lower_first(body, kept)}"
    return f"{speaker} said {lower_first(body, kept)}"


def gapped_count(verb):
    """The count that is a coordinated participle's own subject, its noun left out ('2,000 homes were destroyed,
    and about 22,500 damaged': 22,500), or None."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or any(
            c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ in ("npadvmod", "nummod", "dobj") and c.tag_ == "CD" and
                 c.i < verb.i), None)


def gapped_count_participle(count):
    """'At least 157 people were killed and over 150 injured', '… had collapsed and another 21,000 severely
    damaged' read with the count as the second conjunct and the participle hung under it: the participle, when
    the first conjunct's subject is a count of the same noun (so the statement can name it), and nothing follows
    the participle ('… five listed as missing and 628 injured in Monday's quake near Dingxi': the quake and the
    place may be those of both counts, which a split would give to the second alone); else None."""
    if count.tag_ != "CD" or count.dep_ != "conj" or count.head.pos_ not in ("VERB", "AUX"):
        return None
    participle = next((c for c in count.children if c.dep_ == "acl" and c.tag_ == "VBN"), None)
    if participle is None or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in participle.children):
        return None
    if any(c.i > participle.i and not c.is_punct for c in participle.children):
        return None
    subject = counted_subject(coordinated_first(count.head))
    return participle if subject is not None else None


def counted_subject(verb):
    """The subject of `verb` when it is a counted noun ('at least 157 people'), else None (nor for a list of them,
    'five passengers and three staff': no one noun counts what follows)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN" or not any(c.dep_ == "nummod" for c in subject.children) or \
            any(c.dep_ == "conj" for c in subject.children):
        return None
    return subject


def bare_count_subject(verb):
    """'38 people lost their lives, and 85 more were wounded', '5 passengers have died and 20-25 injured': the count
    that is a coordinated verb's whole subject, its noun left to the first conjunct's counted subject; else None."""
    if verb.dep_ != "conj" or verb.pos_ not in ("VERB", "AUX"):
        return None
    count = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if count is None or count.tag_ != "CD" or any(c.dep_ in ("prep",) and c.lower_ == "of" for c in count.children):
        return None   # "20 of them were injured" names its noun
    if counted_subject(coordinated_first(verb)) is None:
        return None
    return count


def gapped_count_words(count, participle) -> str:
    """What a gapped count's statement puts before its participle: the noun and the passive 'be' of the first
    conjunct ('people were', 'houses had been')."""
    first = coordinated_first(count.head)
    noun = counted_subject(first)
    auxes = [c for c in first.children if c.dep_ in ("aux", "auxpass")]
    plural = count.lower_ not in ("one", "1")
    if any(a.dep_ == "auxpass" for a in auxes):
        verb = " ".join(a.text for a in auxes)
    elif any(a.lemma_ == "have" for a in auxes):
        have = next(a for a in auxes if a.lemma_ == "have")
        verb = " ".join([*(a.text for a in auxes if a.i <= have.i), "been"])
    elif tense(first) == "present":
        verb = "are" if plural else "is"
    else:
        verb = "were" if plural else "was"
    return f"{noun.text} {verb}"


def gapped_passive(verb) -> bool:
    """A participle with its own subject whose passive auxiliary the first conjunct holds ('homes were damaged and
    telephone services knocked out')."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and \
        any(c.dep_ == "nsubj" for c in verb.children) and \
        not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children) and \
        any(c.dep_ == "auxpass" for c in coordinated_first(verb).children)


def _infinitive_before(first, verb):
    """The 'to' infinitive a bare coordinated verb goes with: the first conjunct itself, or the last one inside it
    ('has announced plans to cut … and delay': 'cut')."""
    if first.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in first.children):
        return first
    if first.tag_ == "VB":
        return None
    found = [t for t in first.subtree if t.i < verb.i and t.tag_ == "VB" and t.dep_ in ("xcomp", "acl") and
             any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)]
    return found[-1] if found else None


def coordinated_first(verb):
    """The first verb of a coordination ('arrested' of 'was arrested … and sentenced')."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def _list_frame(noun, main) -> tuple[str, str] | None:
    """The words of the clause an 'including' list hangs in, around the listed noun: the subject and verb before an
    object ('Belarus released' … 13 people), the verb after a subject (four airports … 'were temporarily closed');
    None when the noun is neither, or the clause is not a plain one."""
    if main.pos_ not in ("VERB", "AUX") or speech.is_speech(main):
        return None
    if noun.head.i != main.i:
        # "advised residents in eastern regions, including …, to stay indoors": a plain clause around the noun
        listed = {t.i for t in noun.subtree}
        rest = [t for t in main.subtree if t.i not in listed and not t.is_punct]
        if noun.dep_ != "pobj" or any(t.dep_ in CLAUSE_DEPS and t.head.i != noun.i for t in rest):
            return None
        phrase = [t for t in noun.subtree if t.dep_ not in ("prep",) or t.i < noun.i]
        start, end = min(t.i for t in phrase), max(t.i for t in phrase)
        return (" ".join(t.text for t in rest if t.i < start),
                " ".join(t.text for t in rest if t.i > end) and ", " + " ".join(t.text for t in rest if t.i > end))
    verb = [t for t in main.children if t.dep_ in ("aux", "auxpass", "neg")
            or (t.dep_ == "advmod" and t.i < main.i and t.tag_ != "WRB")]   # "at a time when Japan faced": no "when"
    verb = sorted(verb + [main] + [t for t in main.children if t.dep_ == "prt"], key=lambda t: t.i)
    words = " ".join(t.text for t in verb)
    subject = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if noun.dep_ == "dobj" and subject is not None and subject.pos_ in ("NOUN", "PROPN"):
        phrase = [t for t in subject.subtree if not t.is_punct]
        if len(phrase) <= 6:
            return " ".join(t.text for t in phrase) + " " + words, ""
    if noun.dep_ in ("nsubj", "nsubjpass"):
        predicate = [t for c in main.children if c.i > main.i and c.dep_ not in CLAUSE_DEPS | {"punct", "cc", "prt"}
                     or _purpose(c) for t in c.subtree]
        return "", ", " + " ".join([words, *(t.text for t in sorted(predicate, key=lambda t: t.i))])
    return None


def _purpose(clause) -> bool:
    """'… were sent to intercept the drones': an infinitive that says what for."""
    return clause.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def first_person(tokens) -> bool:
    """Words in the first or second person ('I', 'we', 'your'); "US" is the country, not "us"."""
    return any(t.lower_ in FIRST_SECOND and not (t.text.isupper() and len(t.text) > 1) for t in tokens)


def _ahead_possessor(subject, main) -> str:
    """'With its engines roaring, the booster fell …': a possessive pronoun in an absolute set before its main clause
    stands for that clause's subject, which follows it; the subject's name when the pronoun agrees with it, else ''."""
    pronoun = next((c for c in subject.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
    owner = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if pronoun is None or owner is None or not subject.i < owner.i or owner.pos_ not in ("NOUN", "PROPN"):
        return ""
    lower = pronoun.lower_
    person = owner.ent_type_ == "PERSON" or owner.lemma_.lower() in referents.PERSON_NOUNS
    agrees = (lower == "its" and not person and not _plural(owner)) or (lower == "their" and _plural(owner)) or \
        (lower in ("his", "her") and person and not _plural(owner))
    if not agrees:
        return ""
    name = " ".join(owner.doc[owner.left_edge.i:owner.i + 1].text.split())
    return re.sub(r"^(?:a|an)\s", "the ", name, flags=re.IGNORECASE)


def _candidate_before(pronoun, kept, lower: str) -> bool:
    """Whether the claim names, before the pronoun, something the pronoun may stand for (not, for an object 'it',
    its own clause's subject: 'the centre measured it')."""
    bound: set[int] = set()
    if pronoun.lower_ == "it" and pronoun.dep_ in referents.OBJECT_IT:
        subject = referents.own_subject(pronoun)
        bound = {t.i for t in subject.subtree} if subject is not None else set()
    for tok in kept:
        if tok.i >= pronoun.i:
            return False
        if tok.i in bound:
            continue
        if lower in referents.PERSONAL and (tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" or
                                            tok.lower_ in speech.PERSON_WORDS):
            return True
        if lower in referents.NEUTER and tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("NN", "NNP") and \
                tok.ent_type_ != "PERSON" and tok.dep_ not in ("compound", "poss"):
            return True
        if lower in referents.PLURAL and (tok.tag_ in ("NNS", "NNPS") or tok.lemma_.lower() in COLLECTIVE_NOUNS) and \
                tok.dep_ != "compound":
            return True   # "a turning point for the club, fulfilling their dream": a team is 'they' too
    return False


def _finite_participles(head, main, replace: dict[int, str]) -> None:
    """The participle and the participles joined to it ("clearing him of X and convicting him of Y") as the finite
    verbs the main clause's tense calls for."""
    replace[head.i] = finite(head, main)
    for conj in head.children:
        if conj.dep_ == "conj" and conj.tag_ == "VBG":
            replace[conj.i] = finite(conj, main)


def finite(verb, main) -> str:
    """'emphasizing' as the finite verb its main clause's tense calls for."""
    lemma = verb.lemma_.lower()
    modal = next((c for c in main.children if c.dep_ == "aux" and c.tag_ == "MD"), None)
    if modal is not None:
        return f"{modal.lower_} {lemma}"
    if tense(main) == "present":
        return lemma if main.tag_ == "VBP" else inflect.third_person(lemma)
    return inflect.past(lemma)


def tense(verb) -> str:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for word in auxes + [verb]:
        if word.tag_ in ("VBZ", "VBP") and not any(a.lemma_ == "have" for a in auxes):
            return "present"
        if word.tag_ == "VBD" or word.lemma_ == "have":
            return "past"
    return "past" if verb.tag_ in PAST_TAGS else "present"


def be_form(main, noun) -> str:
    plural = _plural(noun)
    if main.pos_ in ("VERB", "AUX") and tense(main) == "present":
        return "are" if plural else "is"
    return "were" if plural else "was"


def _plural(noun) -> bool:
    return noun.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in noun.children)


def region_of(regions, tok):
    return speech.region_at(regions, tok.idx)


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?’”»)])", r"\1", text)
    text = re.sub(r"([(“«])\s+", r"\1", text)
    text = text.strip(" ,;:-–—")
    # A quotation mark left without its partner (the quote runs on past the claim) is dropped.
    for open_mark, close_mark in (("“", "”"), ("«", "»")):
        if text.count(open_mark) != text.count(close_mark):
            text = text.replace(open_mark, "").replace(close_mark, "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    text = re.sub(r"\s+", " ", text).strip(" ,;:-–—")
    text = re.sub(r"[,;:]([”\"»])$", r"\1", text)   # 'were “neutralised,”': the comma belongs to the sentence
    return re.sub(r"(,?\s+(and|but|or))+$", "", text)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def lower_first(body: str, kept) -> str:
    first = next((t for t in kept if not t.is_punct), None)
    if first is None or not body.startswith(first.text) or first.pos_ == "PROPN" or first.ent_type_ in NAME_ENTITIES or \
            first.text == "I" or (first.text.isupper() and len(first.text) > 1):
        return body
    return body[:1].lower() + body[1:]
