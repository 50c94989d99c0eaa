"""Pronouns and 'the company' resolved to a name the article gave earlier, from the parse and its entities.

No coreference model: none that is kept up and loads offline from a PyPI package fits this spaCy
(coreferee downloads its models from GitHub; fastcoref and maverick fetch theirs from the Hugging Face hub).
The rules are the parse's and the story's named entities':

- he / him / his / she / her: the last PERSON named before, in the sentence or the article's earlier
  sentences, written in the longest form the article used ("Tusk" → "Donald Tusk");
- it / its: the one singular subject that is not a person, in its sentence or the one before, when nothing
  else in its sentence before it could be meant ("The plane crashed … Its signal was lost");
- they / their: likewise the one plural subject ("Boeing 787s have faced engine issues …, their safety record");
- 'the company', 'the airline', 'the carrier' …: the last organisation named; 'the country': the last country;
- 'the envoy', 'the journalist': the one person the article named with that role ("envoy John Cole");
- a speech verb's 'he' / 'she': as above, up to SPEAKER_LOOKBACK sentences back (a quotation may run over
  several); its 'it': the last organisation named ('…, Xinhua said. The missing were from Min, it said').

Only what the article names before the pronoun counts, at most LOOKBACK sentences back; what stays
unresolved stays as written.
"""
from __future__ import annotations

import functools
import weakref
from dataclasses import dataclass

from service.pipeline.extract import inflect
from service.pipeline.extract.phrases import bare_phrase

LOOKBACK = 3
SPEAKER_LOOKBACK = 6   # sentences back a speaker's pronoun may look: a quotation may run over several
PERSONAL = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
FEMININE = {"she", "her", "hers", "herself"}
# What a first name says of its bearer's gender, by gender-guesser's lists (names it does not know say nothing).
GENDER_OF = {"male": "he", "mostly_male": "he", "female": "she", "mostly_female": "she"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "their", "them", "themselves"}
POSSESSIVE = {"his", "her", "its", "their"}
ORG_NOUNS = {"company", "firm", "airline", "carrier", "manufacturer", "planemaker", "operator"}
PLACE_NOUNS = {"country", "nation"}
SUBJECTS = ("nsubj", "nsubjpass")
MAX_NAME_WORDS = 7


@dataclass(frozen=True)
class Mention:
    kind: str        # person | org | place | thing | object (a plural common noun a verb acts on) | pronoun (he / she
                     # as the subject of its sentence or of a speech verb)
    name: str
    plural: bool
    order: int       # token index in its doc (only compared within one sentence)
    roles: frozenset = frozenset()   # a person's role nouns as the article gives them ("envoy John Cole")
    main: bool = False   # the subject of its sentence's main verb (a person: a subject)
    lemma: str = ""      # a noun's or verb's lemma (kinds noun and event), for 'these prisoners', 'it' = 'the crash'


_STORIES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def story(source) -> dict[int, list[Mention]]:
    """The mentions of each sentence of a source seen so far, by sentence index."""
    try:
        return _STORIES.setdefault(source, {})
    except TypeError:   # a source that cannot be weakly referenced: no memory across sentences
        return {}


def mentions(sent) -> list[Mention]:
    found = []
    for ent in sent.ents:
        kind = {"PERSON": "person", "ORG": "org", "GPE": "place", "NORP": "nation"}.get(ent.label_)
        if kind:
            name = _full_name(ent) if kind == "person" else ent.text
            found.append(Mention(kind, name.strip(" ,.'’"), False, ent.start,
                                 _roles(ent) if kind == "person" else frozenset(),
                                 main=kind == "person" and ent.root.dep_ in SUBJECTS))
    for tok in sent:
        if tok.dep_ in SUBJECTS and tok.ent_type_ == "PERSON" and any(
                c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in tok.children):
            # "Williams and Wilmore flew …": people a 'they' may stand for, as much as any plural thing
            found.append(Mention("thing", noun_phrase(tok) or tok.text, True, tok.i, main=_main_subject(tok, sent)))
        if tok.dep_ in SUBJECTS and tok.lower_ in ("he", "she") and (_main_subject(tok, sent) or _speaking(tok)):
            found.append(Mention("pronoun", tok.lower_, False, tok.i, main=True))   # "… he said": a chain goes on
        if tok.dep_ in SUBJECTS and tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in ("PERSON", "DATE", "TIME"):
            name = noun_phrase(tok)
            if name:
                plural = tok.tag_ in ("NNS", "NNPS")
                found.append(Mention("thing", name, plural, tok.i, main=_main_subject(tok, sent)))
        elif tok.dep_ == "dobj" and tok.pos_ == "NOUN" and tok.tag_ == "NNS" and tok.ent_type_ != "PERSON" and \
                not any(c.dep_ == "poss" for c in tok.children):
            found.append(Mention("object", "the " + tok.lower_, True, tok.i))
        if tok.pos_ == "NOUN" and tok.dep_ != "compound" and tok.ent_type_ not in ("DATE", "TIME"):
            found.append(Mention("noun", _described(tok), tok.tag_ == "NNS", tok.i, lemma=tok.lemma_.lower()))
        elif tok.pos_ == "VERB":
            found.append(Mention("event", tok.lemma_.lower(), False, tok.i, lemma=tok.lemma_.lower()))
    return sorted(found, key=lambda m: m.order)


