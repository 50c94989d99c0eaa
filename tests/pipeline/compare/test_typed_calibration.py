"""Typed checks' confidences: measured per type on the fit part (fit.py) and reported through Calibration."""
import json

import numpy as np

from models.calibration import fit
from models.calibration.signals import PairSignals, UnitSignals
from service.pipeline import thresholds as calibration_module
from service.pipeline.compare import verdicts
from service.pipeline.thresholds import Calibration
from service.pipeline.types import Claim, Pair, Quantity

UNIT = (UnitSignals(0.9, (0.5, 0.5), ((0.5, 0.5),)),)


def signals(file, label, expected, typed, n):
    return [PairSignals(file, f"{file}-{label}-{typed}-{i}", "fit", label, expected, UNIT, typed, 0.9)
            for i in range(n)]


def test_fit_typed_counts_right_discrepancies_and_smooths():
    rows = (signals("vitaminc", "refuted", "discrepancy", "numeric", 6)
            + signals("vitaminc", "nei", "related", "numeric", 3)
            + signals("news_summary_faith", "unfaithful", "not-agree", "numeric", 2)   # not-agree: right
            + signals("news_summary_faith", "faithful", "agree", "numeric", 1)
            + signals("vitaminc", "refuted", "discrepancy", "date", 3)
            + signals("vitaminc", "supported", "agree", None, 50))
    typed = fit.fit_typed(rows)
    assert set(typed) == {"numeric", "date"}
    numeric = typed["numeric"]
    assert (numeric["pairs"], numeric["right"]) == (12, 8)
    assert numeric["confidence"] == round((8 + 1) / (12 + 2), 3)
    assert numeric["by_file"] == {"news_summary_faith": [3, 2], "vitaminc": [9, 6]}
    # Too few fit examples: measured rate recorded, but no confidence, so the service keeps the fixed one.
    assert typed["date"]["pairs"] < fit.MIN_TYPED_PAIRS
    assert typed["date"]["confidence"] is None
    assert typed["date"]["smoothed_rate"] == round(4 / 5, 3)


def write_record(tmp_path, typed):
    record = {"thresholds": {"contradiction": 0.96}, "confidence": {}, "typed": typed}
    (tmp_path / "some-model.json").write_text(json.dumps(record), encoding="utf-8")


def test_calibration_reads_typed_confidence_and_falls_back(tmp_path, monkeypatch):
    monkeypatch.setattr(calibration_module, "CALIBRATION_DIR", tmp_path)
    write_record(tmp_path, {"numeric": {"pairs": 40, "right": 18, "confidence": 0.452},
                            "date": {"pairs": 3, "right": 3, "confidence": None}})
    c = Calibration.for_model("some-model")
    assert c.contradiction == 0.96
    assert c.typed_confidence("numeric", 0.9) == 0.452
    assert c.typed_confidence("date", 0.85) == 0.85
    assert c.typed_confidence("location", 0.75) == 0.75
    assert Calibration().typed_confidence("numeric", 0.9) == 0.9


def count_claim(cid, source, value):
    return Claim(id=cid, source=source, text=f"{value} prisoners were released", spans=((0, 10),), sentence=0,
                 event="release", quantities=(Quantity(float(value), "prisoner", str(value)),))


def test_pipeline_reports_the_calibrated_confidence_for_a_typed_discrepancy():
    claims = [count_claim("A#0", "A", 52), count_claim("B#0", "B", 25)]
    vectors = np.eye(2, dtype=np.float32)
    pairs = [Pair(0, 1, 0.9)]
    measured = Calibration(typed_confidences=(("numeric", 0.61),))
    judged, _ = verdicts.judge(pairs, claims, vectors, nli=None, calibration=measured, nli_max_pairs=0)
    assert [(v.verdict, v.discrepancy_type, v.confidence) for v in judged] == [("discrepancy", "numeric", 0.61)]
    fixed, _ = verdicts.judge(pairs, claims, vectors, nli=None, calibration=Calibration(), nli_max_pairs=0)
    assert fixed[0].confidence == 0.9   # the numeric check's own value when nothing was measured
    assert fixed[0].explanation == judged[0].explanation
