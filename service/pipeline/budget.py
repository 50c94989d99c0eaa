"""A request's budget: a cooperative deadline and a cap on claims, checked between pipeline stages and sources.

No signal interrupts a stage; `Pipeline.run` calls `check()` between stages (and every 50 sentences while it
extracts claims), so a run past its deadline stops at the next check with `DeadlineExceeded`, and the worker
answers in time instead of being killed by gunicorn's timeout; `check_claims()` stops a story with more claims
than the cap (`TooManyClaims`) before anything is embedded. Both are set for a block of code with
`limits(deadline_s, max_claims)` (context variables, so each thread of a worker has its own); outside one,
nothing expires and no cap holds (the batch CLI).
"""
from __future__ import annotations

import contextlib
import time
from contextvars import ContextVar
from typing import Iterator, Optional

_deadline: ContextVar[Optional[tuple[float, float]]] = ContextVar("factcheck_deadline", default=None)
_max_claims: ContextVar[int] = ContextVar("factcheck_max_claims", default=0)


class DeadlineExceeded(Exception):
    """The run went past its deadline; `stage` is the last one it finished."""

    def __init__(self, seconds: float, stage: str):
        super().__init__(f"[FC040] the story took longer than {seconds:g} s (stopped after {stage})")
        self.seconds, self.stage = seconds, stage


class TooManyClaims(Exception):
    """The story holds more claims than the cap; `count` is how many were found before extraction stopped."""

    def __init__(self, count: int, limit: int):
        super().__init__(f"[FC041] the story has more than {limit} claims ({count} found before stopping)")
        self.count, self.limit = count, limit


@contextlib.contextmanager
def limits(deadline_s: Optional[float] = None, max_claims: int = 0) -> Iterator[None]:
    """Runs inside the block stop at their next check once `deadline_s` have passed (None or ≤ 0: no deadline),
    and when a story has more than `max_claims` claims (0: no cap)."""
    token = _deadline.set((time.monotonic() + deadline_s, deadline_s) if deadline_s and deadline_s > 0 else None)
    cap = _max_claims.set(max(0, max_claims or 0))
    try:
        yield
    finally:
        _deadline.reset(token)
        _max_claims.reset(cap)


def remaining() -> Optional[float]:
    """Seconds left before the current deadline (negative past it); None without one."""
    current = _deadline.get()
    return None if current is None else current[0] - time.monotonic()


def check(stage: str) -> None:
    current = _deadline.get()
    if current is not None and time.monotonic() > current[0]:
        raise DeadlineExceeded(current[1], stage)


def check_ahead(stage: str, seconds: float) -> None:
    """Stop now when the next step is expected to take `seconds` and would end past the deadline (a stage is not
    interrupted once started, so this keeps the answer near the deadline, not one long stage after it)."""
    current = _deadline.get()
    if current is not None and seconds > 0 and time.monotonic() + seconds > current[0]:
        raise DeadlineExceeded(current[1], f"{stage}; the next stage would take about {seconds:.0f} s more")


def check_claims(count: int) -> None:
    limit = _max_claims.get()
    if limit and count > limit:
        raise TooManyClaims(count, limit)