# Common nouns that name one person, for a 'he' / 'his' the article names no one for.
PERSON_NOUNS = {"man", "woman", "boy", "girl", "child", "passenger", "survivor", "pilot", "driver", "victim",
                "resident", "witness", "father", "mother", "son", "daughter", "brother", "sister", "husband", "wife",
                "student", "teacher", "doctor", "nurse", "soldier", "farmer", "worker", "officer", "official",
                "spokesman", "spokeswoman", "spokesperson", "captain", "mayor", "minister", "president", "leader",
                "envoy", "ambassador", "journalist", "reporter", "owner", "engineer", "guard", "commander",
                "attendant", "crew", "steward", "stewardess", "judge", "justice", "lawyer", "executive", "founder",
                "chief", "director", "governor", "astronaut", "scientist", "player", "coach", "suspect", "defendant"}
QUANTIFIERS = {"several", "many", "few", "some", "other", "more", "multiple", "numerous", "various", "further",
               "additional", "most", "all", "any", "such", "same", "first", "last", "new", "former", "latest"}


def _described(noun) -> str:
    """What a noun's words before it say about which it is, as a definite phrase: '52 prisoners of different
    nationalities' → 'the 52 prisoners', 'several Russian drones' → 'the Russian drones' (a plain count, names,
    nationalities and adjectives; no quantifier, determiner or possessive)."""
    words = []
    for left in noun.lefts:
        if left.dep_ == "nummod" and left.tag_ == "CD" and not any(True for _ in left.children) and \
                noun.tag_ == "NNS":   # "the 52 prisoners", not "the one British man"
            words.append(left)
        elif left.dep_ == "compound" and not any(True for _ in left.children):
            words.append(left)
        elif left.dep_ == "amod" and left.tag_ == "JJ" and left.lower_ not in QUANTIFIERS and \
                not any(True for _ in left.children):
            words.append(left)
        elif left.dep_ in ("det", "poss", "predet") or left.is_punct:
            words = []   # only what follows the determiner or possessive
    return " ".join(["the", *(t.text for t in words), noun.text])


def demonstrative(noun, sentence_mentions: list[Mention], earlier: list[list[Mention]]) -> str:
    """'these prisoners' → 'the 52 prisoners', 'this release' → 'the release': a noun with a demonstrative, named
    by the last noun of the same lemma in its sentence before it or in the LOOKBACK sentences before, with what
    that one's words said about it; '' when none came before ('this decision' after a clause: what it stands for
    is a clause, not a noun)."""
    det = next((c for c in noun.children if c.dep_ == "det" and c.lower_ in DEMONSTRATIVE_DETS), None)
    if det is None or noun.pos_ != "NOUN" or noun.ent_type_ in ("DATE", "TIME"):
        return ""
    lemma = noun.lemma_.lower()
    here = [m for m in sentence_mentions if m.order < det.i]
    pools = [here] + [earlier[-k] for k in range(1, min(LOOKBACK, len(earlier)) + 1)]
    found = _last(pools, lambda m: m.kind == "noun" and m.lemma == lemma)
    if found is None:
        return ""
    own = {t.lower_ for t in noun.lefts}
    words = [w for w in found.name.split()[1:-1] if w.lower() not in own]
    return " ".join(["the", *words])
