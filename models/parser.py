"""The spaCy pipeline used for sentences, dependencies and entities."""
from __future__ import annotations

from spacy.language import Language

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


class Parser:
    def __init__(self, ref: ModelRef):
        import spacy

        self.ref = ref
        self.nlp = spacy.load(ref.location)
        if "semicolon_sentences" not in self.nlp.pipe_names:   # a pipeline saved from this one has it
            self.nlp.add_pipe("semicolon_sentences", before="parser")
        if "abbreviation_sentences" not in self.nlp.pipe_names:
            self.nlp.add_pipe("abbreviation_sentences", before="parser")
        self.nlp.max_length = 2_000_000

    def __call__(self, text: str):
        return self.nlp(text)

    def pipe(self, texts, batch_size: int = 64):
        return self.nlp.pipe(texts, batch_size=batch_size)
