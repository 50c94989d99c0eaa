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


def test_keys_list_prints_a_header_even_with_no_keys(database_url, monkeypatch):
    monkeypatch.setenv("FACTCHECK_DATABASE_URL", database_url)
    empty = CliRunner().invoke(cli, ["keys", "list"])
    assert empty.exit_code == 0, empty.output
    assert empty.stdout.splitlines() == ["id\trole\tprefix\tname\tstatus"]
    CliRunner().invoke(cli, ["keys", "create", "--role", "cms", "--name", "web"])
    rows = CliRunner().invoke(cli, ["keys", "list"]).stdout.splitlines()
    assert rows[0] == "id\trole\tprefix\tname\tstatus" and len(rows) == 2
    assert rows[1].split("\t")[1::3] == ["cms", "active"]


def test_keys_init_prints_one_admin_key_on_a_fresh_store_and_nothing_after(store_app, database_url, monkeypatch):
    monkeypatch.setenv("FACTCHECK_DATABASE_URL", database_url)
    first = CliRunner().invoke(cli, ["keys", "init"])
    assert first.exit_code == 0, first.output
    key = first.stdout.strip()
    assert key.startswith("fc_admin_") and "shown once" in first.stderr
    client = store_app.test_client()
    created = client.post("/v1/keys", json={"role": "cms"}, headers={"Authorization": f"Bearer {key}"})
    assert created.status_code == 201
    again = CliRunner().invoke(cli, ["keys", "init"])
    assert again.exit_code == 0 and again.stdout == "" and "admin key" not in again.stderr
    assert len(CliRunner().invoke(cli, ["keys", "list"]).stdout.splitlines()) == 3   # header, admin, cms
