"""A lost database connection is 503 `database_unavailable` with Retry-After; other database errors stay 500."""
import psycopg
import pytest
from flask import Flask
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError, ProgrammingError

from service import errors


@pytest.fixture()
def app_raising():
    app = Flask("database-errors")
    errors.register(app)
    raised = {}

    @app.get("/boom")
    def boom():
        raise raised["error"]

    def answer(error):
        raised["error"] = error
        return app.test_client().get("/boom")
    return answer


@pytest.mark.parametrize("error", [
    OperationalError("SELECT 1", {}, psycopg.OperationalError("connection refused")),
    OperationalError("COMMIT", {}, psycopg.errors.AdminShutdown("terminating connection due to administrator command")),
    InterfaceError("SELECT 1", {}, psycopg.InterfaceError("the connection is closed")),
    DBAPIError("SELECT 1", {}, psycopg.DatabaseError("server closed the connection"), connection_invalidated=True),
])
def test_a_lost_database_is_503_with_retry_after(app_raising, error):
    response = app_raising(error)
    assert response.status_code == 503
    assert response.get_json() == {"error": {"code": "database_unavailable", "message": response.get_json()["error"]["message"]}}
    assert "SELECT" not in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) == errors.DATABASE_RETRY_AFTER


@pytest.mark.parametrize("error", [
    IntegrityError("INSERT", {}, psycopg.errors.UniqueViolation("duplicate key")),
    ProgrammingError("SELEC 1", {}, psycopg.errors.SyntaxError("syntax error")),
])
def test_other_database_errors_stay_internal_500(app_raising, error):
    response = app_raising(error)
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "internal_error"
    assert "Retry-After" not in response.headers
