from kg.lexicon import load_lexicon


def test_triggers_aliases_and_nouns_come_from_the_ontology():
    lexicon = load_lexicon()
    assert lexicon.triggers[("overrun",)] == "Capture"
    assert lexicon.triggers[("close", "in")] == "Advance"
    assert lexicon.triggers[("air", "strike")] == "Attack"
    assert ("overrun",) in lexicon.verb_triggers and ("overrun",) not in lexicon.noun_triggers
    assert ("bomb",) in lexicon.verb_triggers and ("bomb",) not in lexicon.noun_triggers
    assert ("siege",) in lexicon.noun_triggers
    islamic_state = lexicon.name_to_entry["isis"]
    assert islamic_state.label == "Islamic State" and islamic_state.cls == "ArmedGroup"
    assert lexicon.name_to_entry["daesh"] is islamic_state
    assert lexicon.demonym_to_entry["iraqi"].label == "Iraq"
    assert lexicon.collective_nouns["militant"] == "ArmedGroup"
    assert lexicon.place_nouns["suburb"] == "City"
    assert lexicon.is_a("ArmedGroup", "Actor") and not lexicon.is_a("City", "Actor")


def test_a_user_extends_extraction_by_editing_data(tmp_path):
    import shutil

    from kg.paths import data_dir

    for name in ("kg.ttl", "lexicon.ttl", "wordnet.ttl"):
        shutil.copy(data_dir("ontology") / name, tmp_path / name)
    with open(tmp_path / "lexicon.ttl", "a", encoding="utf-8") as handle:
        handle.write(
            "\nlex:zeta-front a lex:Entry ; lex:class kg:ArmedGroup ;\n"
            '    skos:prefLabel "Zeta Front" ; skos:altLabel "ZF" .\n'
        )
    with open(tmp_path / "kg.ttl", "a", encoding="utf-8") as handle:
        handle.write('\nkg:Arrest kg:triggerVerb "nab" .\n')
    lexicon = load_lexicon(str(tmp_path))
    assert lexicon.name_to_entry["zf"].label == "Zeta Front"
    assert lexicon.triggers[("nab",)] == "Arrest"


def test_the_wordnet_part_of_the_lexicon_is_loaded():
    lexicon = load_lexicon()
    # speech verbs and nouns grown from WordNet's verb.communication senses
    assert lexicon.triggers[("reiterate",)] == "Statement"
    assert lexicon.triggers[("condemnation",)] == "Statement"
    # nouns for kinds of people, from person.n.01's hyponyms, and the curated additions
    assert {"spokesman", "diplomat", "refugee", "source"} <= lexicon.person_nouns
    assert "report" not in lexicon.person_nouns and "company" not in lexicon.person_nouns
    # hand-written triggers keep their class: "attack" is no speech verb though WordNet says it can be
    assert lexicon.triggers[("attack",)] == "Attack"
    assert lexicon.agent_nouns["assassin"] == "Killing"
