"""`python -m service.batch IN.jsonl --out OUT.jsonl`: the score command without the rest of the CLI."""
from service.batch.command import score

if __name__ == "__main__":
    score()
