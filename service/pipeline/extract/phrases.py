"""Noun phrases read off the parse without the clauses hanging from them."""
from __future__ import annotations

CLAUSE_DEPS = ("relcl", "acl", "appos")


def bare_phrase(head, drop=lambda tok: False) -> list:
    """The tokens under `head` less its relative, participial and appositive clauses (and less whatever
    `drop` picks, with everything under it)."""
    dropped = {d.i for t in head.subtree if t.i != head.i and (t.dep_ in CLAUSE_DEPS or drop(t)) for d in t.subtree}
    return [t for t in head.subtree if t.i not in dropped]
