"""The development clusters through POST /v1/compare, scored by the shared cluster scorer against the N-source bar.

The gold and its scorer live in ../shared/eval/clusters/; the service never reads them, only this test does.
A bar a cluster does not meet yet is listed in SHORT and expected to fail (strictly: meeting it fails the test,
so the list is kept true).
"""
import importlib.util

import pytest

from tests.conftest import SHARED

CLUSTERS = SHARED / "eval" / "clusters"
NAMES = sorted(p.name for p in CLUSTERS.iterdir() if (p / "gold.json").exists())
BARS = ("discrepancies_typed_by_findings", "no_must_not_flag", "findings_per_discrepancy", "flags", "agreements",
        "omissions", "boilerplate")
SHORT = {
    ("air-india-ai171-2025-06-12", "agreements"): "15/17",
}


def fraction(value: str) -> tuple[int, int]:
    got, total = value.split("/")
    return int(got), int(total)


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("score_cluster", SHARED / "eval" / "score_cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored(scorer, app, api_keys):
    """Each cluster's score report and printed lines, one request per cluster."""
    client = app.test_client()
    out = {}
    for name in NAMES:
        gold, texts = scorer.load_gold(str(CLUSTERS / name))
        response = client.post("/v1/compare", json=scorer.request_body(gold, texts),
                               headers={"Authorization": f"Bearer {api_keys['cms']}"})
        assert response.status_code == 200, response.get_json()
        report, lines = scorer.score(gold, texts, response.get_json())
        out[name] = (report, "\n".join(lines))
    return out


def meets(bar: str, report: dict) -> bool:
    found, total = fraction(report["discrepancies_typed_by_findings"])
    if bar == "discrepancies_typed_by_findings":
        return found == total
    if bar == "no_must_not_flag":
        return fraction(report["must_not_flag_violated"])[0] == 0 and report["findings_on_must_not_flag"] == 0
    if bar == "findings_per_discrepancy":
        return report["findings_on_gold"] <= 2 * total
    if bar == "flags":
        return report["flags_total"] <= 12
    if bar == "agreements":
        got, of = fraction(report["agreements"])
        return got >= 0.9 * of
    if bar == "omissions":
        got, of = fraction(report["omissions"])
        return got >= 0.8 * of
    if bar == "boilerplate":
        return fraction(report["boilerplate_claims"])[0] <= 1
    raise ValueError(bar)


@pytest.mark.slow
@pytest.mark.parametrize("bar", BARS)
@pytest.mark.parametrize("name", NAMES)
def test_cluster_meets_the_n_source_bar(scored, name, bar, request):
    if (name, bar) in SHORT:
        request.applymarker(pytest.mark.xfail(strict=True, reason=f"not met yet: {SHORT[name, bar]}"))
    report, lines = scored[name]
    assert meets(bar, report), lines