DEMONSTRATIVE_DETS = {"this", "these", "that", "those"}
# Nouns that stand for the story's event whatever it was, and the events they may stand for.
GENERIC_EVENTS = {"tragedy", "disaster", "incident", "event", "catastrophe"}
SPECIFIC_EVENTS = {"crash", "accident", "collision", "explosion", "blast", "fire", "attack", "earthquake", "quake",
                   "flood", "shooting", "derailment", "landslide", "storm", "stampede", "collapse", "bombing", "sinking",
                   "blaze"}


def specific_event(noun, sentence_mentions: list[Mention], earlier: list[list[Mention]]) -> str:
    """'the event occurred at 9:07', 'this tragedy comes during …': the event the sentences before named ('the
    crash'), or '' when they name none or several."""
    if noun.lemma_.lower() not in GENERIC_EVENTS or noun.tag_ != "NN":
        return ""
    here = [m for m in sentence_mentions if m.order < noun.i]
    pools = [here] + [earlier[-k] for k in range(1, min(LOOKBACK, len(earlier)) + 1)]
    for pool in pools:
        named = {m.lemma for m in pool if m.kind == "noun" and m.lemma in SPECIFIC_EVENTS and not m.plural}
        if len(named) == 1:
            return "the " + named.pop()
        if named:
            return ""
    return ""


