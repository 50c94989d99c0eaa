"""Noun phrases read off the parse without the clauses hanging from them."""
from __future__ import annotations

CLAUSE_DEPS = ("relcl", "acl", "appos")


def bare_phrase(head, drop=lambda tok: False) -> list:
    """The tokens under `head` less its relative, participial and appositive clauses (and less whatever
    `drop` picks, with everything under it)."""
    dropped = {d.i for t in head.subtree if t.i != head.i and (t.dep_ in CLAUSE_DEPS or drop(t)) for d in t.subtree}
    return [t for t in head.subtree if t.i not in dropped]


def absolute_parts(head):
    """(the 'with' token or None, the verb the absolute hangs on, its subject) of an absolute claim's head."""
    if head.dep_ == "acl":
        return head.head.head, _verb_above(head.head.head), head.head
    subject = next(c for c in head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if head.dep_ == "pcomp":
        return head.head, _verb_above(head.head), subject
    return None, head.head, subject


def _verb_above(tok):
    node = tok.head
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node
