"""The structure of one claim read off its parse: subject, predicate, modality, speaker, numbers, dates, places."""
from __future__ import annotations

import dataclasses
import re

from service.pipeline.extract import normalize
from service.pipeline.extract import speech
from service.pipeline.extract.phrases import bare_phrase
from service.pipeline.extract.referents import PERSON_NOUNS
from service.pipeline.types import Claim, Quantity

AGREED = {"agree", "pledge", "promise", "commit", "consent", "vow", "undertake", "offer"}
PLANNED = {"plan", "intend", "aim", "seek", "want", "hope", "expect", "prepare", "propose", "consider",
           "threaten", "try", "schedule", "mull", "weigh", "attempt"}
ALLEGED = {"allege", "accuse", "suspect", "claim", "purport"}
HEDGES = {"allegedly", "reportedly", "purportedly", "supposedly", "apparently"}
FUTURE_AUX = {"will", "would", "could", "may", "might", "shall", "should", "can"}
EPISTEMIC_AUX = {"could", "may", "might"}
NEGATIONS = {"not", "n't", "never", "no", "neither", "nor", "nobody", "nothing", "none"}
NOT_ONLY = {"just", "only", "merely", "simply", "solely"}
MULTIPLE_SCOPE = re.compile(r"\b(both (countries|nations|states|sides)|the two (countries|nations|states)|"
                            r"across (both|the two)|in (each|all) of)\b", re.IGNORECASE)
SINGLE_SCOPE = re.compile(r"\b((deep )?inside the country|within the country|in the country|"
                          r"on (its|their) own territory|domestic(ally)?)\b", re.IGNORECASE)
PLACE_LABELS = {"GPE", "LOC", "FAC"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "EVENT", "PRODUCT", "FAC", "LAW", "WORK_OF_ART"}
NUMBER_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
# What unit_of returns when spaCy's number label has no currency or measure in it: a scale word, or "money"
# for a MONEY mention without a currency.
NOT_UNITS = {"money"} | set(normalize.SCALES) | set(normalize.NUMBER_WORDS)
# A date after these is a bound ("born after 1950", "before 2019", "since 2020"), not the date of the event.
DATE_BOUNDS = {"before", "after", "since", "until", "till", "by", "prior", "from"}


def describe(claim: Claim, head, token_ids: set[int], sent, said: speech.Attribution, published) -> Claim:
    doc = sent.doc
    tokens = [doc[i] for i in sorted(token_ids)]
    lemmas = {t.lemma_.lower() for t in tokens}
    lowers = {t.lower_ for t in tokens}
    head = _reported_content(head, token_ids)
    event = head
    xcomp = next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if head.lemma_.lower() in AGREED | PLANNED and xcomp is not None:
        event = xcomp
    ents = [e for e in sent.ents if any(t.i in token_ids for t in e)]
    return dataclasses.replace(
        claim,
        subject=_phrase(head, ("nsubj", "nsubjpass"), token_ids),
        passive=any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children),
        predicate=head.lemma_.lower(),
        event=_verdict(event) or normalize.event_key(_with_particle(event)),
        object=_phrase(event, ("dobj", "attr", "oprd", "dative"), token_ids),
        negated=_negated(tokens, head, event) or _denied(head),
        modality=_modality(head, xcomp, lemmas, lowers),
        speaker=said.speaker,
        speaker_kind=said.kind,
        quoted=said.quoted,
        partial_list=claim.role == "list",
        quantities=tuple(_quantities(sent, token_ids)),
        dates=tuple(d for d in (normalize.resolve_date(_date_text(e), published, _told_as_done(event)) for e in ents
                                if e.label_ == "DATE" and not _date_bound(e) and not _date_of_saying(e, event)
                                and not _title_year(e) and not _quoted_today(e)) if d),
        places=tuple(sorted({normalize.entity_key(p) for p in _places(ents, token_ids)})),
        place_scope="multiple" if MULTIPLE_SCOPE.search(claim.text) else "single" if SINGLE_SCOPE.search(claim.text) else "",
        entities=tuple(sorted({normalize.entity_key(e.text) for e in ents if e.label_ in ENTITY_LABELS})),
        named=tuple(sorted({(e.label_, normalize.entity_key(e.text), normalize.fold(e.text)) for e in ents
                            if e.label_ in ENTITY_LABELS})),
        scope=tuple(sorted({(normalize.event_key(_with_particle(t)), found) for t in tokens if t.pos_ == "VERB"
                            for found in [_scope(t)] if found})),
    )


