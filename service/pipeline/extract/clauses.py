"""Which words of a parsed sentence head a clause that may split off as a claim of its own, and of what kind.

The kinds: coordinate ("… and the mayor signed the decree"), adverbial ("while the cause remains uncertain"),
participial (", emphasizing …"), result (", marking a defeat for …"), absolute ("with residents urged to …"),
relative, appositive, list ("including …") and adjunct ("amid …", "because of …"). Whether a split clause then
reads as a whole statement is the claim builder's call (claims.py).
"""
from __future__ import annotations

import re

from service.pipeline.extract import inflect
from service.pipeline.extract import referents
from service.pipeline.extract import speech
from service.pipeline.extract import statement as rendering

SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl", "csubj")
ADJUNCT_PREPS = {"amid", "after", "following", "despite", "before", "during"}
LIST_PREPS = {"including", "includes", "include"}
CAUSAL_PREP = re.compile(r"^(in (response|reaction|retaliation|exchange|return) (to|for)|because of|due to|"
                         r"as a (result|consequence) of|thanks to|owing to)\b", re.IGNORECASE)
# A subordinate clause with these states a fact by itself ("while the cause remains uncertain"); one with any
# other ("if", "unless", "until", "before", "once") only qualifies its main clause and stays in it.
FACT_MARKS = {"while", "as", "although", "though", "because", "since", "whereas", "after", "when", "so"}
# A participle that names what the main clause's event brought about has no subject of its own to borrow
# ("…, marking a defeat for Tusk", "…, prompting searches"): it stays with its main clause.
RESULT_VERBS = {"mark", "make", "prompt", "spark", "trigger", "cause", "raise", "bring", "lead", "leave", "signal",
                "highlight", "underscore", "underline", "fuel", "force", "render", "represent", "reflect", "send",
                "set", "create", "pave", "deepen", "heighten", "escalate", "renew", "revive", "follow", "come",
                "mean", "give", "draw", "result", "end", "put", "push", "allow", "enable"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
NAMING_VERBS = {"call", "name", "know", "dub", "title", "label", "nickname", "term"}
APPOSITIVE_OPENERS = (",", "—", "–", "(", ":")
# Nouns an appositive uses to say what a whole clause is, not what the name before it is.
CLAUSE_NOUNS = {"result", "consequence", "sign", "reflection", "indication", "reminder", "testament", "outcome"}
# "… at the pad, a little more than two minutes into the flight …": a measure describes no name.
MEASURE_ENTS = {"CARDINAL", "QUANTITY", "TIME", "PERCENT", "MONEY"}
SINGULAR = {"is", "was", "has", "does"}
PLURAL = {"are", "were", "have", "do"}


def clause_heads(sent, cited: set[int]) -> dict[int, tuple[str, str]]:
    heads = {sent.root.i: ("main", "")}
    if _parenthetical_root(sent.root):
        return heads   # the parse has lost the sentence's verb: what it split off would be no clause
    for tok in sent:
        if tok.i in cited or tok.i == sent.root.i:
            continue
        kind, marker = split_kind(tok, heads)
        if kind:
            heads[tok.i] = (kind, marker)
    return heads


def _bare_count_subject(tok) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NUM" for c in tok.children)


def split_kind(tok, heads) -> tuple[str, str]:
    dep = tok.dep_
    verbal = tok.pos_ in ("VERB", "AUX")
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)
    if _absolute(tok):
        return "absolute", "with"
    if rendering.gapped_count_participle(tok) is not None:
        # "At least 157 people were killed and over 150 injured": the second count's participle is a claim
        cc = next((c.lower_ for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i), "")
        if cc in ("and", "while"):
            return "coordinate", cc
    if dep == "acl" and tok.tag_ == "VBG" and tok.head.pos_ == "NOUN" and tok.head.dep_ == "dobj" and not own_subject \
            and tok.doc[min(t.i for t in tok.subtree) - 1].text in ("—", "–"):
        return "participial", ""   # "returned a split decision—clearing him of the most serious charges"
    if dep == "conj" and tok.tag_ == "VBG" and not own_subject and tok.head.dep_ in ("advcl", "acl") \
            and heads.get(tok.head.i, ("",))[0] == "participial" \
            and any(c.dep_ == "cc" and c.lower_ == "and" for c in tok.head.children):
        return "participial", ""   # ", clearing him of the most serious charges and convicting him on one count"
    finite_head = tok.head.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") for c in tok.head.children) or heads.get(tok.head.i, ("",))[0] == "coordinate"
    if dep == "conj" and verbal and not own_subject and number(tok) and number(tok.head) and \
            number(tok) != number(tok.head):
        return "", ""   # "the injured were rushed … and rescue work was …": the parse lost the second subject
    if dep == "conj" and tok.tag_ == "VBN" and _bare_count_subject(tok) and \
            not any(c.dep_ in ("aux", "auxpass") for c in tok.children) and \
            any(c.dep_ in ("oprd", "acomp", "xcomp") for c in tok.head.children):
        return "", ""   # "left 19 dead and 421 injured": the second count is the first one's verb's, not a clause
    if dep == "conj" and verbal and tok.head.pos_ in ("VERB", "AUX") and (own_subject or finite_head):
        joined = has_joint(tok)
        start = min(t.i for t in tok.subtree)
        run_on = tok.doc[start].is_title and tok.doc[start].pos_ != "PROPN" and tok.doc[start - 1].is_lower
        if own_subject:
            # "This is the first time Poland … has engaged drones": no joint before the clause
            joined = run_on or start == 0 or tok.doc[start - 1].dep_ == "cc" or tok.doc[start - 1].text in ",;:—–-"
        if not joined:
            return "", ""   # "… who died after a plane crashed": a verb the parse hung on another without a joint
        cc = next((c.lower_ for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i), "and")
        if not own_subject and _shares_dependents(tok):
            return "", ""
        if own_subject and tok.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in tok.children) \
                and any(c.dep_ == "auxpass" for c in tok.head.children):
            return "", ""   # "homes were damaged and services knocked out": a gapped passive or not, the parse can't say
        if not own_subject and any(c.dep_ == "nsubjpass" for c in rendering.coordinated_first(tok).children) and \
                not any(c.dep_ == "auxpass" for c in tok.children) and any(c.dep_ == "dobj" for c in tok.children):
            return "", ""   # "drones had been shot down and labeled the incursion …": who labeled is not the drones
        if not own_subject and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children) and \
                not any(c.dep_ in ("aux", "auxpass") for c in tok.children) and \
                not any(c.dep_ in ("nsubjpass", "auxpass") for c in rendering.coordinated_first(tok).children):
            return "", ""   # "returned the booster and caught by the arms": the booster was caught, not the subject
        return "coordinate", cc
    if dep == "advcl" and verbal and tok.head.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
        if any(referents.expletive(c) for c in tok.head.children if c.dep_ in SUBJECT_DEPS):
            return "", ""   # "It later emerged there was only one survivor": what emerged is the claim
        marks = [c.lower_ for c in tok.children if c.dep_ == "mark"]
        mark = marks[0] if marks else ""
        if "like" in marks or "than" in marks or (mark == "as" and {"if", "though"} & set(marks)):
            return "", ""   # a comparison ("it felt like I was in hell") completes its verb; it is no claim alone
        if mark == "since" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.head.children):
            return "", ""   # "has fined a club for the first time since the rules changed": when the count starts
        if mark or own_subject:
            # "while the cause remains uncertain" states a fact; "if shares traded that low" only qualifies
            # its main clause, and so does a clause without a subject or a finite verb ("while en route").
            if own_subject and finite(tok) and (not mark or mark in FACT_MARKS) and "that" not in marks:
                return "adverbial", mark
            return "", ""
        # ", emphasizing the integrity of …" shares the main clause's subject; without the comma the
        # participle is more likely to describe the object ("footage showing officers thanking Khrenin").
        first = min(t.i for t in tok.subtree)
        joined_between = any(c.dep_ == "conj" and tok.head.i < c.i < tok.i for c in tok.head.children)
        if tok.tag_ == "VBG" and tok.i > tok.head.i and tok.head.pos_ in ("VERB", "AUX") and not joined_between and \
                first > 0 and tok.doc[first - 1].text in (",", "—", "–"):
            if tok.lemma_.lower() not in RESULT_VERBS:
                return "participial", ""
            if _result_of_plain_clause(tok):
                return "result", ""
        return "", ""
    described = tok.head.pos_ in ("NOUN", "PROPN")
    if dep == "relcl" and described:
        # "drones that posed a threat" reads "drones posed a threat"; an object relative ("buildings it
        # struck") or one on "the first time …" has no subject to put the noun in, and stays in its sentence.
        relative = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in RELATIVE_PRONOUNS for c in tok.children)
        # "drones that posed a direct threat were shot down": a restrictive clause (no comma before it) says
        # which drones; without it the sentence would say all were. It stays in its clause.
        first = min(t.i for t in tok.subtree)
        restrictive = first > 0 and tok.doc[first - 1].text not in (",", "—", "–", "(", ";")
        return ("relative", "") if relative and finite(tok) and not restrictive else ("", "")
    if dep == "acl" and described and tok.tag_ == "VBN" and len(list(tok.subtree)) > 2 and \
            tok.lemma_.lower() not in NAMING_VERBS and not any(
                c.dep_ in SUBJECT_DEPS + ("mark", "aux", "auxpass") for c in tok.children) and \
            not any(c.dep_ == "mark" for c in tok.head.children) and not _reported_verb(tok) and \
            not _after_conjunct(tok) and not _on_thing_appositive(tok):
        # "said in a statement that the injured were being transported", "confirming that NATO allies
        # assisted": a clause the parse hung on a noun, not a participle describing it.
        return "participial", ""
    if dep == "appos" and described and tok.pos_ == "NOUN" and len(list(tok.subtree)) >= 3 and \
            tok.doc[min(t.i for t in tok.subtree) - 1].text in APPOSITIVE_OPENERS and \
            not any(c.dep_ == "appos" and c.i < tok.i for c in tok.head.children) and \
            not (tok.lemma_.lower() in CLAUSE_NOUNS and tok.head.pos_ == "PROPN") and \
            (tok.head.pos_ == "PROPN" or tok.head.ent_type_ or _definite_subject(tok.head)) and not any(
                c.dep_ in ("relcl", "acl") and tok.head.i < c.i < tok.i for c in tok.head.children) and \
            not (tok.head.ent_type_ != "PERSON" and any(t.ent_type_ == "PERSON" for t in tok.subtree)) and \
            not (any(c.dep_ in ("nummod", "conj") for c in tok.children) and
                 any(c.dep_ == "nummod" for c in tok.head.children)) and not _description_list(tok) and \
            tok.ent_type_ not in MEASURE_ENTS:
        # "169 Indians, 53 British nationals and a Canadian": a list of counts, not a description.
        # "… in Leicester, his brother, Nayan Kumar Ramesh": a person does not describe a place.
        # "Ihar Losik, who was sentenced … in one of the harshest facilities, the Novopolotsk colony": after a
        # clause on the noun, the appositive more likely describes a noun of that clause; so does a second
        # appositive ("Roy, a police official in Darjeeling, the site of the accident"). "… were in Min, a likely
        # result of shoddy construction": what a name is a result of, the clause is.
        return "appositive", ""
    if dep == "prep":
        first = tok.lower_
        phrase = tok.doc[tok.i:list(tok.subtree)[-1].i + 1].text
        if first in LIST_PREPS or (tok.tag_ == "VBG" and first.startswith("includ")):
            return "list", "including"
        if first in ADJUNCT_PREPS and tok.head.pos_ in ("VERB", "AUX") and len(list(tok.subtree)) >= 3 \
                and not _a_time(tok):
            return "adjunct", first
        match = CAUSAL_PREP.match(phrase)
        if match and len(list(tok.subtree)) >= 4:
            return "adjunct", match.group(0).lower()
    return "", ""


