"""Batch scoring: `factcheck score`, the same pipeline over a JSONL archive of stories (local or Ray)."""
