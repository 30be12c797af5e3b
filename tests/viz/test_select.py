import pytest

from kg.errors import UsageError
from kg.viz import select
from kg.viz.draw import choose
from kg.viz.projection import project

from .conftest import iri


@pytest.fixture(scope="module")
def net(hostile_graph):
    return project(hostile_graph)


def test_classes_expand_superclasses_and_reject_unknown_names():
    assert select.expand_classes(["actor"]) == {"Actor", "Person", "Organization", "ArmedGroup", "Government", "Group"}
    assert select.expand_classes(["City, attack", "Country"]) == {"City", "Attack", "Country"}
    with pytest.raises(UsageError, match="unknown class 'Citty'"):
        select.expand_classes(["Citty"])


def test_focus_finds_a_node_by_any_name_ignoring_case(net):
    assert select.find(net, "img brigade") == [iri("img-group")]
    assert select.find(net, "ar-raqqah") == [iri("raqqa")]
    with pytest.raises(UsageError, match="did you mean 'Raqqa'"):
        select.find(net, "Raqa")


def test_depth_counts_events_as_steps(net):
    one = select.around(net, [iri("raqqa")], 1)
    assert set(one) == {iri("raqqa"), iri("event-capture")}
    two = select.around(net, [iri("raqqa")], 2)
    assert iri("img-group") in two and iri("href") not in two


def test_time_range_keeps_dated_events_in_range_and_what_links_to_them(net):
    since_2017 = select.by_time(net, "2017-01-01", None)
    events = {n for n in since_2017 if net.nodes[n]["kind"] == "Event"}
    assert events == {iri("event-attack"), iri("event-advance")}
    assert iri("bystanders") not in since_2017, "nothing in range links to it"
    assert iri("syria") in since_2017 and iri("raqqa") not in since_2017
    until_2014 = select.by_time(net, None, "2014-12-31")
    assert {n for n in until_2014 if net.nodes[n]["kind"] == "Event"} == {iri("event-capture")}


def test_choose_applies_focus_before_classes_and_keeps_the_focus(net):
    drawn, available = choose(net, focus="Raqqa", depth=2, classes=["ArmedGroup"])
    assert set(drawn) == {iri("raqqa"), iri("img-group")}
    assert available == 2


def test_max_nodes_keeps_the_nearest_then_the_best_linked(net):
    drawn, available = choose(net, max_nodes=3)
    assert available == net.number_of_nodes() and drawn.number_of_nodes() == 3
    assert iri("img-group") in drawn, "the best linked node stays"
    near, _ = choose(net, focus="Raqqa", depth=5, max_nodes=2)
    assert set(near) == {iri("raqqa"), iri("event-capture")}


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({"since": "2018", "until": "2017"}, "after --until"),
        ({"since": "July"}, "--since 'July' is not a date"),
        ({"focus": "nobody"}, "--focus 'nobody'"),
        ({"max_nodes": 0}, "--max-nodes 0"),
    ],
)
def test_bad_choices_are_usage_errors(net, choices, message):
    with pytest.raises(UsageError, match=message):
        choose(net, **choices)
