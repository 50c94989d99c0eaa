"""The sentence embedder as an int8 ONNX graph: exported with torch.onnx, quantised and run with onnxruntime.

`build_int8(folder, cache_dir)` turns a mean-pooled, normalised sentence-transformers model (the packaged
MiniLM) into `<cache_dir>/embedder-int8-<key>.onnx` once: torch.onnx.export of the transformer with the mean
pooling and the normalisation inside the graph, checked against torch, then onnxruntime's
`quantize_dynamic` (int8 weights per output channel). The key hashes every file of the model folder, the
build settings and the torch and onnxruntime versions, so anything that changes the graph builds a new file.
Building takes about a minute; it happens at first start and, under gunicorn --preload, once in the master.

The feed-forward output projections stay float32: their inputs (after GELU) hold the outliers that a per-tensor
activation scale rounds away (those six layers carry most of the quantisation error, models/cards/).

`OnnxInt8Embedder.encode` runs each text alone, unpadded: dynamic quantisation takes its activation scale from
the whole input tensor, so in a batch a text's vector would move with the texts beside it; alone it is a
function of the text only, so batch output equals /v1/compare and the store's per-text caches are exact.
Texts run side by side on a thread pool, one onnxruntime thread each, as the NLI pairs do.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

import numpy as np

from models.registry import ModelRef

BUILD_VERSION = 1          # raise when the export or the quantisation below changes
OPSET = 17
QUANTIZE = {"op_types_to_quantize": ["MatMul"], "per_channel": True}
FLOAT_LAYERS = ("/output/dense/MatMul",)   # MatMul nodes left in float32 (not .../attention/output/dense)
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_key(folder: str) -> str:
    """A hash of everything the int8 graph is built from (read without importing torch)."""
    files = sorted(p for p in Path(folder).rglob("*") if p.is_file() and p.suffix != ".md")
    parts = [f"{p.relative_to(folder)}:{_sha256(p)}" for p in files]
    parts += [f"build={BUILD_VERSION}", f"torch={version('torch')}", f"onnxruntime={version('onnxruntime')}",
              f"quantize={json.dumps(QUANTIZE, sort_keys=True)}", f"float={FLOAT_LAYERS}", f"opset={OPSET}"]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def _check_sentence_transformer(folder: Path) -> int:
    """The model's truncation length, after checking that it is a mean-pooled, normalised model."""
    if not (folder / "modules.json").is_file():
        raise ValueError(f"[FC013] int8 embeddings are built from a local sentence-transformers folder; {folder} "
                         f"is none; set FACTCHECK_EMBEDDER_PRECISION=float32")
    modules = json.loads((folder / "modules.json").read_text())
    kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
    pooling = json.loads((folder / modules[1]["path"] / "config.json").read_text()) if len(modules) > 1 else {}
    if kinds != ["Transformer", "Pooling", "Normalize"] or not pooling.get("pooling_mode_mean_tokens"):
        raise ValueError(f"[FC013] int8 embeddings need a mean-pooled, normalised sentence-transformers model; "
                         f"{folder} has modules {kinds}; set FACTCHECK_EMBEDDER_PRECISION=float32")
    return int(json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"])


def _export_float32(folder: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    class MeanPooled(torch.nn.Module):
        def __init__(self, transformer):
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                      token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    model = MeanPooled(AutoModel.from_pretrained(folder).eval())
    tokenizer = AutoTokenizer.from_pretrained(folder)
    probe = ["A short claim.", "A longer claim about sanctions on the state airline, eased on Thursday."]
    example = tokenizer(probe, padding=True, return_tensors="pt")
    axes = {name: {0: "texts", 1: "tokens"} for name in INPUTS} | {"embedding": {0: "texts"}}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")   # the tracer's notes on Python-side shape checks
        expected = model(*(example[n] for n in INPUTS)).numpy()   # before: tracing leaves the module altered
        torch.onnx.export(model, tuple(example[n] for n in INPUTS), str(target), input_names=list(INPUTS),
                          output_names=["embedding"], dynamic_axes=axes, opset_version=OPSET, dynamo=False)
    import onnxruntime as ort

    got = ort.InferenceSession(str(target), providers=["CPUExecutionProvider"]).run(
        None, {n: example[n].numpy() for n in INPUTS})[0]
    if np.abs(got - expected).max() > 1e-4:
        raise RuntimeError(f"[FC014] the exported graph of {folder} differs from torch by "
                           f"{np.abs(got - expected).max():.2g}")


def build_int8(folder: str, cache_dir: str) -> Path:
    """The int8 graph of the model in `folder`, built into `cache_dir` unless it is there already."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    source = Path(folder)
    _check_sentence_transformer(source)
    target = Path(cache_dir) / f"embedder-int8-{build_key(folder)}.onnx"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".build-") as scratch:
        float32, int8 = Path(scratch) / "float32.onnx", Path(scratch) / "int8.onnx"
        _export_float32(source, float32)
        import onnx

        keep_float = [n.name for n in onnx.load(str(float32), load_external_data=False).graph.node
                      if n.op_type == "MatMul" and n.name.endswith(FLOAT_LAYERS) and "/attention/" not in n.name]
        quantize_dynamic(str(float32), str(int8), weight_type=QuantType.QInt8, nodes_to_exclude=keep_float,
                         **QUANTIZE)
        os.replace(int8, target)   # atomic: a process starting beside this one sees the whole file or none
    return target


class OnnxInt8Embedder:
    """`encode(texts)` → float32 (n, dimension), L2-normalised, like models.embedder.Embedder."""

    precision = "int8"

    def __init__(self, ref: ModelRef, cache_dir: str, threads: int | None = None, exact_u8u8: bool | None = None):
        from tokenizers import Tokenizer

        self.ref = ref
        folder = Path(ref.location)
        max_tokens = _check_sentence_transformer(folder)
        self.path = build_int8(ref.location, cache_dir)
        self.dimension = int(json.loads((folder / "config.json").read_text())["hidden_size"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.threads = max(1, threads or os.cpu_count() or 1)
        # The session and its threads start on first use, in the process that embeds (gunicorn forks after
        # loading; onnxruntime's thread pools are not fork-safe).
        self._session = self._pool = self.int8_kernels = None
        self._exact_u8u8 = exact_u8u8     # None: by CPU (models/cpu.py)
        self._lock = threading.Lock()

    def _start(self):
        import onnxruntime as ort

        from models.cpu import int8_session_options

        with self._lock:
            if self._session is None:
                options, self.int8_kernels = int8_session_options(threads=1, exact_u8u8=self._exact_u8u8)
                self._session = ort.InferenceSession(str(self.path), options, providers=["CPUExecutionProvider"])
                self._pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="embed")
        return self._session

    def _embed_one(self, text: str) -> np.ndarray:
        enc = self.tokenizer.encode(text)
        feed = {"input_ids": [enc.ids], "attention_mask": [enc.attention_mask], "token_type_ids": [enc.type_ids]}
        return self._session.run(None, {n: np.asarray(v, dtype=np.int64) for n, v in feed.items()})[0][0]

    def encode(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        """Each text alone (batch_size is accepted for the common interface and ignored)."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._session is None:
            self._start()
        rows = self._pool.map(self._embed_one, texts) if len(texts) > 1 else map(self._embed_one, texts)
        return np.ascontiguousarray(np.stack(list(rows)), dtype=np.float32)