# Times of day an adjunct may name: "took place shortly after sunrise from Launch Complex 36" tells when, no event.
TIMES_OF_DAY = {"sunrise", "sunset", "dawn", "dusk", "daybreak", "nightfall", "midnight", "noon", "midday", "morning",
                "afternoon", "evening", "night", "lunchtime"}


def _a_time(prep) -> bool:
    """Whether the preposition's object is a time (a time of day, a clock time or a date), not an event."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj is not None and (obj.lemma_.lower() in TIMES_OF_DAY or obj.ent_type_ in ("TIME", "DATE"))


# Speech verbs whose object is what is said, never a thing a participle could describe.
SAYING_VERBS = {"say", "add", "insist", "stress", "explain", "assert"}


def _reported_verb(participle) -> bool:
    """'Officers said at least four gunmen, whom they described as militants, fired at tourists': a past form on
    the object of 'say' is the finite verb of what was said, the parse having read its subject as the object."""
    noun = participle.head
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in SAYING_VERBS and \
        participle.text.lower() == inflect.past(participle.lemma_.lower())


def _description_list(appositive) -> bool:
    """'Among the dead were Ravi, a trader from Kerala, a pilgrim named Kumar from Kochi, and …' parsed with each
    'a N' hung on the place that ends the one before: one list of the people it names, not a place described."""
    def nested(tok):
        return tok.dep_ == "appos" and tok.head.dep_ == "pobj" and _indefinite(tok) and any(
            a.dep_ == "appos" and _indefinite(a) for a in tok.head.ancestors)
    return nested(appositive) or (_indefinite(appositive) and any(nested(t) for t in appositive.subtree))


def _indefinite(noun) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)


def _parenthetical_root(root) -> bool:
    """'The gunmen, believed to be members of the group, targeted the soldiers' parsed with 'believed' as the root:
    a participle set off by commas right after its subject, with the sentence going on after the next comma."""
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < root.i), None)
    if subject is None or root.tag_ not in ("VBD", "VBN") or root.text.lower() != inflect.past(root.lemma_.lower()):
        return False
    doc = root.doc
    if max(t.i for t in subject.subtree) != subject.i or subject.i != root.i - 2 or doc[root.i - 1].text != ",":
        return False
    return any(t.text == "," and t.i + 1 < root.sent.end and any(w.is_alpha for w in doc[t.i + 1:root.sent.end])
               for t in doc[root.i + 1:root.sent.end])


def _after_conjunct(participle) -> bool:
    """'the cost of fees and taxes linked to the flights': after a noun joined to another, which of them the
    participle describes the parse cannot say."""
    between = participle.doc[participle.head.i + 1:participle.i]
    return any(t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") for t in between)


def _on_thing_appositive(participle) -> bool:
    """'… reach Venus – the final target envisioned by Dr Lee': a participle on an appositive of a name that is no
    person describes the name; alone ('The final target was envisioned') it would lose which it is."""
    noun = participle.head
    return noun.dep_ == "appos" and noun.head.pos_ == "PROPN" and noun.head.ent_type_ != "PERSON"


def _shares_dependents(conj) -> bool:
    """A verb joined to another so that they are one claim: alternatives ('not to touch or approach debris'),
    verbs side by side that share their object ('intercepted and destroyed a huge number of drones'), or
    verbs under a noun or a participle, whose subject is not the sentence's ('permission for Belavia to
    operate and acquire parts', 'allowing it to service its fleet and buy components')."""
    first = conj
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    ccs = [c.lower_ for c in first.children if c.dep_ == "cc"] + [c.lower_ for c in conj.children if c.dep_ == "cc"]
    if {"or", "nor"} & set(ccs) and not any(c.dep_ in SUBJECT_DEPS for c in conj.children):
        return True
    between = conj.doc[conj.head.i + 1:conj.i]
    if all(t.dep_ in ("cc", "punct") for t in between):
        return True
    if first.dep_ in ("acl", "advcl", "pcomp", "pobj", "relcl") and not finite(first):
        return True
    return False


