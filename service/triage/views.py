"""The reviewer page at /review: sign in with a key once, work the queue, see the audit log.

Server-rendered (Jinja autoescapes every article and claim text); forms carry a CSRF token checked by
Flask-WTF; a sign-in is a row in review_sessions whose token the signed session cookie carries, looked up on
every request, so signing out or revoking the key ends it server-side.
"""
from __future__ import annotations

import os
import secrets
from typing import Optional

from flask import Blueprint, Flask, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import delete

from service.auth import find_key, hash_key
from service.inputs import bounded_int
from service.store import audit, db
from service.store.models import MAX_ID, ApiKey, Claim, Finding, ReviewSession, TriageItem, valid_id
from service.triage import queue
from service.triage.diff import highlight

bp = Blueprint("review", __name__, url_prefix="/review", template_folder="templates", static_folder="static")
csrf = CSRFProtect()
REVIEW_ROLES = ("reviewer", "admin")


@bp.before_request
def guard():
    if request.endpoint == "review.static":
        return None
    if request.method == "POST":
        csrf.protect()
    g.reviewer = _signed_in_key()
    if g.reviewer is None:
        if "sid" in session:
            session.clear()
        if request.endpoint not in ("review.login", "review.queue_page"):
            return redirect(url_for("review.queue_page"))
    return None


def _signed_in_key() -> Optional[ApiKey]:
    """The key of this browser's sign-in, looked up server-side on every request (none after sign-out or revocation)."""
    token = session.get("sid")
    if not isinstance(token, str):
        return None
    row = db.session().get(ReviewSession, hash_key(token))
    key = row.api_key if row is not None else None
    return key if key is not None and key.revoked_at is None and key.role in REVIEW_ROLES else None


@bp.get("")
def queue_page():
    if g.reviewer is None:
        return render_template("review/login.html")
    page = queue.list_items(db.session(), "open", request.args.get("story") or None, None,
                            bounded_int(request.args, "page", 1, 1, 1_000_000), 50)
    return render_template("review/queue.html", page=page)


@bp.post("/login")
def login():
    key = (request.form.get("key") or "").strip()
    row = find_key(db.session(), key) if key else None
    if row is None or row.role not in REVIEW_ROLES:
        message = "Unknown or revoked key." if row is None else f"A {row.role} key cannot review; use a reviewer key."
        return render_template("review/login.html", error=message), (401 if row is None else 403)
    token = secrets.token_urlsafe(32)
    db.session().add(ReviewSession(token_hash=hash_key(token), api_key_id=row.id))
    audit.record(db.session(), "reviewer_signed_in", "api_key", row.id, row.id)
    db.session().commit()
    session.clear()
    session["sid"] = token
    return redirect(url_for("review.queue_page"))


@bp.post("/logout")
def logout():
    token = session.get("sid")
    if isinstance(token, str):
        db.session().execute(delete(ReviewSession).where(ReviewSession.token_hash == hash_key(token)))
        db.session().commit()
    session.clear()
    return redirect(url_for("review.queue_page"))


@bp.get("/items/<int:item_id>")
def item_page(item_id: int):
    item = (valid_id(item_id) and db.session().get(TriageItem, item_id)) or abort(404)
    return render_template("review/item.html", item=item, finding=item.finding, sides=_sides(item.finding))


@bp.post("/items/<int:item_id>/decision")
def decide(item_id: int):
    store = db.session()
    (valid_id(item_id) and store.get(TriageItem, item_id)) or abort(404)
    decision = request.form.get("decision", "")
    if decision not in queue.DECISIONS:
        abort(400, description=f"Unknown decision {decision!r}.")
    try:
        queue.decide(store, item_id, decision, request.form.get("note", ""), request.form.get("explanation") or None,
                     bounded_int(request.form, "expected_version", None, 1, MAX_ID), g.reviewer.id)
    except queue.DecisionConflict as conflict:
        flash(f"Item {item_id} was not changed: {conflict.reason}", "error")
        return redirect(url_for("review.item_page", item_id=item_id))
    flash(f"Item {item_id} {queue.DECISIONS[decision]}.", "ok")
    return redirect(url_for("review.queue_page"))


@bp.get("/stories/<story_id>")
def story_page(story_id: str):
    from service.store.ingest import latest_articles

    articles = latest_articles(db.session(), story_id)
    if not articles:
        abort(404)
    return render_template("review/story.html", story_id=story_id, articles=articles)


@bp.get("/audit")
def audit_page():
    return render_template("review/audit.html", entries=audit.recent(db.session(), 100))


def _sides(finding: Finding) -> list[dict]:
    """The finding's claims grouped by outlet, with the words that differ between the two sides marked."""
    store = db.session()
    by_outlet: dict[str, list[Claim]] = {}
    for claim_id in finding.claim_ids:
        claim = store.get(Claim, claim_id)
        if claim is not None:
            by_outlet.setdefault(claim.outlet, []).append(claim)
    sides = [{"outlet": outlet, "claims": claims, "text": " … ".join(c.text for c in claims)}
             for outlet, claims in by_outlet.items()]
    if len(sides) == 2:
        sides[0]["words"], sides[1]["words"] = highlight(sides[0]["text"], sides[1]["text"])
    else:
        for side in sides:
            side["words"] = [(side["text"], False)]
    return sides


BIDI_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


@bp.app_template_filter("strip_bidi")
def strip_bidi(text) -> str:
    """For text that cannot sit in a <bdi> (the page title): without its direction controls."""
    return str(text).translate(BIDI_CONTROLS)


def _secret_key(app: Flask, settings) -> str:
    if settings.secret_key:
        return settings.secret_key
    path = os.path.join(app.instance_path, "secret_key")
    os.makedirs(app.instance_path, exist_ok=True)
    try:
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
            handle.write(secrets.token_hex(32))
    except FileExistsError:
        pass
    with open(path) as handle:
        return handle.read().strip()


def init_app(app: Flask, settings) -> None:
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app, settings)
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)   # only the reviewer page's forms carry tokens
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    csrf.init_app(app)
    app.register_blueprint(bp)
