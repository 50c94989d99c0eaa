"""Triage: discrepancies become queue items; reviewers confirm, dismiss or edit them."""
