"""The benchmark scorers, on tiny records the project wrote in the benchmarks' formats."""

import json

import pytest

from kg.check.external import conll_label, detokenise, score_conll04, score_wikievents, wikievents_class


def test_tokens_become_ordinary_text_with_their_spans():
    tokens = ["`", "`", "We", "won", ",", "'", "'", "said", "Ana", "Rel", "(", "AP", ")", "150", ",", "000", "."]
    text, spans = detokenise(tokens)
    assert text == '"We won," said Ana Rel (AP) 150,000.'
    assert [text[s:e] for s, e in spans][8:10] == ["Ana", "Rel"]


def test_the_mapping_follows_the_benchmark_readme():
    assert conll_label("memberOf", "Peop", "Org") == "Work_For"
    assert conll_label("locatedIn", "Loc", "Loc") == "Located_In"
    assert conll_label("locatedIn", "Org", "Loc") == "OrgBased_In"
    assert conll_label("locatedIn", "Peop", "Loc") == "Live_In"
    assert conll_label("supports", "Org", "Org") is None
    assert wikievents_class("Conflict.Attack.DetonateExplode") == "Attack"
    assert wikievents_class("Contact.Contact.Broadcast") is None  # statements are left out


def test_conll04_counts_a_found_killing_and_a_missed_relation(tmp_path, extractor):
    record = {
        "tokens": "Darek Molnar , the assassin of Lev Tarasz , lived in Brno , Moravia .".split(),
        "entities": [
            {"type": "Peop", "start": 0, "end": 2},
            {"type": "Peop", "start": 6, "end": 8},
            {"type": "Loc", "start": 11, "end": 12},
            {"type": "Loc", "start": 13, "end": 14},
        ],
        "relations": [{"type": "Kill", "head": 0, "tail": 1}, {"type": "Located_In", "head": 2, "tail": 3}],
        "orig_id": 1,
    }
    path = tmp_path / "conll04_dev.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    score = score_conll04(extractor, path)
    assert score.headline["gold"] == 2
    assert score.parts["Kill"]["r"] == 100.0


def test_wikievents_matches_a_trigger_and_its_victim(tmp_path, extractor):
    sentence = "A bomb killed two soldiers in Valdor ."
    tokens, offset = [], 0
    for word in sentence.split():
        tokens.append([word, offset, offset + len(word)])
        offset += len(word) + 1
    record = {
        "doc_id": "d1",
        "tokens": sentence.split(),
        "text": sentence,
        "sentences": [[tokens, sentence]],
        "entity_mentions": [
            {"id": "d1-T1", "sent_idx": 0, "start": 3, "end": 5, "entity_type": "PER", "text": "two soldiers"}
        ],
        "relation_mentions": [],
        "event_mentions": [
            {
                "id": "d1-E1",
                "event_type": "Life.Die.Unspecified",
                "trigger": {"start": 2, "end": 3, "text": "killed", "sent_idx": 0},
                "arguments": [{"entity_id": "d1-T1", "role": "Victim", "text": "soldiers"}],
            }
        ],
    }
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    score = score_wikievents(extractor, path)
    assert score.parts["Killing"]["r"] == 100.0
    assert score.parts["patient (argument)"]["r"] == 100.0


@pytest.mark.parametrize("split", ["test"])
def test_a_test_split_is_refused(tmp_path, split, extractor):
    from kg.check.external import score_external
    from kg.errors import UsageError

    with pytest.raises(UsageError):
        score_external(extractor, tmp_path, split)
