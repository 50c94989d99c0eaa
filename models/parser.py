"""The spaCy pipeline used for sentences, dependencies and entities."""
from __future__ import annotations

from models.registry import ModelRef


class Parser:
    def __init__(self, ref: ModelRef):
        import spacy

        self.ref = ref
        self.nlp = spacy.load(ref.location)
        self.nlp.max_length = 2_000_000

    def __call__(self, text: str):
        return self.nlp(text)

    def pipe(self, texts, batch_size: int = 64):
        return self.nlp.pipe(texts, batch_size=batch_size)