UNIVERSAL = {"all", "every", "each"}
PARTITIVE = {"some", "several", "many", "few", "most", "part"}


def _scope(verb) -> str:
    """Whether the verb acts on all of what it names ("shooting down all the objects") or only on a restricted part
    ("those that posed a threat were shot down", "several of the drones were downed"); '' if neither is said."""
    patient = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if patient is None:
        return ""
    if patient.lower_ in UNIVERSAL or any(c.dep_ in ("det", "predet") and c.lower_ in UNIVERSAL for c in patient.children):
        return "all"
    restricted = any(c.dep_ in ("relcl", "acl") for c in patient.children)
    if restricted and (patient.lower_ in ("those", "ones") or any(c.dep_ == "det" and c.lower_ == "those"
                                                                   for c in patient.children)):
        return "some"
    if patient.lower_ in PARTITIVE and any(c.dep_ == "prep" and c.lower_ == "of" for c in patient.children):
        return "some"
    return ""


def _verdict_word(verb):
    """The 'guilty' of 'was found (not) guilty', 'found Combs guilty', or None."""
    if verb.lemma_.lower() != "find":
        return None
    return next((c for c in verb.children if c.dep_ in ("oprd", "acomp", "ccomp", "xcomp") and c.lower_ == "guilty"),
                None)


def _verdict(verb) -> str:
    """A court's verdict keys as its own event: 'found guilty' is a conviction, 'found not guilty' an acquittal
    (so the two are different events, not one event affirmed and denied)."""
    word = _verdict_word(verb)
    if word is None:
        return ""
    return "acquit" if any(c.dep_ == "neg" for c in word.children) else "convict"


IN_FORCE = {"force", "effect", "operation"}   # "came into force", "went into effect", "took effect"


def _with_particle(verb) -> str:
    """The verb's lemma with its particle ("take down", "shoot down"), so phrasal verbs key as one event, or with
    the phrase that makes it a law's coming into force ("came into force", "took effect")."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "dobj" and child.lower_ in ("effect", "place") and lemma == "take" and not any(
                True for _ in child.children):
            return f"take {child.lower_}"
        if child.dep_ == "prep" and child.lower_ == "into" and any(
                g.dep_ == "pobj" and g.lower_ in IN_FORCE for g in child.children):
            return f"{lemma} into force"
    if lemma == "kill" and any(c.dep_ == "nsubjpass" for c in verb.children):
        return "die"   # "at least 35 people were killed" = "35 died"
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    return f"{lemma} {particle}".strip()


DENIALS = {"deny", "reject", "dispute", "refute", "rebut"}


CLAUSES = {"xcomp", "ccomp", "advcl", "relcl", "acl", "csubj", "conj"}


def _negated(tokens, head, event) -> bool:
    """A negation of the claim's own event ("no one was killed", "agreed not to release"), not one inside a clause
    below it ("urged people not to approach the debris" does not deny the urging), on a verb joined to it, or
    elsewhere in its words; a denied saying denies what it reports ("officials never said how many died")."""
    verdict = _verdict_word(event)
    for token in tokens:
        if token.dep_ != "neg" and token.lower_ not in NEGATIONS:
            continue
        if token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in NOT_ONLY:
            continue   # "not just for those who voted for me" adds, it does not deny
        if (verdict is not None and token.head.i == verdict.i) or _quoted_apart(token, head):
            continue   # "found not guilty" is an acquittal; "when the first “not guilty” was read" names words
        node = token.head
        while node not in (head, event) and node.dep_ not in CLAUSES and node.head.i != node.i:
            node = node.head
        if node in (head, event) or node.lemma_.lower() in speech.SPEECH and head in node.subtree:
            return True
    return False


QUOTE_MARKS = {'"', "“", "”", "‘", "’"}


RELATIVE_DAY = re.compile(r"\b(?:today|yesterday|tomorrow|tonight)\b", re.IGNORECASE)


def _quoted_today(ent) -> bool:
    """'“We achieved full mission success today”': the speaker's day, which the page's publication date does not
    tell (a statement quoted the next morning)."""
    return RELATIVE_DAY.search(ent.text) is not None and _quote_region(ent[0]) != 0


def _quote_region(token) -> int:
    """Which quotation of its sentence the token is inside (0: none)."""
    inside, region = False, 0
    for t in token.sent:
        if t.text in QUOTE_MARKS and (t.text not in ("’", "‘") or not t.is_alpha):
            inside = not inside
            region += 1
            continue
        if t.i == token.i:
            return region if inside else 0
    return 0


def _quoted_apart(token, head) -> bool:
    """Whether the token is inside quotation marks that do not also hold the claim's head: words quoted as words."""
    where = _quote_region(token)
    return where != 0 and _quote_region(head) != where


