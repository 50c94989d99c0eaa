"""The int8 embedder: built once from a sentence-transformers folder and cached by hash, close to float32,
a text's vector independent of the texts beside it and of the integer kernels the CPU runs."""
import json
import os

import numpy as np
import pytest

from models import registry
from models.embedder import Embedder, load_embedder
from models.onnx_embedder import OnnxInt8Embedder, build_int8

TEXTS = ["The United States lifted sanctions on Belavia.", "Washington eased sanctions on the airline.",
         "Belarus released 52 political prisoners on Thursday after talks in Minsk.", "It rained."]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A small random BERT saved as a mean-pooled, normalised sentence-transformers folder."""
    from transformers import AutoTokenizer, BertConfig, BertModel

    folder = tmp_path_factory.mktemp("tiny-st")
    tokenizer = AutoTokenizer.from_pretrained(registry.resolve("embedder").location)
    BertModel(BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                         intermediate_size=64)).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
               {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 64}))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({"word_embedding_dimension": 32,
                                                                  "pooling_mode_mean_tokens": True}))
    (folder / "2_Normalize").mkdir()
    return folder


def test_built_once_and_rebuilt_when_the_model_changes(tiny_model, tmp_path):
    cache = tmp_path / "cache"
    first = build_int8(str(tiny_model), str(cache))
    built_at = first.stat().st_mtime_ns
    assert build_int8(str(tiny_model), str(cache)) == first and first.stat().st_mtime_ns == built_at
    assert [p.name for p in cache.iterdir()] == [first.name]            # no scratch files left behind
    config = json.loads((tiny_model / "config.json").read_text())
    (tiny_model / "config.json").write_text(json.dumps({**config, "layer_norm_eps": 1e-6}))
    try:
        assert build_int8(str(tiny_model), str(cache)) != first
    finally:
        (tiny_model / "config.json").write_text(json.dumps(config))


def test_int8_vectors_are_normalised_and_close_to_torch_float32(tiny_model, tmp_path):
    ref = registry.ModelRef("embedder", str(tiny_model), str(tiny_model), packaged=False)
    int8 = OnnxInt8Embedder(ref, str(tmp_path))
    vectors = int8.encode(TEXTS)
    assert vectors.shape == (4, 32) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    exact = Embedder(ref, "float32").encode(TEXTS)
    assert (1 - (vectors * exact).sum(1)).max() < 0.02
    assert int8.encode([]).shape == (0, 32)


def test_only_mean_pooled_normalised_models_are_built(tiny_model, tmp_path):
    with pytest.raises(ValueError, match="FC013"):
        build_int8(str(tmp_path), str(tmp_path))           # no sentence-transformers folder
    modules = json.loads((tiny_model / "modules.json").read_text())
    (tiny_model / "modules.json").write_text(json.dumps(modules[:2]))
    try:
        with pytest.raises(ValueError, match="FC013"):
            build_int8(str(tiny_model), str(tmp_path))
    finally:
        (tiny_model / "modules.json").write_text(json.dumps(modules))


@pytest.fixture(scope="module")
def packaged_int8():
    """The packaged MiniLM in int8, built into the instance folder like the service does (once per checkout)."""
    return load_embedder(registry.resolve("embedder"), "int8", registry.cache_folder())


@pytest.mark.slow
def test_packaged_int8_stays_within_the_cosine_budget_and_apart_from_batch_company(packaged_int8):
    assert os.path.dirname(packaged_int8.path) == registry.cache_folder()
    vectors = packaged_int8.encode(TEXTS)
    exact = Embedder(registry.resolve("embedder"), "float32").encode(TEXTS)
    assert (1 - (vectors * exact).sum(1)).max() < 0.02
    assert np.abs(vectors @ vectors.T - exact @ exact.T).max() < 0.03
    # Each text runs alone: its vector is the same with any company, in any order.
    alone = np.stack([packaged_int8.encode([t])[0] for t in TEXTS])
    assert np.array_equal(alone, vectors)
    assert np.array_equal(packaged_int8.encode(TEXTS[::-1])[::-1], vectors)


@pytest.mark.slow
def test_packaged_int8_gives_the_same_vectors_on_both_integer_paths(packaged_int8):
    by_cpu = packaged_int8.encode(TEXTS)
    forced = OnnxInt8Embedder(registry.resolve("embedder"), registry.cache_folder(), exact_u8u8=True)
    assert np.abs(forced.encode(TEXTS) - by_cpu).max() < 1e-5
    assert forced.int8_kernels == "u8u8" and packaged_int8.int8_kernels in ("u8s8", "u8u8")