def classified_event(tok, sentence_mentions: list[Mention], earlier: list[list[Mention]]) -> str:
    """'… when the aircraft crashed into a college. It is one of the deadliest plane crashes': a classifying 'it'
    as 'the crash' when the sentence before (or its own, before it) names that event, by a noun or a verb of the
    class's lemma; '' otherwise."""
    attr = next((c for c in tok.head.children if c.dep_ == "attr"), None)
    if attr is None:
        return ""
    if attr.lower_ == "one":
        attr = next((o for p in attr.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)
    if attr is None or not (attr.pos_ == "NOUN" or attr.dep_ == "pobj"):   # "one of … crashes" tagged a verb
        return ""
    lemma = attr.lemma_.lower()
    here = [m for m in sentence_mentions if m.order < tok.i]
    pools = [here] + ([earlier[-1]] if earlier else [])
    if _last(pools, lambda m: m.kind in ("noun", "event") and lemma in (m.lemma, inflect.gerund(m.lemma))) is None:
        # "It was the biggest batch of prisoners yet pardoned": a superlative says 'it' is the one such N
        ranked = attr.dep_ == "attr" and any(c.dep_ == "amod" and c.tag_ == "JJS" for c in attr.children) and \
            any(c.dep_ == "det" and c.lower_ == "the" for c in attr.children)
        return "the " + lemma if ranked and lemma != "time" and attr.tag_ == "NN" else ""
    return "the " + lemma


TITLES = {"mr", "mrs", "ms", "dr", "prof", "sir", "lord", "lady", "capt", "gen", "col", "st", "prime", "deputy",
          "vice", "former", "first", "minister", "president", "secretary", "chief", "general", "officer", "captain",
          "commissioner", "governor", "mayor", "senator", "judge", "king", "queen", "prince", "princess"}


def _full_name(ent) -> str:
    """A person's name with the given names the entity left out ('Vishwash' of 'Vishwash Kumar Ramesh' tagged
    'Kumar Ramesh'): capitalised proper nouns right before it in the same name, no title ('Prime Minister')."""
    doc, start = ent.doc, ent.start
    while start > ent.sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" and \
            doc[start - 1].text[:1].isupper() and doc[start - 1].lower_.rstrip(".") not in TITLES and \
            doc[start - 1].head.i in range(ent.start, ent.end) and not doc[start - 1].ent_type_:
        start -= 1
    return doc[start:ent.end].text


def _main_subject(tok, sent) -> bool:
    """The subject of the sentence's main verb, or of what a main speech verb says ('The quake struck at dawn, the
    centre said': the quake, not the centre)."""
    from service.pipeline.extract import speech   # speech reads names through this module
    root = sent.root
    if speech.is_speech(root):
        return tok.head.dep_ in speech.CONTENT_DEPS and tok.head.head.i == root.i
    return tok.head.i == root.i


def _surnames_before(tok, earlier: list[list[Mention]]) -> list[Mention]:
    """The people of earlier sentences named again by surname before `tok` where the entity recogniser missed it ("the
    70-year-old Bolsonaro few hours after", tagged a time)."""
    people = {m.name.split()[-1]: m.name for pool in earlier for m in pool if m.kind == "person" and " " in m.name}
    return [Mention("person", people[t.text], False, t.i, main=t.dep_ in SUBJECTS)
            for t in tok.sent if t.i < tok.i and t.pos_ == "PROPN" and t.ent_type_ != "PERSON" and t.text in people]


def _speaking(tok) -> bool:
    from service.pipeline.extract import speech
    return speech.is_speech(tok.head)


def _roles(ent) -> frozenset:
    """The common nouns that describe a named person: before the name ("presidential envoy John Cole", "journalist
    Ihar Losik") or in an appositive ("Ihar Losik, a journalist")."""
    root = ent.root
    nouns = {t.lemma_.lower() for t in root.lefts if t.pos_ == "NOUN" and t.dep_ == "compound" and t.i < ent.start}
    nouns |= {c.lemma_.lower() for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"}
    return frozenset(nouns)


def noun_phrase(head) -> str:
    """A subject as a name for it: its words without clauses, brackets or a leading 'a'."""
    words, depth = [], 0
    for tok in bare_phrase(head, drop=lambda t: t.dep_ in ("prep",) and t.lower_ != "of"):
        if tok.text in "([":
            depth += 1
        elif tok.text in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0 and not tok.is_punct and tok.tag_ not in ("WDT", "WP"):
            words.append(tok)
    if not words or len(words) > MAX_NAME_WORDS:
        words = [t for t in head.lefts if t.dep_ in ("compound", "amod") and not t.is_punct] + [head]
        if any(t.i < head.i and t.dep_ == "det" for t in head.lefts):
            words = [next(t for t in head.lefts if t.dep_ == "det")] + words
    if any(t.pos_ == "PRON" for t in words):
        return ""
    text = " ".join(t.text for t in words)
    if words[0].lower_ in ("a", "an"):
        text = "the " + text.split(" ", 1)[1] if " " in text else ""
    return text


def resolve(tok, sentence_mentions: list[Mention], earlier: list[list[Mention]], strict: bool = True,
            lookback: int = LOOKBACK) -> str:
    """The name `tok` stands for, or '' (sentence_mentions: those of its own sentence; earlier: those of the
    sentences before, oldest first). Not `strict`: 'it' / 'they' as the last subject of their number within
    LOOKBACK sentences, which only says whether the article gave something to stand for (a clause with such a
    subject reads as a claim), never what to write in its place."""
    lower = tok.lower_
    here = [m for m in sentence_mentions if m.order < tok.i]
    pools = [here] + [earlier[-k] for k in range(1, min(lookback, len(earlier)) + 1)]
    if lower in PERSONAL:
        here = sorted(here + _surnames_before(tok, earlier), key=lambda m: m.order)
        pools[0] = here
        subject = _person_subject_above(tok)
        if subject == "":
            return ""   # the person a common noun above names, as the sentence reads already
        if subject is not None and _agrees(lower, subject):
            return _longest_form(Mention("person", subject, False, tok.i), [here, *earlier])
        if lower in ("him", "her") and tok.dep_ in ("dobj", "dative", "pobj"):
            pools = pools[:1]   # "clearing Combs … and convicting him": an object is someone its own sentence names
        person = _last_person(pools, subject=tok.dep_ in SUBJECTS, pronoun=lower)
        if person is not None and _names_a_thing(person, [here, *earlier]):
            person = None   # "the Odysseus lunar lander": a name the parse took for a person's is a thing's
        if person is None and (tok.dep_ in SUBJECTS or tok.tag_ == "PRP$"):
            # "One British man survived the crash, and his relatives said …": a person named by a common noun
            described = _last(pools[:2], lambda m: m.kind == "noun" and not m.plural and m.lemma in PERSON_NOUNS)
            return described.name if described else ""
        return _longest_form(person, [here, *earlier]) if person else ""
    if lower in NEUTER:
        if lower == "it" and tok.dep_ in OBJECT_IT and strict:
            return _object_it(tok, here, earlier)
        if lower == "it" and (tok.dep_ not in SUBJECTS or expletive(tok)):
            return ""
        if classifying_it(tok):
            # "It is one of the deadliest crashes": 'it' is the event, not the last thing named
            return classified_event(tok, here, earlier) if strict else ""
        if lower == "its":
            # "… grant relief to Belavia, allowing it to service its fleet": the nearest name in the sentence.
            named = _last([here], lambda m: m.kind in ("org", "place"))
            if named is not None:
                return named.name
        if not strict:
            found = _last(pools, lambda m: m.kind == "thing" and not m.plural and not _is_person_name(m, pools))
            return found.name if found else ""
        return _only_candidate(tok, here, earlier, plural=False,
                               accept=lambda m: not _is_person_name(m, pools))
    if lower in PLURAL:
        if lower == "them" and tok.dep_ == "pobj" and tok.head.lower_ == "among" and strict and earlier:
            # "The freed group … crossed into Lithuania. Among them were opposition figures": the one thing the
            # sentence before is about
            main = {m.name for m in earlier[-1] if m.kind == "thing" and m.main}
            return next(iter(main)) if len(main) == 1 and not here else ""
        if lower == "them" or (lower == "they" and tok.dep_ not in SUBJECTS):
            return ""
        if not strict:
            found = _last(pools, lambda m: m.kind == "thing" and m.plural)
            return found.name if found else ""
        found = _only_candidate(tok, here, earlier, plural=True)
        if not found and lower == "they" and tok.head.dep_ == "conj" and \
                not any(m.kind == "thing" and m.plural for m in here):
            # "Belarus released 52 prisoners …, and they headed to Lithuania": a coordinated clause's 'they' with no
            # plural subject before it is the one plural object of its own sentence
            found = _plural_object(here, [])
        return found or (_plural_object(here, earlier) if lower == "their" else "")
    return ""


def _plural_object(here, earlier) -> str:
    """'… freed 52 prisoners, after a U.S. delegation negotiated their release', '… called on Lukashenko to release
    detainees. Belarus later confirmed their release': with no plural subject in its sentence or the one before,
    'their' stands for the one plural object its sentence names before it, or else the sentence before (a 'they'
    subject so resolved would split its clause off the sentence, which the facts built on it do not bear)."""
    pools = [here] + ([earlier[-1]] if earlier else [])
    if any(m.kind == "thing" and m.plural for pool in pools for m in pool):
        return ""
    for pool in pools:
        names = {m.name for m in pool if m.kind == "object"}
        if names:
            return next(iter(names)) if len(names) == 1 else ""
    return ""


def speaker(tok, sentence_mentions: list[Mention], earlier: list[list[Mention]]) -> str:
    """The name a pronoun that is a speech verb's subject stands for ('…,” she said'): the last person named within
    SPEAKER_LOOKBACK sentences (a quotation may run over several), or for 'it' the last organisation; '' if none."""
    if tok.lower_ in PERSONAL:
        return resolve(tok, sentence_mentions, earlier, lookback=SPEAKER_LOOKBACK)
    if tok.lower_ == "it":
        above = _named_subject_above(tok)
        if above is not None:
            return above   # "Poland said it … in what it called an act of aggression": the subject above
        pools = [earlier[-k] for k in range(1, min(LOOKBACK, len(earlier)) + 1)]
        found = _last(pools, lambda m: m.kind == "org")
        return found.name if found else ""
    return ""


def _named_subject_above(tok) -> str | None:
    """The first subject on the way up from `tok` that is no pronoun (personal or relative): its name when it is a
    proper noun ('Poland said it …'), '' when it is something else, None when there is none."""
    node = tok.head
    for _ in range(8):
        subject = next((c for c in node.children if c.dep_ in SUBJECTS and c.i != tok.i), None)
        if subject is not None and subject.tag_ not in ("PRP", "WDT", "WP"):
            return noun_phrase(subject) if subject.pos_ == "PROPN" else ""
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def quoted_person(tok, sentence_mentions: list[Mention], earlier: list[list[Mention]], speaker: str) -> str:
    """'he' / 'she' in a speaker's quoted words: the last person named before who is not the speaker (who says
    'I'), as the article wrote the name; '' if none within SPEAKER_LOOKBACK sentences."""
    if tok.tag_ != "PRP" or tok.lower_ not in ("he", "him", "she"):
        return ""
    said_by = {w.lower() for w in speaker.split()}
    if any(t.pos_ == "PROPN" and t.i > tok.i and t.lower_ not in said_by for t in tok.sent):
        return ""   # "“He is a good man,” Tusk said of Rutte": a name may follow
    here = [m for m in sentence_mentions if m.order < tok.i]
    # as far back as a speaker's own pronoun may look: the quotation may run over several sentences
    pools = [here] + [earlier[-k] for k in range(1, min(SPEAKER_LOOKBACK, len(earlier)) + 1)]
    # Not the speaker, by a name that is the speaker's or part of it ('Nayan' of 'Nayan Kumar Ramesh'); a relative
    # who shares a family name is someone else ('Vishwash Kumar Ramesh').
    person = _last(pools, lambda m: m.kind == "person" and not _same_person({w.lower() for w in m.name.split()}, said_by))
    return person.name if person else ""


OBJECTS = ("dobj", "dative", "attr", "oprd")   # what a verb acts on: as likely meant as its subject
OBJECT_IT = ("dobj", "dative")


def own_subject(tok):
    """The subject of the clause `tok` is an object in ('measured it': the centre that measured), or None."""
    node = tok.head
    for _ in range(4):
        subject = next((c for c in node.children if c.dep_ in SUBJECTS), None)
        if subject is not None:
            return subject
        if node.dep_ not in ("conj", "xcomp", "advcl") or node.head.i == node.i:
            return None
        node = node.head
    return None


def _object_it(tok, here, earlier) -> str:
    """'The German centre measured it at 5.7': an object 'it' is not its own clause's subject, so it stands for the
    one singular thing the sentence names as a subject before it, other than that one; when its sentence names
    none, for the one of the sentence before, or that sentence's main subject when it names several ('The
    earthquake, Nepal's seismological centre said, struck at 11.47 pm'). No object before it in its sentence may
    be meant instead ('condemned the incursion, considering it …'), nor may a person's name."""
    subject = own_subject(tok)
    bound = {t.i for t in subject.subtree} if subject is not None else set()
    mine = [m for m in here if m.order not in bound]
    if tok.i + 1 < tok.sent.end and tok.doc[tok.i + 1].lower_ == "to":
        # "ease sanctions on Belarus's airline, Belavia, permitting it to service …": the one who is let do something
        # is the nearest organisation or place named before it, not its own clause's subject
        named = _last([mine], lambda m: m.kind in ("org", "place"))
        return named.name if named is not None else ""
    things = [m for m in mine if m.kind in ("thing", "org", "place") and not m.plural]
    rivals = []
    for other in tok.sent:
        if other.i >= tok.i:
            break
        if other.dep_ == "pobj" and other.head.lower_ == "as":
            continue   # "described it as a 6.6-magnitude quake": what the 'it' before was said to be
        if other.pos_ in ("NOUN", "PROPN") and other.dep_ in OBJECTS + ("pobj",) and other.i not in bound and \
                other.tag_ in ("NN", "NNP") and other.ent_type_ not in NOT_ANTECEDENT_ENTS:
            rivals.append(other)
    if not things and len(rivals) == 1 and rivals[0].pos_ == "NOUN" and rivals[0].dep_ == "dobj":
        return _described(rivals[0])   # "condemned the incursion, considering it an act of aggression"
    if things or rivals:
        return ""   # something of its own sentence may be meant: the parse cannot say which
    if not earlier:
        return ""
    pool = earlier[-1]
    people = [m for m in pool if m.kind == "person"]
    things = [m for m in pool if m.kind == "thing" and not m.plural and
              not any(p.name in m.name for p in people)]
    names = {m.name.lower() for m in things}
    if len(names) == 1:
        return things[0].name
    main = [m for m in things if m.main]
    return main[0].name if len(main) == 1 else ""
NOT_ANTECEDENT_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "PERSON"}


def _only_candidate(tok, here, earlier, plural: bool, accept=lambda m: True) -> str:
    """'it' / 'they' as the one subject of its number in its own sentence before it or in the sentence right
    before, and only when no object of a verb in its sentence before it could be meant ('urged people not to touch
    any objects, warning that they may pose a threat': 'they' is not the forces). Otherwise ''."""
    names: dict[str, str] = {}
    for pool in [here] + ([earlier[-1]] if earlier else []):
        names = {m.name.lower(): m.name for m in pool if m.kind == "thing" and m.plural == plural and accept(m)}
        if names:
            break   # a subject of its own sentence first; the sentence before only when it has none
    if len(names) != 1:
        return ""
    name = next(iter(names.values()))
    subjects = {m.order for m in here if m.kind == "thing"}
    candidate = next((tok.doc[m.order] for m in here if m.kind == "thing" and m.name == name), None)
    for other in tok.sent:
        if other.i >= tok.i:
            break
        if other.pos_ not in ("NOUN", "PROPN") or other.dep_ not in OBJECTS or other.i in subjects or \
                other.ent_type_ in NOT_ANTECEDENT_ENTS or (other.tag_ in ("NNS", "NNPS")) != plural:
            continue
        if other.text.lower() in name.lower().split() or other.lower_ in ("%", "percent"):
            continue   # "Boeing plans to lay off 10% of its workers as it …": a share is no rival
        if candidate is not None and _beside_its_subject(other, candidate, tok):
            continue
        return ""
    return name


def _beside_its_subject(obj, subject, pronoun) -> bool:
    """'Although Boeing 787s have faced engine issues …, their safety record …': an object in a subordinate clause
    whose subject is the candidate, with the pronoun outside that clause, is no rival to its own clause's subject."""
    verb = obj.head
    if verb.pos_ not in ("VERB", "AUX") or subject.head.i != verb.i or verb.dep_ != "advcl":
        return False
    return pronoun not in verb.subtree


RAISING = {"emerge", "appear", "seem", "transpire", "turn", "become", "remain", "happen"}
CONTROL = {"continue", "try", "plan", "want", "seek", "attempt", "hope", "aim", "intend", "struggle", "refuse",
           "agree", "decide", "promise", "threaten", "expect", "need", "fail", "manage", "begin", "start", "stop"}


def expletive(tok) -> bool:
    """'It is reported that …', 'it emerged that …', 'it is not clear whether …': 'it' stands for the clause."""
    if tok.lower_ != "it" or tok.dep_ not in SUBJECTS:
        return False
    # "it continues to lose money", "it tries to deal with …": a verb 'it' does something with is no frame
    deps = ("ccomp", "csubj", "xcomp", "advcl") if tok.head.lemma_.lower() in RAISING else (
        ("ccomp", "csubj") if tok.head.lemma_.lower() in CONTROL else ("ccomp", "csubj", "xcomp"))
    # "It was not immediately clear how many …": the clause hangs on the adjective
    return any(c.dep_ in deps and c.i > tok.i for c in tok.head.children) or any(
        a.dep_ == "acomp" and any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in a.children) for a in tok.head.children)


