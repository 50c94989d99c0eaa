"""The data each pipeline stage takes and gives, in one place."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Optional

Span = tuple[int, int]
VerdictLabel = Literal["agree", "related", "discrepancy"]
DiscrepancyType = Literal["numeric", "date", "entity", "location", "attribution", "modality", "negation", "causal",
                          "quote", "other"]
Severity = Literal["high", "medium", "low"]
# What a finding compares: a slot of one fact, or (causal) the link between two facts.
Slot = Literal["number", "vote", "age", "standing", "holder", "ages", "duration", "scope", "date", "tenure", "end",
               "time", "elapsed", "place", "agent", "speaker", "modality", "negation", "fate", "quote", "link",
               "statement"]
LinkKind = Literal["causal", "temporal", "juxtaposition"]


@dataclass(frozen=True)
class Source:
    id: str
    text: str
    published_at: Optional[date] = None
    outlet: Optional[str] = None


@dataclass(frozen=True)
class Sentence:
    source: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str
    text: str
    approximate: bool = False
    # "" exact | about | lower ("more than 20") | upper ("under 20") | maximum ("up to 20") | nearly ("almost 20") |
    # converted ("about 170 km (105 miles)")
    bound: str = ""
    tally: str = ""      # a story's toll this number gives: death | injury | missing | "" (anything else)


@dataclass(frozen=True)
class Link:
    """A causal or temporal link from one claim to others, as the source states it."""
    kind: LinkKind
    marker: str          # the words that make the link ("in response", "while", "after")
    targets: tuple[str, ...]


@dataclass(frozen=True)
class Claim:
    id: str
    source: str
    text: str
    spans: tuple[Span, ...]
    sentence: int
    role: str = "main"                    # main | coordinate | relative | participial | appositive | list | adjunct | adverbial | absolute | result
    subject: str = ""
    passive: bool = False                 # the subject is what was done to ("Apple was fined"), not the doer
    predicate: str = ""                   # lemma of the head verb
    event: str = ""                       # lemma of the verb that carries the event ("release" in "agreed to release")
    object: str = ""
    negated: bool = False
    modality: str = "stated"              # done | agreed | planned | possible | alleged | reported | stated
    speaker: str = ""                     # who says it, when attributed
    speaker_kind: str = ""                # person | organisation | document | ""
    quoted: bool = False
    partial_list: bool = False            # an "including …" list: naming some members, not all
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[tuple[str, str], ...] = ()   # (iso date, granularity: day | month | year)
    places: tuple[str, ...] = ()              # normalised place keys
    place_scope: str = ""                     # single | multiple | ""
    entities: tuple[str, ...] = ()            # normalised entity keys
    named: tuple[tuple[str, str, str], ...] = ()   # (spaCy label, entity key, folded surface text) of each entity
    scope: tuple[tuple[str, str], ...] = ()   # (event key, all | some): an event on all of what it names, or a part
    links: tuple[Link, ...] = ()
    marker: str = ""                          # the conjunction or preposition that attached this claim
    parent: str = ""                          # the claim this one was split from
    statement: str = ""                       # the claim as a whole sentence (shared subject, resolved referents,
                                              # "X said" when reported); its words need not be contiguous in the text
    reported: bool = False                    # the article attributes it to a speaker rather than stating it
    refers_to: tuple[tuple[str, str], ...] = ()   # (pronoun or "the company" as written, the name it stands for)


@dataclass(frozen=True)
class Pair:
    a: int             # index into the claim list
    b: int
    similarity: float


@dataclass(frozen=True)
class Fact:
    """One proposition of the story: at most one claim per source carries it; other claims of those sources
    that state it again are its mentions."""
    id: str
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    text: str
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """A claim pair within one fact (or, for causal framing, two link claims)."""
    claims: tuple[str, ...]
    verdict: VerdictLabel
    discrepancy_type: Optional[DiscrepancyType]
    severity: Optional[Severity]
    confidence: float
    explanation: str
    similarity: float = 0.0
    nli: Optional[float] = None
    finding: Optional[str] = None     # the finding a discrepancy pair belongs to


@dataclass(frozen=True)
class Unique:
    claim: str
    missing_from: tuple[str, ...]


@dataclass(frozen=True)
class Position:
    """One value a finding's sources hold, the sources holding it and their claims."""
    value: str
    sources: tuple[str, ...]
    claims: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One disputed fact (or causal link between two facts) and slot across all sources, positions by value."""
    id: str
    facts: tuple[str, ...]
    type: DiscrepancyType
    slot: Slot
    severity: Severity
    confidence: float
    explanation: str
    positions: tuple[Position, ...]
    low_confidence: bool = False


@dataclass(frozen=True)
class Report:
    claims: tuple[Claim, ...]
    matches: tuple[Verdict, ...]
    unique: tuple[Unique, ...]
    timings: dict = field(default_factory=dict, compare=False)
    findings: tuple[Finding, ...] = ()
    facts: tuple[Fact, ...] = ()
