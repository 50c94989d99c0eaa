"""`factcheck keys create --role ROLE` prints a key that the service then accepts, with that role."""
from click.testing import CliRunner

from service.cli import cli


def test_keys_create_prints_a_working_key(store_app, database_url, monkeypatch):
    monkeypatch.setenv("FACTCHECK_DATABASE_URL", database_url)
    result = CliRunner().invoke(cli, ["keys", "create", "--role", "reviewer", "--name", "night desk"])
    assert result.exit_code == 0, result.output
    key = result.stdout.strip()
    client = store_app.test_client()
    assert client.get("/v1/triage", headers={"X-API-Key": key}).status_code == 200
    assert client.post("/v1/articles", json={"story_id": "s", "outlet": "o", "text": "Some text here.",
                                             "published_at": "2025-09-15"},
                       headers={"Authorization": f"Bearer {key}"}).status_code == 403
    listed = CliRunner().invoke(cli, ["keys", "list"])
    assert "reviewer" in listed.stdout and key not in listed.stdout
    bad = CliRunner().invoke(cli, ["keys", "create", "--role", "owner"])
    assert bad.exit_code != 0