def classifying_it(tok) -> bool:
    """'It is one of the deadliest plane crashes', 'it was a provocation': 'it' put in a class of things, which
    names what it stands for well enough and is too easily resolved to the wrong thing (not 'It may be more
    than a hundred', where 'it' is a count)."""
    if tok.lower_ != "it" or tok.dep_ not in SUBJECTS or tok.head.lemma_ != "be":
        return False
    for attr in (c for c in tok.head.children if c.dep_ == "attr"):
        if attr.pos_ == "NOUN":
            return True
        if attr.lower_ == "one" and any(p.lower_ == "of" and any(o.dep_ == "pobj" for o in p.children)
                                        for p in attr.children):
            return True
    return False


def resolve_noun(head, sentence_mentions: list[Mention], earlier: list[list[Mention]]) -> str:
    """'the company' / 'the country' as the organisation or country the article named in the sentences before."""
    noun = head.lower_
    lefts = [t for t in head.lefts]
    if len(lefts) != 1 or lefts[0].lower_ != "the" or any(True for _ in head.rights if _.dep_ not in ("punct",)):
        return ""
    # Not a name of its own sentence: "Boeing said it is in contact with the airline" is not Boeing.
    pools = [earlier[-k] for k in range(1, min(LOOKBACK, len(earlier)) + 1)]
    if head.lemma_.lower() in GENERIC_EVENTS:
        return specific_event(head, sentence_mentions, earlier)
    if noun not in ORG_NOUNS | PLACE_NOUNS:
        # "the ministry", "the agency": the one organisation named before whose name that noun heads
        orgs = {m.name for pool in pools for m in pool if m.kind == "org" and noun in _name_heads(m.name)}
        if len(orgs) == 1:
            name = next(iter(orgs))
            return name if name.split()[0].lower() == "the" or name.split()[-1].lower() != noun else f"the {name}"
        # "the envoy", "the journalist": the one person the article named with that role, in any sentence before.
        people = {m.name for pool in earlier for m in pool if m.kind == "person" and head.lemma_.lower() in m.roles}
        return _longest_form(Mention("person", next(iter(people)), False, 0), earlier) if len(people) == 1 else ""
    kind = "org" if noun in ORG_NOUNS else "place"
    found = _last(pools, lambda m: m.kind == kind)
    if found is not None and kind == "place" and not _only_country(found, pools + [sentence_mentions]):
        return ""
    return found.name if found else ""