def _denied(head) -> bool:
    """What a denial reports is asserted not to be so: 'Samsung denied the payments were bribes'.

    The claim may be a phrase split off inside the denied clause ('… in return for favors'): the nearest
    clause complement above it decides."""
    for node in [head, *head.ancestors]:
        if node.dep_ in ("ccomp", "xcomp"):
            return node.head.lemma_.lower() in DENIALS
    return False


# Nouns a year names a title with, not when the event happened: "the 2019 world champion".
TITLED_BY_YEAR = {"champion", "winner", "runner-up", "medalist", "medallist", "laureate", "nominee", "finalist",
                  "graduate", "champ", "titleholder"}


def _title_year(ent) -> bool:
    return ent.root.dep_ in ("compound", "nummod", "amod") and ent.root.head.lemma_.lower() in TITLED_BY_YEAR


def _date_bound(ent) -> bool:
    """'after 1950', 'before March 2019', 'prior to 12 May': the date bounds the event rather than dating it."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ == "to" and ent.start > 1:
        before = ent.doc[ent.start - 2]
    return before is not None and before.lower_ in DATE_BOUNDS


def _date_of_saying(ent, event) -> bool:
    """'Police confirmed on Tuesday night that 12 had died': the date of the saying, not of the event it reports."""
    node = ent.root
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node.i != event.i and speech.is_speech(node)


def _reported_content(head, token_ids: set[int]):
    """In "officials said the toll rose to 273" the claim is about the rise: the verb of what was said."""
    if head.lemma_.lower() not in speech.SPEECH:
        return head
    content = next((c for c in head.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and c.i in token_ids),
                   None)
    return content if content is not None else head


def _places(ents, token_ids: set[int]) -> list[str]:
    """Place entities, and proper nouns coordinated with one ("in Paris and Lyon", whatever Lyon was tagged)."""
    places = [e.text for e in ents if e.label_ in PLACE_LABELS]
    for ent in ents:
        if ent.label_ in PLACE_LABELS:
            places += [c.text for c in ent.root.children
                       if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i in token_ids and c.ent_type_ not in ("ORG", "NORP")]
    return places


def _phrase(head, deps: tuple[str, ...], token_ids: set[int]) -> str:
    child = next((c for c in head.children if c.dep_ in deps), None)
    if child is None:
        return ""
    words = [t for t in bare_phrase(child) if (t.i in token_ids or not token_ids) and not t.is_punct]
    return " ".join(t.text for t in words)


def _modality(head, xcomp, lemmas: set[str], lowers: set[str]) -> str:
    lemma = head.lemma_.lower()
    if lemma in AGREED and xcomp is not None:
        return "agreed"
    if lemma in PLANNED and xcomp is not None:
        return "planned"
    took = lemma == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() in speech.CLAIMED_THINGS | {"lives"}
                                    for c in head.children)
    if (lemma in ALLEGED and not took) or lowers & HEDGES:
        return "alleged"   # not "the attack claimed the lives of …", a toll, nor "claimed their sixth World Cup", a win
    auxes = [c for c in head.children if c.dep_ == "aux"]
    auxes += [g for c in auxes for g in c.children if g.dep_ == "aux"]   # the parser may hang "could" on "be"
    if any(c.lower_ in EPISTEMIC_AUX for c in auxes) and (lemma == "be" or any(c.lemma_ in ("be", "have") for c in auxes)):
        return "possible"   # "900 could still be missing", "up to 35 might have died": a guess, not a plan
    if any(c.lower_ in FUTURE_AUX for c in auxes) and not ({"effective", "immediately"} <= lowers
                                                         or {"immediate", "effect"} <= lowers):
        return "planned"   # "will retire and step down from the board, effective immediately" is done
    if speech.is_speech(head):
        return "reported"
    if head.tag_ in ("VBD", "VBN") or any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in head.children):
        return "done"
    return "stated"


TALLY_NOUNS = {"toll", "number", "total", "count", "tally", "figure"}
FIGURE_PREPS = {"to", "at", "from", "by", "of", "above", "below", "over", "past"}   # "the toll rose to 89", not "with"


def _measured_thing(number) -> str:
    """What a bare number counts, read off the verb's subject: 'the death toll rose to 273' → 'death'."""
    verb = number.head
    while (verb.dep_ == "pobj" or (verb.dep_ == "prep" and verb.lower_ in FIGURE_PREPS)) and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return ""
    if subject.lemma_.lower() not in TALLY_NOUNS:
        return ""
    named = next((c for c in subject.children if c.dep_ == "compound"), None)
    if named is None:
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        named = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return named.lemma_.lower() if named is not None else ""


