"""Reviewer page sessions end server-side: a cookie copied before sign-out or key revocation opens nothing after."""
from sqlalchemy import func, select

from service.store import db
from service.store.models import ReviewSession
from tests.attack.test_hostile_store import sign_in
from tests.store.conftest import as_role


def copy_of(client, app):
    """A second browser holding the same session cookie (saved by an attacker, or left in another tab)."""
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    return copy


def signed_in(client) -> bool:
    html = client.get("/review").get_data(as_text=True)
    assert ("Open items" in html) != ('id="sign-in"' in html)
    return "Open items" in html


def sessions(app) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(ReviewSession))


def test_sign_out_ends_the_session_for_every_copy_of_the_cookie(store_app, keys):
    client, token = sign_in(store_app, keys["reviewer"])
    saved = copy_of(client, store_app)
    assert signed_in(saved) and sessions(store_app) == 1
    assert client.post("/review/logout", data={"csrf_token": token}).status_code == 302
    assert not signed_in(client)
    assert not signed_in(saved)
    assert saved.get("/review/audit").status_code == 302
    assert sessions(store_app) == 0


def test_signing_out_one_browser_leaves_another_sign_in_of_the_same_key(store_app, keys):
    first, token = sign_in(store_app, keys["reviewer"])
    second, _ = sign_in(store_app, keys["reviewer"])
    first.post("/review/logout", data={"csrf_token": token})
    assert not signed_in(first) and signed_in(second)


def test_revoking_the_key_ends_its_sessions(store_app, keys):
    client, _ = sign_in(store_app, keys["reviewer"])
    saved = copy_of(client, store_app)
    admin = as_role(store_app, keys, "admin")
    with store_app.app_context():
        key_id = db.session().scalar(select(ReviewSession.api_key_id))
    assert admin.delete(f"/v1/keys/{key_id}").status_code == 200
    assert sessions(store_app) == 0
    assert not signed_in(saved) and not signed_in(client)


def test_a_forged_or_stale_session_token_is_refused(store_app, keys):
    client, _ = sign_in(store_app, keys["reviewer"])
    with client.session_transaction() as session:
        session["sid"] = "not-a-session"
    assert not signed_in(client)
    with client.session_transaction() as session:
        session["key_id"] = 1   # the cookie of the old scheme held only the key id
    assert not signed_in(client)
