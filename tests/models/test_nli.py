"""The NLI model's score of a pair does not depend on the other pairs scored with it."""
import pytest

pytestmark = pytest.mark.slow


def test_score_is_independent_of_batch_company(pipeline):
    premise, hypothesis = "Belarus released 52 prisoners.", "Belarus agreed to release 52 prisoners."
    alone = pipeline.nli.score([premise], [hypothesis])[0]
    other = pipeline.nli.score(["The weather is nice in Paris today and tomorrow."], ["It rains."])[0]
    together = pipeline.nli.score([premise, "The weather is nice in Paris today and tomorrow.", "a"],
                                  [hypothesis, "It rains.", "b"])
    # Pairs run side by side on the model's thread pool; each score stays with its pair.
    assert together[0] == alone and together[1] == other


def test_clear_contradiction_scores_higher_than_support(pipeline):
    contradiction, support = pipeline.nli.score(
        ["Belarus released 52 prisoners on Friday.", "Belarus released 52 prisoners on Friday."],
        ["Belarus released no prisoners.", "Belarus freed prisoners."])
    assert contradiction > support