# A span of time the parse reads as a date: "just 45 days", "25 years", "about six months".
DURATION = re.compile(r"^(?:(?:just|only|about|nearly|some|almost|around|more than|less than|over|under|up to|"
                      r"at least|at most|as many as|a maximum of)\s+)?"
                      r"(?P<n>[\w.,-]+?)(?:\s+|-)(?P<unit>days?|weeks?|months?|years?|decades?)$", re.IGNORECASE)
NOT_DURATION_AFTER = {"ago", "old", "earlier", "later", "after", "into", "following", "before"}
NOT_DURATION_BEFORE = {"past", "last", "next", "coming", "recent", "first", "previous", "aged"}


REQUESTS = {"seek", "ask", "request", "demand", "recommend", "want", "urge", "propose"}


def _sought(word) -> bool:
    """Whether the word's noun is what someone asks for ("seeking a 20-year maximum sentence": the 20 years asked
    for, not a ceiling)."""
    noun = word.head
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    return noun.dep_ in ("dobj", "pobj") and verb.lemma_.lower() in REQUESTS


# One entity the parse makes of a date and the length after it: "sentenced in 2021 to 15 years".
def _told_as_done(verb) -> bool:
    """'took office', 'was completed', not 'will be completed' nor 'would lower'."""
    return verb.tag_ in ("VBD", "VBN") and not any(c.lower_ in FUTURE_AUX for c in verb.children)


DATE_THEN_LENGTH = re.compile(r"^(?P<when>.*?\b(?:(?:1[89]|20)\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                              r"[a-z]*))\s+to\s+(?P<length>\S+(?:\s+|-)(?:days?|weeks?|months?|years?|decades?))$",
                              re.IGNORECASE)


def _date_text(ent) -> str:
    """The date an entity names: "2021" of "2021 to 15 years"."""
    both = DATE_THEN_LENGTH.match(ent.text.strip())
    return both.group("when") if both else ent.text


def _duration(ent) -> Quantity | None:
    """A length of time stated as a count ("in office for just 45 days", "sentenced to 25 years"), unit the time
    unit; not a point in time ("two days ago", "five years old", "the past 10 years", "a day after the crash")."""
    both = DATE_THEN_LENGTH.match(ent.text.strip())
    written = both.group("length") if both else ent.text.strip()
    match = DURATION.match(written)
    value = normalize.parse_number(match.group("n")) if match else None
    doc = ent.doc
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if value is None or after in NOT_DURATION_AFTER or after.startswith("-") or before in NOT_DURATION_BEFORE:
        return None
    hedge = [w for w in written.split()[:-2] if w.lower() not in ("just", "only")]   # "just 45 days" is 45
    before_words = [] if both else [t.text for t in doc[max(ent.start - 3, 0):ent.start]]
    bound = normalize.number_bound(before_words + hedge)   # "over 20 years"
    if after in ("maximum", "minimum") and not _sought(doc[ent.end]):   # "faces a 20-year maximum sentence"
        bound = "maximum" if after == "maximum" else "lower"
    unit = match.group("unit").lower().rstrip("s")
    rate = doc[ent.end + 1] if after == "per" and ent.end + 1 < len(doc) else None
    while rate is not None and rate.dep_ == "compound" and rate.head.i > rate.i:
        rate = rate.head
    if rate is not None:
        unit = f"{unit} per {rate.lemma_.lower()}"   # "10 years per count": a rate, not the total
    elif after == "each":
        unit = f"{unit} each"
    return Quantity(value=value, unit=unit, text=written, approximate=bool(bound), bound=bound, tally="")