def has_joint(conj) -> bool:
    """Whether a conjunct is joined to its head by a conjunction before it, or by a comma or semicolon right
    before it ("A, B and C"); "… of the passenger train off the rails" parsed with "train" as a verb is not."""
    start = min(t.i for t in conj.subtree)
    return any(c.dep_ == "cc" and c.i < conj.i for c in conj.head.children) or (
        start > 0 and conj.doc[start - 1].text in (",", ";"))


def _result_of_plain_clause(participle) -> bool:
    """'Poland shot down the drones, marking its first engagement': a result of an active, unnegated clause with a
    plain named subject, which can be its subject as a gerund ('Poland's shooting down the drones marked …')."""
    verb = participle.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or speech.is_speech(verb) or verb.lemma_ == "be" or \
            verb.dep_ != "ROOT":
        return False   # not under 'disclosed that …': what it resulted from is unclear there
    if any(c.dep_ in ("auxpass", "nsubjpass", "neg", "expl") or (c.dep_ == "aux" and c.tag_ == "MD") for c in verb.children):
        return False
    phrase = list(subject.subtree)
    return len(phrase) <= 6 and not any(t.dep_ in ("relcl", "acl", "appos") or t.is_punct for t in phrase) and \
        any(c.dep_ in ("dobj", "attr", "prep") for c in participle.children)


def _absolute(tok) -> bool:
    """'…, with radar detecting over ten objects', 'with residents urged to stay indoors': a participle with its own
    subject under 'with' states a fact of its own."""
    if tok.dep_ == "acl":   # the parse's other reading: 'with' → the noun → its participle
        return tok.tag_ in ("VBG", "VBN") and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "with" and \
            tok.head.head.head.pos_ in ("VERB", "AUX")
    if tok.tag_ not in ("VBG", "VBN", "VBD") or not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i for c in tok.children):
        return False
    if tok.dep_ == "pcomp":
        return tok.head.lower_ == "with" and tok.tag_ != "VBD"
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "with" for c in tok.children)


def _definite_subject(noun) -> bool:
    """'The release, a step to mend relations, included …': a subject named with 'the' that an appositive describes."""
    return noun.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def finite(verb) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)


def number(verb) -> str:
    """'singular' or 'plural' when the verb's finite form shows it (is / were / VBZ / VBP), else ''."""
    for word in [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass")]:
        if word.lower_ in SINGULAR or word.tag_ == "VBZ":
            return "singular"
        if word.lower_ in PLURAL or word.tag_ == "VBP":
            return "plural"
    return ""