def _name_heads(name: str) -> set[str]:
    """The words a name is headed by: 'Foreign Ministry' by 'ministry', 'Ministry of Defence' by 'ministry' too;
    'Hong Kong Fire Services' by 'services', not 'fire'."""
    words = name.lower().split()
    return {words[-1]} | {words[i - 1] for i, word in enumerate(words) if word == "of" and i > 0}


def _only_country(place: Mention, pools) -> bool:
    """Whether `place` is the one place these sentences name, and every nationality they name is its own ('Polish
    airspace … an attack on Ukraine … the country': Ukraine is not the only country meant)."""
    places = {m.name.lower() for pool in pools for m in pool if m.kind == "place"}
    nations = {m.name.lower() for pool in pools for m in pool if m.kind == "nation"}
    stem = place.name.lower()[:4]
    return places == {place.name.lower()} and all(n[:4] == stem for n in nations)


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") and not name.endswith("ss") else "'s")


def _person_subject_above(tok) -> str | None:
    """'Tusk said he … and announced a meeting of his council': the person subject of the clauses above the
    pronoun (a pronoun subject on the way stands for the same person), before any other name in the sentence; ''
    when that subject is a person named by a common noun ('the attendant'), None when there is none."""
    node = tok.head
    # "Tusk called him": an object pronoun is not its own clause's subject.
    skip = tok.tag_ == "PRP" and tok.lower_ in ("him", "her")
    for _ in range(8):
        subject = next((c for c in node.children if c.dep_ in SUBJECTS and c.i != tok.i), None)
        if skip and node.pos_ in ("VERB", "AUX"):
            subject, skip = None, False
        if subject is not None and not (subject.tag_ == "PRP" and subject.lower_ in PERSONAL):
            if subject.ent_type_ == "PERSON" and subject.pos_ == "PROPN":
                words = [t for t in subject.subtree if t.ent_type_ == "PERSON" and not t.is_punct]
                return " ".join(t.text for t in words) if words else subject.text
            if subject.pos_ == "NOUN" and subject.lemma_.lower() in PERSON_NOUNS:
                return ""   # "A 33-year-old flight attendant asked why he was in hospital": he is the attendant
            return None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _names_a_thing(person: Mention, pools) -> bool:
    return any(m.kind == "noun" and m.lemma not in PERSON_NOUNS and f" {person.name} " in f" {m.name} "
               for pool in pools for m in pool)


