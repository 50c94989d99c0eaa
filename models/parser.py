"""The spaCy pipeline used for sentences, dependencies and entities."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from models.registry import ModelRef

MIN_CLAUSE_TOKENS = 3


@Language.component("semicolon_sentences")
def semicolon_sentences(doc):
    """A semicolon between two clauses ends a sentence: 'Those posing a risk were neutralized; searches
    continue' is two statements, and the parser reads each better alone."""
    for tok in doc[MIN_CLAUSE_TOKENS:len(doc) - MIN_CLAUSE_TOKENS]:
        if tok.text == ";":
            doc[tok.i + 1].is_sent_start = True
    return doc


# Words that open a sentence and never continue a name: after "6 p.m." or "the U.S." they start a new sentence.
OPENERS = {"The", "A", "An", "Of", "In", "On", "At", "It", "He", "She", "They", "We", "I", "This", "These", "Those",
           "That", "There", "But", "And", "However", "Among", "After", "Before", "Its", "His", "Her", "Their", "Our"}


@Language.component("abbreviation_sentences")
def abbreviation_sentences(doc):
    """An abbreviation's full stop can end a sentence too: 'taken the funicular shortly after 6 p.m. Of the 22
    injured, nine …' is two sentences, which the parser reads as one."""
    for tok in doc[MIN_CLAUSE_TOKENS:len(doc) - MIN_CLAUSE_TOKENS]:
        if tok.text.endswith(".") and "." in tok.text[:-1] and tok.whitespace_ and doc[tok.i + 1].text in OPENERS:
            doc[tok.i + 1].is_sent_start = True
    return doc


# Common nouns that describe a person: a name they describe is a person's, whatever the entity recogniser says
# ("Defense attorney Teny Geragos", tagged a place; "Teny Geragos, a lawyer for Combs").
PERSON_ROLES = {"attorney", "lawyer", "prosecutor", "counsel", "spokesman", "spokeswoman", "spokesperson", "journalist",
                "reporter", "judge", "envoy", "ambassador", "minister", "senator", "official", "officer", "actor",
                "actress", "singer", "rapper", "musician", "artist", "author", "writer", "player", "coach", "striker",
                "goalkeeper", "manager", "executive", "founder", "activist", "dissident", "witness", "victim",
                "survivor", "suspect", "defendant", "pilot", "astronaut", "scientist", "doctor", "professor"}


# Titles that only a person's name follows ("Mr Ishiba", tagged an organisation; "Dr Tedros", not tagged).
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame"}


def _after_honorific(doc, start: int) -> bool:
    return start > 0 and doc[start - 1].lower_.rstrip(".") in HONORIFICS


@Language.component("role_people")
def role_people(doc):
    """A place or organisation entity that a person's role noun describes, before it as a compound or after it as
    an appositive, is a person; so is a name right after an honorific, tagged or not."""
    ents = []
    for ent in doc.ents:
        root = ent.root
        roles = {t.lemma_.lower() for t in root.lefts if t.dep_ == "compound" and t.pos_ == "NOUN" and t.i < ent.start}
        roles |= {t.lemma_.lower() for t in root.children if t.dep_ == "appos" and t.pos_ == "NOUN"}
        if ent.label_ in ("GPE", "ORG", "NORP", "LOC", "FAC") and (roles & PERSON_ROLES or _after_honorific(doc, ent.start)):
            ent = Span(doc, ent.start, ent.end, label="PERSON")
        ents.append(ent)
    covered = {i for ent in ents for i in range(ent.start, ent.end)}
    for token in doc:
        if token.pos_ == "PROPN" and token.i not in covered and _after_honorific(doc, token.i):
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and end not in covered and doc[end].is_title:
                end += 1
            ents.append(Span(doc, token.i, end, label="PERSON"))
            covered |= set(range(token.i, end))
    doc.ents = sorted(ents, key=lambda e: e.start)
    return doc


@Language.component("noun_root_verbs")
def noun_root_verbs(doc):
    """A sentence the parse hangs on a noun, with the verb right after it read as a participle: 'A car plowed into
    a crowd …, leaving 27 people injured.' is 'car' (root) + 'plowed' (acl). The verb is the root, the noun its
    subject, and what hung on the noun after the verb hangs on the verb. Only a whole sentence (a full stop, eight
    words or more) whose verb has no passive agent ('Man arrested by police' is a headline's passive)."""
    for sent in list(doc.sents):
        root = sent.root
        if root.pos_ not in ("NOUN", "PROPN") or len(sent) < 8 or sent[-1].text not in (".", "!"):
            continue
        verb = next((c for c in root.children if c.dep_ == "acl" and c.i == root.i + 1 and c.tag_ in ("VBN", "VBD")), None)
        if verb is None or any(c.dep_ == "agent" for c in verb.children):
            continue
        later = [c for c in root.children if c.i > verb.i]
        verb.head, verb.dep_, verb.tag_ = verb, "ROOT", "VBD"
        for child in later:
            child.head = verb
            if child.dep_ == "acl" and child.tag_ == "VBG":
                child.dep_ = "advcl"   # ", leaving 27 people injured": what the act did
        root.head, root.dep_ = verb, "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) else "nsubj"
    return doc


@Language.component("age_subjects")
def age_subjects(doc):
    """'The 22-year-old scored twice': the parse hangs "The" and "old" on the verb and leaves it no subject. The age
    before a verb with no subject is its subject, with its determiner."""
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            continue
        old = next((c for c in verb.children if c.dep_ == "amod" and c.lower_ == "old" and c.i < verb.i
                    and any(g.lower_ in ("year", "years") for g in c.children)), None)
        if old is None:
            continue
        for det in [c for c in verb.children if c.dep_ == "det" and c.i < old.i]:
            det.head = old
        old.head, old.pos_, old.tag_ = verb, "NOUN", "NN"   # "the 22-year-old": a person
        old.dep_ = "nsubjpass" if any(c.dep_ == "auxpass" for c in verb.children) else "nsubj"
    return doc


class Parser:
    def __init__(self, ref: ModelRef):
        import spacy

        self.ref = ref
        self.nlp = spacy.load(ref.location)
        if "semicolon_sentences" not in self.nlp.pipe_names:   # a pipeline saved from this one has it
            self.nlp.add_pipe("semicolon_sentences", before="parser")
        if "abbreviation_sentences" not in self.nlp.pipe_names:
            self.nlp.add_pipe("abbreviation_sentences", before="parser")
        if "noun_root_verbs" not in self.nlp.pipe_names:
            self.nlp.add_pipe("noun_root_verbs", after="lemmatizer")
        if "age_subjects" not in self.nlp.pipe_names:
            self.nlp.add_pipe("age_subjects", after="noun_root_verbs")
        if "role_people" not in self.nlp.pipe_names:
            self.nlp.add_pipe("role_people", after="ner")
        self.nlp.max_length = 2_000_000

    def __call__(self, text: str):
        return self.nlp(text)

    def pipe(self, texts, batch_size: int = 64):
        return self.nlp.pipe(texts, batch_size=batch_size)
