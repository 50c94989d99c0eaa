"""Thresholds of the NLI model and the verdict layer on public labelled pairs (never training)."""
