"""The story store's tables, declared once with SQLAlchemy 2 (the Alembic migrations mirror them)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Optional

from sqlalchemy import (JSON, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

SEVERITY_RANK = {"high": 3, "medium": 2, "low": 1}
MAX_ID = 2**31 - 1   # integer ids fit PostgreSQL's INTEGER; larger ids in a URL simply do not exist


def valid_id(value: int) -> bool:
    return 0 < value <= MAX_ID


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class Story(Base):
    __tablename__ = "stories"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The facts of the latest run over the story: [{id, text, claims: [claim ids], sources, mentions}]
    facts: Mapped[Optional[list]] = mapped_column(JSON, nullable=True)
    articles: Mapped[list["Article"]] = relationship(back_populates="story", order_by="Article.id")


class Article(Base):
    """One version of one outlet's article in a story; every version is kept."""
    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("story_id", "outlet", "version", name="uq_article_version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id"), index=True)
    outlet: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    url: Mapped[Optional[str]] = mapped_column(String(2000), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[Optional[date]] = mapped_column(Date, nullable=True)
    sentences: Mapped[Optional[list]] = mapped_column(JSON, nullable=True)   # [[start, end], …] of the pipeline's sentences
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    story: Mapped[Story] = relationship(back_populates="articles")


class Claim(Base):
    """A claim with a persistent id: an edit that keeps the claim's text keeps its id."""
    __tablename__ = "claims"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id"), index=True)
    outlet: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    first_article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    last_article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)   # span, role, modality, … of the latest version
    active: Mapped[bool] = mapped_column(default=True)


class ClaimVector(Base):
    """A stored claim's embedding under an archive sequence number (service/archive/): the claim index is rebuilt
    and caught up from these rows, so the database stays its source of truth. AUTOINCREMENT: a sequence number is
    never reused, also on SQLite after a rebuild deleted the rows."""
    __tablename__ = "claim_vectors"
    __table_args__ = {"sqlite_autoincrement": True}
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), unique=True)
    model: Mapped[str] = mapped_column(String(300))   # the embedder's name, revision and dimension
    vector: Mapped[bytes] = mapped_column(LargeBinary)   # float32, normalised
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ArticleClaim(Base):
    """Which claims each article version carries, with their spans in that version."""
    __tablename__ = "article_claims"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    spans: Mapped[list] = mapped_column(JSON)


class Finding(Base):
    """A discrepancy between claims of a story; closed when a later version no longer supports it."""
    __tablename__ = "findings"
    __table_args__ = (Index("ix_findings_story_status", "story_id", "status"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id"))
    signature: Mapped[str] = mapped_column(String(400))     # the pipeline finding id: its facts and slot
    type: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(10))
    confidence: Mapped[float] = mapped_column(Float)
    explanation: Mapped[str] = mapped_column(Text)
    claim_ids: Mapped[list] = mapped_column(JSON)
    slot: Mapped[Optional[str]] = mapped_column(String(20), nullable=True)
    facts: Mapped[Optional[list]] = mapped_column(JSON, nullable=True)       # the pipeline fact ids it disputes
    positions: Mapped[Optional[list]] = mapped_column(JSON, nullable=True)   # [{value, sources, claims}] of the last run
    status: Mapped[str] = mapped_column(String(20), default="open")   # open | closed
    opened_by_article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    closed_by_article_id: Mapped[Optional[int]] = mapped_column(ForeignKey("articles.id"), nullable=True)
    review: Mapped[Optional[str]] = mapped_column(String(20), nullable=True)   # confirmed | dismissed | edited
    reviewed_explanation: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True), nullable=True)


class TriageItem(Base):
    """A finding waiting for a reviewer. `version` guards concurrent decisions (optimistic locking)."""
    __tablename__ = "triage_items"
    __table_args__ = (Index("ix_triage_status_rank", "status", "severity_rank"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"), unique=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id"), index=True)
    type: Mapped[str] = mapped_column(String(40))
    severity_rank: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | confirmed | dismissed | edited | closed
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    search_text: Mapped[str] = mapped_column(Text, default="")   # claim texts and explanation, case-folded
    finding: Mapped[Finding] = relationship()
    outlets: Mapped[list["TriageItemOutlet"]] = relationship(order_by="TriageItemOutlet.outlet",
                                                             cascade="all, delete-orphan", lazy="selectin")


class TriageItemOutlet(Base):
    """The outlets a queue item's finding involves (the queue's outlet filter and column)."""
    __tablename__ = "triage_item_outlets"
    triage_item_id: Mapped[int] = mapped_column(ForeignKey("triage_items.id"), primary_key=True)
    outlet: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)


class ReviewDecision(Base):
    __tablename__ = "review_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    triage_item_id: Mapped[int] = mapped_column(ForeignKey("triage_items.id"), index=True)
    decision: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[Optional[str]] = mapped_column(Text, nullable=True)
    api_key_id: Mapped[Optional[int]] = mapped_column(ForeignKey("api_keys.id"), nullable=True)
    item_version: Mapped[int] = mapped_column(Integer)
    undone_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ApiKey(Base):
    """An API key: only its SHA-256 is stored; `prefix` (first characters) helps people tell keys apart."""
    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True), nullable=True)


class ReviewSession(Base):
    """A reviewer page sign-in: the cookie carries the token, the store its SHA-256. Sign-out and key
    revocation delete the row, so a copied cookie opens nothing afterwards."""
    __tablename__ = "review_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    api_key_id: Mapped[int] = mapped_column(ForeignKey("api_keys.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    api_key: Mapped[ApiKey] = relationship()


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    api_key_id: Mapped[Optional[int]] = mapped_column(ForeignKey("api_keys.id"), nullable=True)
    action: Mapped[str] = mapped_column(String(60))
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class Job(Base):
    """A compare run asynchronously (POST /v1/jobs): the store's database is the queue.

    A worker (`factcheck jobs work`) claims the oldest queued job, or a running one whose lease ran out (its
    worker died), in one statement: `FOR UPDATE SKIP LOCKED` on PostgreSQL, an atomic UPDATE on SQLite.
    """
    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status_created", "status", "created_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(10), default="queued")      # queued, running, done, failed
    api_key_id: Mapped[Optional[int]] = mapped_column(ForeignKey("api_keys.id"), nullable=True, index=True)
    request: Mapped[dict] = mapped_column(JSON)
    result: Mapped[Optional[dict]] = mapped_column(JSON, nullable=True)
    error: Mapped[Optional[dict]] = mapped_column(JSON, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[Optional[str]] = mapped_column(String(100), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    started_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True), nullable=True)
    lease_until: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True), nullable=True)
