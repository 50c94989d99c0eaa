"""The check registry: every check declared once with its metadata, run in order."""
from typing import get_args

from service.pipeline.compare.checks import MODULES, quote, registered
from service.pipeline.types import DiscrepancyType, Severity, Slot
from tests.pipeline.compare.fakes import claim


def test_every_check_module_registers_one_check_in_order():
    checks = registered()
    assert sorted(c.name for c in checks) == sorted(MODULES)
    assert [c.order for c in checks] == sorted(c.order for c in checks)
    assert len({c.order for c in checks}) == len(checks)
    assert registered() == checks                       # importing twice registers nothing twice
    for check in checks:
        assert check.type in get_args(DiscrepancyType)
        assert check.slot in get_args(Slot)
        assert check.severity in get_args(Severity)
    # The first check that separates two claims names their difference: a negation before a count.
    names = [c.name for c in checks]
    assert names.index("negation") < names.index("numeric") < names.index("date") < names.index("entity")


def test_a_claim_with_nothing_in_a_slot_has_no_value_there():
    bare = claim("A#0", "Something happened")
    assert {c.name: c.value(bare) for c in registered()} == {c.name: "" for c in registered()}


def test_quote_cuts_at_a_word_boundary():
    text = "Belarus freed 52 political prisoners on Thursday, in exchange for the lifting of sanctions on Belavia"
    quoted = quote(text, 60)
    assert quoted.startswith("“Belarus freed") and quoted.endswith(" …”")
    assert quoted[1:-3].strip() in text and text[len(quoted[1:-3].rstrip())] == " "
    assert quote("  two   words ") == "“two words”"
