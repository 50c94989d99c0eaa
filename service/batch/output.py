"""Append-only JSONL files that survive a kill: each line is written whole or not at all.

A line goes out in one write, then flush and fsync, before the next story counts as done. A run killed
mid-write can leave a torn last line (no newline); reopening the file cuts it off, so a resumed run
rewrites that story and never duplicates one.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterator


def errors_path_for(out: str) -> str:
    """OUT.jsonl → OUT.errors.jsonl (any other name: OUT.errors.jsonl appended)."""
    path = Path(out)
    if path.suffix == ".jsonl":
        return str(path.with_suffix(".errors.jsonl"))
    return str(path) + ".errors.jsonl"


def drop_torn_tail(path: str) -> int:
    """Cut a last line that has no newline; returns how many bytes were cut."""
    if not os.path.exists(path):
        return 0
    with open(path, "rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return 0
        # Walk back to the last newline in blocks: files hold thousands of long lines.
        position, block = size, 1 << 16
        while position > 0:
            start = max(0, position - block)
            handle.seek(start)
            chunk = handle.read(position - start)
            found = chunk.rfind(b"\n")
            if found >= 0:
                keep = start + found + 1
                break
            position = start
        else:
            keep = 0
        if keep < size:
            handle.truncate(keep)
            handle.flush()
            os.fsync(handle.fileno())
        return size - keep


def read_records(path: str) -> Iterator[dict]:
    """The complete lines already in a file (after drop_torn_tail), parsed."""
    if not os.path.exists(path):
        return
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                yield json.loads(raw)
            except ValueError:
                raise ValueError(f"[FC030] {path} line {number} is not JSON; it is not a file this command wrote") from None


class JsonlAppender:
    """Opens a JSONL file for appending after cutting any torn tail; write() is durable on return."""

    def __init__(self, path: str):
        self.path = path
        self.cut_bytes = drop_torn_tail(path)
        parent = os.path.dirname(os.path.abspath(path))
        os.makedirs(parent, exist_ok=True)
        self._handle = open(path, "ab")

    def write_line(self, line: str) -> None:
        if "\n" in line:
            raise ValueError("a JSONL record must be one line")
        self._handle.write(line.encode("utf-8") + b"\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def write(self, record: dict) -> None:
        self.write_line(json.dumps(record, ensure_ascii=False))

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> "JsonlAppender":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
