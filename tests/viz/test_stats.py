import json

from kg.viz.projection import project
from kg.viz.stats import entity_network, graph_stats

from .conftest import iri


def test_counts_central_actors_communities_and_components(hostile_graph):
    stats = graph_stats(hostile_graph)
    assert stats.documents == 1 and stats.triples == len(hostile_graph)
    assert stats.entities == {"ArmedGroup": 1, "Group": 1, "Person": 1, "City": 1, "Country": 1}
    assert stats.events == {"Advance": 1, "Attack": 1, "Capture": 1, "Statement": 1}
    assert stats.relations == {"supports": 1}
    ranked = [a["label"] for a in stats.central_actors]
    assert ranked[0] == "<img src=x onerror=alert(1)>", "agent, patient and supported: the most links"
    assert ranked[1] == "href" and "bystanders\u2028with a line separator" not in ranked
    top = stats.central_actors[0]
    assert (top["links"], top["events"], top["class"]) == (3, 2, "ArmedGroup")
    assert stats.components == {"count": 2, "largest": 8, "isolated": 1, "sizes": [8, 1]}
    members = {m for c in stats.communities for m in c["members"]}
    assert members == {"<img src=x onerror=alert(1)>", "href", "Raqqa", "Syria"}
    assert sum(c["size"] for c in stats.communities) == 4


def test_entity_network_links_what_shares_an_event_or_a_relation(hostile_graph):
    entities = entity_network(project(hostile_graph))
    assert entities.has_edge(iri("img-group"), iri("raqqa"))
    assert entities[iri("syria")][iri("img-group")]["weight"] == 1
    assert entities.degree(iri("bystanders")) == 0


def test_text_and_json_say_the_same_and_are_stable(seed_graph):
    stats = graph_stats(seed_graph, top=3)
    assert stats.to_json() == graph_stats(seed_graph, top=3).to_json()
    data = json.loads(stats.to_json())
    assert data["entities"]["ArmedGroup"] >= 1 and len(data["central_actors"]) <= 3
    text = stats.to_text()
    assert f"{stats.triples} triples from 1 document" in text
    for actor in stats.central_actors:
        assert actor["label"] in text
    assert f"Connected components: {stats.components['count']}" in text
