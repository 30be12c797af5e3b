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
