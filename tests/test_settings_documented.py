"""Every setting is documented in README's Settings table, with its default (Datasette's test_docs habit)."""
import re

import pytest

from service.settings import Settings
from tests.conftest import ROOT


def readme_settings_table() -> dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Settings", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        match = re.fullmatch(r"`(FACTCHECK_[A-Z0-9_]+)`", cells[0]) if len(cells) >= 3 else None
        if match:
            rows[match.group(1)] = cells[1]
    return rows


def documented_default(default) -> str:
    if default == "":
        return "(empty)"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    return f"`{default}`"


TABLE = readme_settings_table()


@pytest.mark.parametrize("name, default, help_text", Settings.documented(), ids=lambda v: str(v)[:40])
def test_setting_is_in_the_readme_with_its_default(name, default, help_text):
    assert help_text.strip(), f"{name} has no help text"
    assert name in TABLE, f"{name} is missing from README.md's Settings table"
    assert TABLE[name] == documented_default(default), f"{name}: README says {TABLE[name]}, code says {default!r}"


def test_readme_documents_no_setting_that_does_not_exist():
    assert set(TABLE) == {name for name, _, _ in Settings.documented()}