def _same_person(names: set, other: set) -> bool:
    return bool(names) and bool(other) and (names <= other or other <= names)


def _agrees(pronoun: str, name: str) -> bool:
    """Whether a personal pronoun can stand for a person of this name: not 'her' for 'Vinay Narwal'."""
    words = name.split()
    if not words:
        return True
    said = GENDER_OF.get(_genders().get_gender(words[0]))
    return said is None or said == ("she" if pronoun in FEMININE else "he")


def reads_as_person(name: str) -> bool:
    """A name that opens with a first name ("Ijaz Ulhaq Yaad"), which no 'it' stands for, whatever its entity label."""
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words[:2]) and words[0] not in ("The", "A", "An") \
        and _genders().get_gender(words[0]) in GENDER_OF


@functools.lru_cache(maxsize=1)
def _genders():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def _last_person(pools, subject: bool, pronoun: str = ""):
    """The last person named, in the nearest sentence that names one; for a subject pronoun, that sentence's last
    person named as a subject if any ('Blaszczuk told TVP Info that … He said …': not the addressee); never one
    whose first name says the pronoun cannot stand for them."""
    for pool in pools:
        people = [m for m in pool if m.kind == "person" and (not pronoun or _agrees(pronoun, m.name))]
        if people:
            subjects = [m for m in people if m.main] if subject else []
            chain = [m.order for m in pool if m.kind == "pronoun" and m.name == pronoun]
            if subject and chain and min(chain) < min(m.order for m in (subjects or people)):
                continue   # "… he said he found Bolsonaro outstanding. …, he added": he is still who he was before
            return (subjects or people)[-1]
    return None


def _last(pools, accept):
    for pool in pools:
        for mention in reversed(pool):
            if accept(mention):
                return mention
    return None


def _is_person_name(mention: Mention, pools) -> bool:
    return any(m.kind == "person" and m.name in mention.name for pool in pools for m in pool)


def _longest_form(person: Mention, pools) -> str:
    last = person.name.split()[-1]
    forms = [m.name for pool in pools for m in pool if m.kind == "person" and m.name.split()[-1] == last]
    return max(forms, key=len) if forms else person.name
