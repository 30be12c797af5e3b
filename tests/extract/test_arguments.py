"""Event roles read off single sentences the project wrote, by the real model."""

from kg.document import Document


def events(extractor, text: str) -> dict[str, object]:
    facts = extractor.extract_one(Document(id="sentence", text=text, published="2020-03-04"))
    return {e.trigger: e for e in facts.events}


def test_the_subject_of_die_undergoes_it_and_the_ambush_is_not_theirs(extractor):
    found = events(extractor, "Two soldiers died in the ambush, officials said.")
    died = found["died"]
    assert died.cls == "Killing" and died.patients == ("soldiers",) and died.agents == ()
    assert "soldiers" not in getattr(found.get("ambush"), "agents", ())


def test_whoever_faces_attacks_is_their_target(extractor):
    attacks = events(extractor, "French troops faced a series of roadside attacks near Gao.")["attacks"]
    assert attacks.patients == ("French troops",) and attacks.places == ("Gao",)


def test_a_building_stormed_is_where_it_happened_unless_a_place_is_named(extractor):
    stormed = events(extractor, "Armed men stormed the National Museum on Friday.")["stormed"]
    assert stormed.patients == ("National Museum",) and stormed.places == ("National Museum",)
    stormed = events(extractor, "Armed men stormed the National Museum in Kabul on Friday.")["stormed"]
    assert stormed.places == ("Kabul",)


def test_an_agentless_operation_takes_the_fighters_of_the_place_just_before(extractor):
    text = (
        "In Kirkuk, Kurdish forces faced sniper fire and a wave of roadside attacks. "
        "Weeks after the start of the operation to retake Kirkuk, the militants still hold the citadel."
    )
    facts = extractor.extract_one(Document(id="sentences", text=text, published="2020-03-04"))
    (retake,) = [e for e in facts.events if e.cls == "Retake"]
    assert retake.agents == ("Kurdish forces",) and retake.patients == ("Kirkuk",)
    assert retake.confidence < 0.9  # inferred, not read
    # an inferred agent states no relation: nobody is said to control Kirkuk
    assert not [r for r in facts.relations if r.predicate == "controls" and r.object == "Kirkuk"]


def test_a_lone_operation_keeps_no_agent(extractor):
    text = "Weeks after the start of the operation to retake Kirkuk, the militants still hold the citadel."
    facts = extractor.extract_one(Document(id="sentence", text=text, published="2020-03-04"))
    assert [e.agents for e in facts.events if e.cls == "Retake"] == [()]
