"""The FAISS index and its file, on hash-seeded unit vectors (no model needed)."""
from __future__ import annotations

import numpy as np
import pytest

from service.archive.index import ClaimIndex, IndexMismatch, ModelStamp, factory_string, ivf_lists

STAMP = ModelStamp("model", "rev1", 16)


def unit_vectors(n, d=16, seed=0):
    x = np.random.default_rng(seed).standard_normal((n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_type_follows_the_archive_size():
    assert factory_string(10, 50_000) == "IDMap2,Flat"
    assert factory_string(1_000_000, 50_000) == "IVF4096,SQ8"
    assert ivf_lists(1_000_000) == 4096


@pytest.mark.parametrize("exact_below", [10_000, 100])
def test_build_search_save_and_load(tmp_path, exact_below):
    x = unit_vectors(6000)
    seqs = np.arange(10, 6010)
    index = ClaimIndex.build(STAMP, seqs, x, exact_below, nprobe=64, last_claim="cl_last")
    assert index.kind == ("flat" if exact_below > 6000 else "ivf") and index.count == 6000
    scores, found = index.search(x[:5], 3)
    assert list(found[:, 0]) == list(seqs[:5]) and np.all(scores[:, 0] > 0.97)
    index.gaps = {3: 1.0}
    index.save(tmp_path / "i.faiss")
    loaded = ClaimIndex.load(tmp_path / "i.faiss", STAMP)
    assert (loaded.count, loaded.high, loaded.high_claim, loaded.gaps) == (6000, 6009, "cl_last", {3: 1.0})
    assert list(loaded.search(x[:5], 1)[1][:, 0]) == list(seqs[:5])


def test_another_model_is_a_coded_error_naming_the_rebuild(tmp_path):
    ClaimIndex.build(STAMP, np.arange(1, 4), unit_vectors(3), 100).save(tmp_path / "i.faiss")
    with pytest.raises(IndexMismatch, match=r"\[FC040\].*model@rev1/16.*other@rev1/16.*factcheck index rebuild"):
        ClaimIndex.load(tmp_path / "i.faiss", ModelStamp("other", "rev1", 16))
    with pytest.raises(IndexMismatch, match="FC040"):
        ClaimIndex.load(tmp_path / "i.faiss", ModelStamp("model", "rev1", 32))


def test_a_missing_or_damaged_file_is_rebuilt_not_trusted(tmp_path):
    assert ClaimIndex.load(tmp_path / "none.faiss", STAMP) is None
    (tmp_path / "bad.faiss").write_bytes(b"not an index")
    assert ClaimIndex.load(tmp_path / "bad.faiss", STAMP) is None
    ClaimIndex.build(STAMP, np.arange(1, 4), unit_vectors(3), 100).save(tmp_path / "cut.faiss")
    raw = (tmp_path / "cut.faiss").read_bytes()
    (tmp_path / "cut.faiss").write_bytes(raw[:-40])
    assert ClaimIndex.load(tmp_path / "cut.faiss", STAMP) is None


def test_an_empty_index_answers_nothing():
    index = ClaimIndex.build(STAMP, np.zeros(0, dtype=np.int64), np.zeros((0, 16), np.float32), 100)
    scores, found = index.search(unit_vectors(2), 4)
    assert found.shape == (2, 4) and np.all(found == -1)


def test_the_stamp_names_the_model_folder_and_the_int8_graph(tmp_path):
    from types import SimpleNamespace

    from service.archive.archive import stamp_of

    (tmp_path / "config.json").write_text('{"hidden_size": 16}')
    ref = SimpleNamespace(name="my-model", location=str(tmp_path))
    plain = stamp_of(SimpleNamespace(ref=ref, dimension=16, precision="float32"))
    assert (plain.name, plain.dimension) == ("my-model", 16) and len(plain.revision) == 16
    assert stamp_of(SimpleNamespace(ref=ref, dimension=16, precision="bfloat16")) == plain
    assert stamp_of(SimpleNamespace(ref=ref, dimension=16, precision="int8")).revision == plain.revision + "-int8"
    (tmp_path / "config.json").write_text('{"hidden_size": 16, "changed": true}')
    assert stamp_of(SimpleNamespace(ref=ref, dimension=16, precision="float32")).revision != plain.revision


def test_a_small_search_runs_on_one_faiss_thread_and_a_large_one_on_all():
    import faiss

    from service.archive.index import ONE_THREAD_BELOW

    index = ClaimIndex.build(STAMP, np.arange(1, 201), unit_vectors(200), 50_000)
    seen = []

    class Recording:
        def __init__(self, inner):
            self.inner, self.ntotal = inner, inner.ntotal

        def search(self, queries, k):
            seen.append((len(queries), faiss.omp_get_max_threads()))
            return self.inner.search(queries, k)

    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(2)
    try:
        index.index = Recording(index.index)
        small = index.search(unit_vectors(ONE_THREAD_BELOW - 1, seed=1), 3)
        index.search(unit_vectors(ONE_THREAD_BELOW, seed=2), 3)
        assert seen == [(ONE_THREAD_BELOW - 1, 1), (ONE_THREAD_BELOW, 2)] and faiss.omp_get_max_threads() == 2
        assert small[1].shape == (ONE_THREAD_BELOW - 1, 3) and (small[1] >= 1).all()
    finally:
        faiss.omp_set_num_threads(before)