# The minute of a match or an event's run an action came at: "after eight minutes", "on 12 minutes", "in the 13th
# minute", "a 73rd-minute goal".
MINUTE_MARK = re.compile(r"^(?:(?:after|on|in)\s+(?:the\s+)?)?(?P<n>\d{1,3}|[a-z]+)(?:st|nd|rd|th)?[\s-]+minutes?$",
                         re.IGNORECASE)


def _minute_mark(ent) -> Quantity | None:
    """The minute an action came at, as a count of unit "minute mark"; not a span of time ("for 20 minutes", "two
    minutes later", "a two-minute ride")."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    text = ent.text.strip()
    ordinal = re.search(r"\d(?:st|nd|rd|th)\b", text) is not None or text.lower().startswith("the ")
    if not (ordinal or before in ("after", "on")) or after in ("later", "earlier", "ago", "of", "long"):
        return None
    match = MINUTE_MARK.match(re.sub(r"^the\s+", "", text, flags=re.IGNORECASE))
    value = normalize.parse_number(match.group("n")) if match else None
    return Quantity(value=value, unit="minute mark", text=ent.text, tally="") if value else None


def _quantities(sent, token_ids: set[int]) -> list[Quantity]:
    found = []
    for ent in sent.ents:
        if ent.label_ == "TIME" and any(t.i in token_ids for t in ent):
            mark = _minute_mark(ent)
            if mark is not None:
                found.append(mark)
            continue
        if ent.label_ == "DATE" and any(t.i in token_ids for t in ent):
            duration = _duration(ent)
            if duration is not None:
                found.append(duration)
            continue
        if ent.label_ not in NUMBER_LABELS or not any(t.i in token_ids for t in ent):
            continue
        if SIZED.match(ent.text):
            continue   # "10 billion-dollar brands": ten brands of that size, no sum of money
        change = PERCENT_CHANGE.match(ent.text.strip())
        if change:   # "from 25% to 15%": two rates, not 40
            found += [Quantity(value=normalize.parse_number(change.group(k)), unit="percent", text=change.group(k) + "%",
                               approximate=False, bound="", tally="") for k in ("from", "to")]
            continue
        money = _money(ent)
        value = money[0] if money else normalize.parse_number(ent.text)
        attributive = ATTRIBUTIVE.match(ent.text) if ent.label_ == "QUANTITY" and value is None else None
        if attributive:
            value = normalize.parse_number(attributive.group("n"))   # "a 200-metre section"
        if value is None:
            continue
        last = ent[-1]
        unit_token = last.head if last.dep_ in ("nummod", "quantmod", "compound") else None
        # A number after its noun labels it ("count three", "Category 5"): compared only with labels of that noun.
        label = unit_token is not None and unit_token.i == ent.start - 1 and unit_token.pos_ in ("NOUN", "PROPN") \
            and unit_token.tag_ in ("NN", "NNP") and not money
        unit = money[1] if money else (
            normalize.unit_of(ent.label_, ent.text) if ent.label_ in ("QUANTITY", "MONEY", "PERCENT") else "")
        spoken_speed = normalize.SPEED.match(ent.text.split()[-1] + sent.doc.text[ent.end_char:ent.end_char + 12])
        if spoken_speed and ent.label_ in ("QUANTITY", "CARDINAL"):
            unit = normalize.unit_of("QUANTITY", spoken_speed.group(0))   # "one mile-per-hour", "120 km/h"
        if label:
            unit = f"{unit_token.lemma_.lower()} number"
        if not unit and ent.end + 1 < sent.end and sent.doc[ent.end].lower_ == "to" and \
                normalize.unit_of("", sent.doc[ent.end + 1:min(ent.end + 4, sent.end)].text) == "percent":
            unit = "percent"   # "from 27.5 to 15 per cent"
        if unit in NOT_UNITS:
            unit = ""  # "230 million views" tagged QUANTITY, "300 million records" MONEY: count the noun instead
        if not unit and unit_token is not None and _several_kinds(unit_token):
            unit = ""   # "about 3,000 police officers, firefighters and soldiers" counts no one kind
        elif not unit and unit_token is not None and unit_token.pos_ in ("NOUN", "PROPN"):
            unit = normalize.unit_of("CARDINAL", ent.text, unit_token.lemma_.lower())
        elif not unit:
            unit = _measured_thing(last)
        group = _from_group(unit_token) if unit == "people" and unit_token is not None else ""
        if group:
            unit = f"people from {group}"   # "12 people from the city's fire service": that group
        if unit and unit_token is not None and _set_of_a_part(unit_token):
            unit = f"{unit} in all"   # "in one of the complex's eight towers": the set, not what the event acted on
        approx = normalize.is_approximate([t.text for t in sent.doc[max(ent.start - 3, 0):ent.end]])
        first_number = next((t.i for t in ent if t.like_num), ent.start)
        bound = normalize.number_bound([t.text for t in sent.doc[max(ent.start - 3, 0):first_number]]) or (
            "about" if approx else "")
        converted = found and ent.start > 0 and sent.doc[ent.start - 1].text == "(" and found[-1].bound and \
            found[-1].unit != unit   # "about 170 km (105 miles)": the conversion of a rough figure is rounded
        if converted and not bound:
            approx, bound = True, "converted"
        after = normalize.own_words(sent.doc.text[ent.end_char:sent.end_char])
        tally = _tally(last, unit) or ("injury" if unit in ("", "people") and
                                        (normalize.SERIOUS.search(after) or normalize.TREATED.search(after)) else "")
        if tally and _increment(ent, sent):
            tally = ""   # "the toll was put at 15 but a further two people died": two more, not the toll
        if unit in ("other", "life") and tally:
            unit = "people"   # "killed 16 people and injured 21 others", "claimed 5 lives"
        text = money[2] if money else ent.text
        if unit in normalize.CONVERSIONS:
            unit, factor = normalize.CONVERSIONS[unit]
            value *= factor
            if unit_token is not None and unit_token.i == ent.end:
                text = sent.doc.text[ent.start_char:unit_token.idx + len(unit_token.text)]   # "up to 150ft"
        if unit in normalize.MEASURES and attributive:
            unit = _measure_of(ent, unit) or unit
        found.append(Quantity(value=value, unit=unit, text=text, approximate=approx or bool(bound), bound=bound,
                              tally=tally))
    return found


# A measure that describes a thing, which the parse reads as one word: "a 200-metre section", "a 50-metre-high wall".
ATTRIBUTIVE = re.compile(r"^(?P<n>\d[\d,.]*)-(?P<unit>[^\W\d]+)$")
MEASURE_WORDS = {"long": "length", "high": "height", "tall": "height", "deep": "depth", "wide": "width"}


def _measure_of(ent, unit: str) -> str:
    """The unit of a measure that describes a thing: its dimension and the thing ("metre|length of section"), so that
    "a 200-metre section" and "the 80-metre long collapsed section" measure one thing and "a 50-metre-high section"
    another; a measure with no word for its dimension is a length."""
    word, doc = ent[-1], ent.doc
    after = doc[ent.end + 1] if ent.end + 1 < len(doc) and doc[ent.end].text == "-" else \
        doc[ent.end] if ent.end < len(doc) else None
    dimension = MEASURE_WORDS.get(after.lower_, "length") if after is not None else "length"
    if word.head.pos_ == "ADJ" and word.head.lower_ in MEASURE_WORDS:
        word = word.head
    thing = word.head
    if word.dep_ not in ("compound", "nmod", "amod", "npadvmod") or thing.pos_ not in ("NOUN", "PROPN"):
        return ""
    return f"{unit}|{dimension} of {thing.lemma_.lower()}"


# A rate changed from one figure to another, which the parse reads as one number.
PERCENT_CHANGE = re.compile(r"^(?P<from>\d[\d,]*(?:\.\d+)?)\s*(?:%|per ?cent|percent)?\s+(?:to|-|–)\s+"
                            r"(?P<to>\d[\d,]*(?:\.\d+)?)\s*(?:%|per ?cent|percent)$", re.IGNORECASE)
# A count of things each of a size ("10 billion-dollar brands"), which the parse reads as a sum.
SIZED = re.compile(r"^\S+\s+(?:multi)?(?:million|billion|trillion)-(?:dollar|pound|euro|yen|yuan|rupee)s?$",
                   re.IGNORECASE)
SCALE_SUFFIXES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
SCALED = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>" + "|".join(SCALE_SUFFIXES) + r")\.?$", re.IGNORECASE)


def _money(ent) -> tuple[float, str, str] | None:
    """(value, currency, text as written) of a sum the parse cut short: the symbol before the entity and the
    scale after it ("£289m", "$44bn", "121m euro"), which the small model leaves out of its MONEY entities."""
    doc = ent.doc
    start, end = ent.start, ent.end
    if start > 0 and normalize.CURRENCY_SYMBOL.fullmatch(doc[start - 1].lower_):
        start -= 1
    if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].lower_.rstrip(".") in SCALE_SUFFIXES:
        end += 1
    written = doc[start:end].text.rstrip(".")
    word_after = doc[end].lemma_.lower() if end < len(doc) else ""
    symbol = normalize.CURRENCY_SYMBOL.search(written.lower())
    currency = normalize.CURRENCIES.get(symbol.group(0)) if symbol else normalize.CURRENCIES.get(word_after.rstrip("s"))
    if currency is None:
        return None
    scaled = SCALED.search(written)
    if scaled is None:
        value = normalize.parse_number(written)
    else:
        value = float(scaled.group("n").replace(",", "")) * SCALE_SUFFIXES[scaled.group("scale").lower()]
    if symbol is None:   # the currency is the word after: "121m euro"
        written = doc[start:end + 1].text
    return (value, currency, written) if value is not None else None


def _from_group(noun) -> str:
    """The group counted people are said to be from: 'the city's fire service' of '12 people from the city's fire
    service' ('service'); '' when none."""
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    group = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None) if prep is not None else None
    return group.lemma_.lower() if group is not None else ""


