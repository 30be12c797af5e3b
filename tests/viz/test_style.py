from kg.viz.style import COLOURS, known_classes, style, subclasses


def test_every_class_of_the_ontology_under_actor_place_or_event_is_drawable():
    classes = known_classes()
    assert {"Person", "ArmedGroup", "City", "Facility", "Attack", "Acquisition"} <= set(classes)
    assert "Document" not in classes and "Assertion" not in classes
    assert classes.index("Organization") < classes.index("ArmedGroup") < classes.index("City") < classes.index("Attack")


def test_kind_shape_and_colour_come_from_the_class_tree():
    armed = style("ArmedGroup")
    assert (armed.kind, armed.shape, armed.colour) == ("Actor", "dot", COLOURS["ArmedGroup"])
    assert style("City").shape == "square" and style("Siege").shape == "diamond"
    assert style("Document") is None and style("NoSuchClass") is None


def test_a_superclass_stands_for_its_subclasses():
    assert subclasses("Organization") == {"Organization", "ArmedGroup", "Government"}
    assert "Attack" in subclasses("Event")


def test_classes_have_distinct_colours():
    drawable = [c for c in known_classes() if c in COLOURS]
    assert len({COLOURS[c] for c in drawable}) == len(drawable)
