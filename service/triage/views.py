"""The reviewer page at /review: sign in with a key once, work the queue, read a finding in context and a story
across outlets, see the audit log.

Server-rendered (Jinja autoescapes every article, outlet, story id, note and explanation); every action is a plain
form carrying a CSRF token checked by Flask-WTF, so all of it works without JavaScript (queue.js only adds the
keyboard and decides without a reload). A sign-in is a row in review_sessions whose token the signed session
cookie carries, looked up on every request, so signing out or revoking the key ends it server-side.
"""
from __future__ import annotations

import os
import secrets
import time
from typing import Optional

from flask import Blueprint, Flask, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import delete

from service.auth import find_key, hash_key
from service.inputs import bounded_int
from service.store import audit, db
from service.store.models import MAX_ID, ApiKey, ReviewSession, TriageItem, valid_id
from service.triage import queue, workbench

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


FILTER_TEXT_MAX = 200


def _filters() -> dict:
    """The queue's filters from the query string; a value outside its choices is a 400, never a silent change."""
    args = request.args
    chosen = {name: (args.get(name) or "").strip()[:FILTER_TEXT_MAX] for name in workbench.FILTERS}
    if chosen["status"] == "":
        chosen["status"] = "open" if "status" not in args else "any"
    for name, allowed in (("status", (*queue.STATUSES, "any")), ("type", workbench.TYPES),
                          ("severity", queue.SEVERITIES)):
        if chosen[name] and chosen[name] not in allowed:
            abort(400, description=f"{name}: one of {', '.join(allowed)}.")
    if chosen["min_confidence"]:
        try:
            value = float(chosen["min_confidence"])
        except ValueError:
            value = -1.0
        if not 0.0 <= value <= 1.0:
            abort(400, description="min_confidence: a number from 0 to 1.")
    return chosen


@bp.get("")
def queue_page():
    if g.reviewer is None:
        return render_template("review/login.html")
    chosen = _filters()
    number = bounded_int(request.args, "page", 1, 1, 1_000_000)
    page = queue.list_items(db.session(), None if chosen["status"] == "any" else chosen["status"],
                            chosen["story"] or None, chosen["type"] or None, number, workbench.PER_PAGE,
                            severity=chosen["severity"] or None, outlet=chosen["outlet"] or None,
                            min_confidence=float(chosen["min_confidence"]) if chosen["min_confidence"] else None,
                            search=chosen["q"] or None, counts=True)
    return render_template("review/queue.html", page=page, filters=chosen, outlets=queue.outlets(db.session()),
                           types=workbench.TYPES, severities=queue.SEVERITIES, statuses=queue.STATUSES,
                           links=workbench.page_links(page), here=request.full_path.rstrip("?"))


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
    view = workbench.finding_view(db.session(), item.finding)
    decisions = workbench.decisions(db.session(), item.id)
    from service.archive.prior import for_finding

    return render_template("review/item.html", item=item, finding=item.finding, view=view, decisions=decisions,
                           here=request.path, prior=for_finding(db.session(), item.finding))


def _next(default: str) -> str:
    """Where a form sends the reviewer back: a path of this page only (never another site)."""
    target = request.form.get("next") or ""
    if target.startswith("/review") and not target.startswith("//") and "\\" not in target and "\n" not in target:
        return target
    return default


@bp.post("/items/<int:item_id>/decision")
def decide(item_id: int):
    store = db.session()
    (valid_id(item_id) and store.get(TriageItem, item_id)) or abort(404)
    decision = request.form.get("decision", "")
    if decision not in queue.DECISIONS:
        abort(400, description=f"Unknown decision {decision!r}.")
    explanation = (request.form.get("explanation") or "").strip() or None
    if decision == "edit" and explanation is None:
        flash(f"Item {item_id} was not changed: an edit needs the corrected explanation.", "error")
        return redirect(url_for("review.item_page", item_id=item_id))
    if len(request.form.get("note", "")) > 5000 or len(explanation or "") > 5000:
        abort(400, description="note and explanation: at most 5,000 characters.")
    try:
        queue.decide(store, item_id, decision, request.form.get("note", ""), explanation,
                     bounded_int(request.form, "expected_version", None, 1, MAX_ID), g.reviewer.id)
    except queue.DecisionConflict as conflict:
        flash(f"Item {item_id} was not changed: {conflict.reason}", "error")
        return redirect(url_for("review.item_page", item_id=item_id))
    session["undo"] = {"item": item_id, "at": time.time()}
    flash(f"Item {item_id} {queue.DECISIONS[decision]}.", "ok")
    return redirect(_next(url_for("review.queue_page")))


@bp.post("/items/<int:item_id>/undo")
def undo(item_id: int):
    store = db.session()
    (valid_id(item_id) and store.get(TriageItem, item_id)) or abort(404)
    try:
        queue.undo(store, item_id, g.reviewer.id)
    except queue.UndoRefused as refused:
        flash(str(refused), "error")
    else:
        flash(f"Decision on item {item_id} undone: it is open again.", "ok")
    session.pop("undo", None)
    return redirect(_next(url_for("review.item_page", item_id=item_id)))


@bp.app_context_processor
def undo_offer():
    """The last decision this browser made, while it can still be undone (the page shows an Undo form)."""
    offer = session.get("undo") if request.blueprint == "review" else None
    if isinstance(offer, dict) and time.time() - float(offer.get("at", 0)) <= queue.UNDO_WINDOW_S:
        return {"undo_item": int(offer.get("item", 0)),
                "undo_left": max(1, int(queue.UNDO_WINDOW_S - (time.time() - float(offer["at"]))))}
    return {"undo_item": None}


@bp.get("/stories/<story_id>")
def story_page(story_id: str):
    view = workbench.story_view(db.session(), story_id)
    if view is None:
        abort(404)
    return render_template("review/story.html", story_id=story_id, view=view)


@bp.get("/audit")
def audit_page():
    return render_template("review/audit.html", entries=audit.recent(db.session(), 100))


@bp.app_template_global()
def queue_url(filters: dict, **changes) -> str:
    """The queue with these filters (empty ones left out), some changed: the page links and status tabs."""
    args = {k: v for k, v in {**filters, **changes}.items() if v not in ("", None)}
    if args.get("status") == "open":
        args.pop("status")    # the default
    elif args.get("status") == "any":
        args["status"] = ""
    return url_for("review.queue_page", **args)


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
