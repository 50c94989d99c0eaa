"""Sentence embeddings with sentence-transformers, normalised for cosine similarity."""
from __future__ import annotations

import numpy as np

from models.registry import ModelRef


class Embedder:
    def __init__(self, ref: ModelRef):
        from sentence_transformers import SentenceTransformer

        self.ref = ref
        # Packaged and local models never touch the hub; hub names are fetched only if the
        # deployment allows it (HF_HUB_OFFLINE unset).
        self.model = SentenceTransformer(ref.location, device="cpu", local_files_only=ref.packaged)
        self.dimension = int(self.model.get_embedding_dimension())

    def encode(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)
