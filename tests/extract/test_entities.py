"""Entities of the project's own example article, read by the real model."""


def by_label(facts):
    return {e.label: e for e in facts.entities}


def test_well_known_actors_merge_under_their_canonical_name(example_facts):
    ents = by_label(example_facts)
    islamic_state = ents["Islamic State"]
    assert islamic_state.cls == "ArmedGroup" and islamic_state.known
    assert "IS" in islamic_state.aliases
    assert [e for e in example_facts.entities if "IS" in e.aliases or e.label == "IS"] == [islamic_state]


def test_acronym_defined_in_the_text_joins_its_name(example_facts):
    ents = by_label(example_facts)
    sdf = ents["Syrian Democratic Forces"]
    assert sdf.cls == "ArmedGroup"
    assert "SDF" in sdf.aliases
    assert "SDF" not in ents


def test_places_are_typed_with_ontology_classes(example_facts):
    ents = by_label(example_facts)
    assert ents["Raqqa"].cls == "City"
    assert ents["Mosul"].cls == "City"
    assert ents["Syria"].cls == "Country"
    assert ents["Iraq"].cls == "Country"
    assert ents["United States"].cls == "Country"
    assert ents["Euphrates"].cls == "Region"


def test_people_and_governments(example_facts):
    ents = by_label(example_facts)
    assert ents["Brett McGurk"].cls == "Person"
    assert ents["US Central Command"].cls == "Government"


def test_conjoined_collectives_become_separate_groups(example_facts):
    labels = set(by_label(example_facts))
    assert {"Kurdish militias", "Arab militias"} <= labels


def test_mentions_point_into_the_text(example_facts):
    text = example_facts.document.text
    for entity in example_facts.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_surname_alone_joins_the_full_name(extractor):
    from kg.document import Document

    facts = extractor.extract_one(Document("t", "Brett McGurk visited Baghdad. McGurk said the city was safe."))
    people = [e for e in facts.entities if e.cls == "Person"]
    assert [p.label for p in people] == ["Brett McGurk"]
    assert "McGurk" in people[0].aliases
