"""Claims → candidate pairs (FAISS) → facts → typed comparisons within facts."""
