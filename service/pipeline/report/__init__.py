"""Compared facts → findings and omissions."""
