"""The claim pipeline: text → claims → embeddings → neighbours → verdicts → report."""
