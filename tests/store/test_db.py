"""The request's session: a connection the database dropped is not the client's error."""
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session


def test_a_session_that_cannot_close_leaves_the_answer_as_it_was(client, monkeypatch):
    def dropped(self):
        raise OperationalError("ROLLBACK", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(Session, "close", dropped)
    response = client.get("/v1/stories/no-such-story")
    assert response.status_code == 404 and response.is_json
    assert response.get_json()["error"]["code"] == "not_found"
