"""English verb forms for rendering a split clause as a sentence: 'emphasizing' → 'emphasized' / 'emphasizes'.

Only what a statement needs: the simple past, the third person singular present and the gerund of a lemma, as
lemminflect gives them (its lexicon knows 'begin' → 'beginning', its rules inflect words it has not seen).
"""
from __future__ import annotations

from lemminflect import getInflection


def _form(lemma: str, tag: str) -> str:
    word = lemma.lower()
    forms = getInflection(word, tag=tag)
    return forms[0] if forms else word


def past(lemma: str) -> str:
    """The simple past of a verb lemma ('be' → 'was')."""
    return _form(lemma, "VBD")


def third_person(lemma: str) -> str:
    """The present tense with a singular subject: 'emphasize' → 'emphasizes', 'carry' → 'carries'."""
    return _form(lemma, "VBZ")


def gerund(lemma: str) -> str:
    """'shoot' → 'shooting', 'make' → 'making', 'stop' → 'stopping', 'die' → 'dying', 'begin' → 'beginning'."""
    return _form(lemma, "VBG")