def _set_of_a_part(noun) -> bool:
    """Whether a counted thing is the whole set one of them is taken from: 'in one of the complex's eight towers'
    (people so counted, 'one of the 241 passengers survived', stay a count of them)."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one" and \
        noun.lower_ not in WHOLE and noun.lemma_.lower() not in PERSON_NOUNS


def _several_kinds(noun) -> bool:
    """Whether a number's noun is joined to other nouns that take no number of their own: the number counts them
    all together ("3,000 police and rescue personnel"), not the first ("2,000 soldiers, 300 police" are two counts)."""
    return any(c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and not any(g.dep_ == "nummod" for g in c.children)
               for c in noun.children)


# Words that make a number a toll of the whole event, not a count of one group ("19 children" is a part of it).
TALLY_NOUNS_OF = {"death": {"death", "dead", "body", "fatality", "corpse"}, "injury": {"injury", "injured", "wounded"},
                  "missing": {"missing", "unaccounted"}, "evacuated": {"evacuation", "evacuee", "evacuated"},
                  "displaced": {"displaced"}}
TALLY_VERBS = {"kill": "death", "die": "death", "drown": "death", "perish": "death", "injure": "injury",
               "wound": "injury", "hurt": "injury", "missing": "missing", "evacuate": "evacuated",
               "displace": "displaced"}
# Words for the people a number counts, whoever they are ("200 more" in "the evacuation of 200 more").
WHOLE = {"people", "person", "persons", "individual", "individuals", "passenger", "passengers", "others", "more"}
TALLY_AFTER = {"death": {"killed", "died"}, "injury": {"hurt"}}


INCREMENT_BEFORE = {"further", "another", "additional"}


def _increment(ent, sent) -> bool:
    """A figure told as added to a toll its sentence gives ("initially put the death toll at 15 but a further two
    people died", "two more died, raising the toll to 17"): what was added, not the toll."""
    doc = ent.doc
    before = {t.lower_ for t in doc[max(ent.start - 2, sent.start):ent.start]}
    after = doc[ent.end].lower_ if ent.end < sent.end else ""
    if not (before & INCREMENT_BEFORE or after == "more"):
        return False
    return any(t.lemma_.lower() in ("toll", "initially", "initial") for t in sent)


LIVES_LOST = {"claim", "lose", "take", "cost"}


def _lives_lost(noun) -> bool:
    """'claimed 5 lives', 'five lives were lost', 'cost the lives of …': deaths ('saved 5 lives' is not)."""
    return noun.lemma_.lower() == "life" and noun.dep_ in ("dobj", "nsubjpass") and \
        noun.head.lemma_.lower() in LIVES_LOST


def _tally(number, unit: str) -> str:
    """Which toll a number gives: '37 dead', '10 people were killed', 'killing 38 people', 'the death toll rose
    to 352', 'the deaths of 179 people' (death); '50 people were injured', '40 wounded' (injury); '26 people were
    missing' (missing)."""
    if unit == "death" or _measured_thing(number) == "death":   # "the death toll rose to 381 (people)"
        return "death"
    counted = number.head if number.dep_ in ("nummod", "quantmod", "compound") else number
    if _lives_lost(counted):
        return "death"
    after = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    for tally, words in TALLY_NOUNS_OF.items():
        if counted.lemma_.lower() in words or counted.lower_ in words:
            return tally
        if counted is number and after is not None and (after.lower_ in words or after.lower_ in TALLY_AFTER.get(tally, ())):
            return tally   # "628 injured", "89 killed": the toll word right after a bare number
    behind = number.doc[counted.i + 1] if counted is not number and counted.i + 1 < len(number.doc) else None
    if counted is not number and counted.lower_ not in WHOLE:
        # "17 pupils dead", "50 students injured": the toll word right after who they were
        told = counted.tag_ == "NNS" and behind is not None and (behind.dep_ in ("amod", "acomp", "oprd", "acl") or
                                                                  counted.head.i == behind.i)
        return next((t for t, words in TALLY_NOUNS_OF.items() if told and behind.lower_ in words), "")
    for tally, words in TALLY_NOUNS_OF.items():
        if behind is not None and (behind.lower_ in words or behind.lower_ in TALLY_AFTER.get(tally, ())):
            return tally   # "136 people dead", "50 people injured"
    if counted.dep_ == "pobj" and counted.head.lower_ == "of":
        owner = counted.head.head.lemma_.lower()
        found = next((tally for tally, words in TALLY_NOUNS_OF.items() if owner in words), "")
        if found:
            return found   # "resulted in the deaths of 179 people"
        if _lives_lost(counted.head.head):
            return "death"   # "the floods claimed the lives of 12 people"
        if owner in TALLY_NOUNS:
            counted = counted.head.head   # "a total of 23 people were injured": the total is what the verb tells
    relative = next((c for c in counted.children if c.dep_ == "relcl"), None) if counted is number else None
    if relative is not None:   # "the 21 that police said were injured"
        told = [relative] + [c for c in relative.children if c.dep_ == "ccomp"]
        found = next((TALLY_VERBS[w.lemma_.lower()] for w in told if w.lemma_.lower() in TALLY_VERBS), "")
        if found:
            return found
    verb = counted.head
    if counted.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "oprd") or verb.i == counted.i:
        return ""
    xcomps = [c for c in verb.children if c.dep_ == "xcomp"]   # "known to have died"
    for word in [verb] + xcomps:
        tally = TALLY_VERBS.get(word.lower_) or TALLY_VERBS.get(word.lemma_.lower())
        if tally:
            return tally
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp"):   # "124 people have been confirmed dead", "were reported missing"
            tally = next((t for t, words in TALLY_NOUNS_OF.items() if child.lower_ in words), "")
            if tally:
                return tally
        if counted.dep_ == "nsubj" and _lives_lost(child):
            return "death"   # "179 people lost their lives"
    return ""
