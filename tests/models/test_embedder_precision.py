"""The embedder's arithmetic: bfloat16 only where the CPU has it, int8 elsewhere, and close to float32 where used."""
import numpy as np
import pytest

from models import registry
from models.embedder import Embedder, load_embedder, resolve_precision

XEON_FLAGS = "flags\t\t: fpu vme sse2 avx2 avx512f avx512_bf16 amx_bf16 amx_tile\n"
OLDER_FLAGS = "flags\t\t: fpu vme sse2 avx2 avx512f avx512_vnni\n"
EPYC_FLAGS = "flags\t\t: fpu vme sse2 avx2 fma\n"


def test_auto_picks_bfloat16_only_on_cpus_that_multiply_it_in_hardware_else_int8():
    assert resolve_precision("auto", XEON_FLAGS) == "bfloat16"
    assert resolve_precision("auto", OLDER_FLAGS) == "int8"
    assert resolve_precision("auto", EPYC_FLAGS) == "int8"
    assert resolve_precision("float32", XEON_FLAGS) == "float32"
    assert resolve_precision("int8", XEON_FLAGS) == "int8"


def test_unknown_precision_is_a_clear_error():
    with pytest.raises(ValueError, match="FC012"):
        resolve_precision("fp8")
    with pytest.raises(ValueError, match="FC012"):
        Embedder(registry.resolve("embedder"), "int8")   # the torch embedder has no int8


def test_a_model_int8_cannot_be_built_from_is_refused_and_auto_runs_it_in_float32(tmp_path, monkeypatch):
    hub = registry.ModelRef("embedder", "org/some-model", "org/some-model", packaged=False)
    with pytest.raises(ValueError, match="FC013"):
        load_embedder(hub, "int8", str(tmp_path))
    loaded = []
    monkeypatch.setattr("models.embedder.Embedder", lambda ref, precision: loaded.append(precision) or precision)
    monkeypatch.setattr("models.embedder.resolve_precision", lambda setting: "int8")   # a CPU without bfloat16
    assert load_embedder(hub, "auto", str(tmp_path)) == "float32" and loaded == ["float32"]


@pytest.mark.slow
def test_bfloat16_similarities_stay_close_to_float32():
    ref = registry.resolve("embedder")
    texts = ["The United States lifted sanctions on Belavia.", "Washington eased sanctions on the airline.",
             "Belarus released 52 political prisoners.", "The weather in Minsk was cold on Friday."]
    exact = Embedder(ref, "float32").encode(texts)
    rounded = Embedder(ref, "bfloat16").encode(texts)
    assert rounded.dtype == np.float32 and rounded.shape == exact.shape
    assert np.abs(rounded @ rounded.T - exact @ exact.T).max() < 0.01
