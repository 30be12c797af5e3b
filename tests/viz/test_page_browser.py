"""The page in a real headless Chromium, offline: it draws, searches, filters, and keeps
hostile text inert. Skipped (with the reason) only when Chromium is not installed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ..cli.test_build_cli import kg
from .browser import chromium, chromium_or_skip, open_page, wait_until
from .conftest import HOSTILE

pytestmark = pytest.mark.slow
HOSTILE_HEADING = "<img src=x onerror=alert('heading')></script> href"


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    chromium_or_skip()
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as ctx:
        yield ctx


@pytest.fixture(scope="module")
def seed_page(example_build, tmp_path_factory) -> Path:
    out, _ = example_build
    page = tmp_path_factory.mktemp("seed-page") / "graph.html"
    result = kg("viz", "--graph", out / "graph.ttl", "-o", page)
    assert result.returncode == 0, result.stderr
    return page


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> Path:
    page = tmp_path_factory.mktemp("hostile-page") / "hostile.html"
    result = kg("viz", "--graph", HOSTILE, "-o", page, "--title", HOSTILE_HEADING)
    assert result.returncode == 0, result.stderr
    return page


def keep_screenshot(opened, name: str, tmp_path: Path) -> Path:
    """Save a screenshot (also to $KG_SCREENSHOTS when set, for a person to look at)."""
    shot = tmp_path / name
    opened.page.screenshot(path=str(shot))
    if os.environ.get("KG_SCREENSHOTS"):
        Path(os.environ["KG_SCREENSHOTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(os.environ["KG_SCREENSHOTS"]) / name)
    return shot


def assert_clean(opened):
    assert opened.console_errors == [] and opened.page_errors == []
    assert opened.dialogs == []
    assert opened.other_requests() == [], "the page fetched something besides itself"


PIXELS = """(colours) => {
  const canvas = document.querySelector('#kg-network canvas');
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const counts = Object.fromEntries(colours.map((c) => [c, 0]));
  for (let i = 0; i < pixels.length; i += 4) {
    const hex = '#' + [pixels[i], pixels[i + 1], pixels[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('');
    if (hex in counts) counts[hex] += 1;
  }
  return counts;
}"""


def test_seed_page_draws_actors_and_events_with_a_legend(context, seed_page, tmp_path):
    opened = open_page(context, seed_page)
    data = opened.evaluate("() => kgView.data")
    visible = opened.evaluate("() => kgView.visibleNodes()")
    assert len(visible) == len(data["nodes"]) > 10
    kinds = {n["kind"] for n in data["nodes"]}
    assert {"Actor", "Place", "Event"} <= kinds
    # The canvas really holds the class colours: actors and events are drawn, not just loaded.
    actor = next(n["color"] for n in data["nodes"] if n["cls"] == "ArmedGroup")
    event = next(n["color"] for n in data["nodes"] if n["kind"] == "Event")
    counts = opened.evaluate(PIXELS, [actor, event])
    assert counts[actor] > 50 and counts[event] > 50, counts
    legend = opened.page.inner_text("#kg-legend-items")
    for c in data["classes"]:
        assert c["name"] in legend
    assert opened.page.inner_text("#kg-summary").startswith(f"{len(data['nodes'])} of {len(data['nodes'])} nodes")
    keep_screenshot(opened, "seed.png", tmp_path)
    assert_clean(opened)


def test_search_finds_a_node_by_an_alias_and_focuses_it(context, seed_page):
    opened = open_page(context, seed_page)
    data = opened.evaluate("() => kgView.data")
    node = max((n for n in data["nodes"] if len(n["names"]) > 1), key=lambda n: (n["size"], n["id"]))
    alias = node["names"][1]
    opened.page.fill("#kg-search-input", alias)
    opened.page.press("#kg-search-input", "Enter")
    assert wait_until(opened, "(id) => kgView.focused === id", node["id"])
    assert opened.evaluate("() => kgView.network.getSelectedNodes()") == [node["id"]]
    centred = """(id) => {
      const view = kgView.network.getViewPosition(), at = kgView.network.getPosition(id);
      return Math.hypot(view.x - at.x, view.y - at.y) < 2;
    }"""
    assert wait_until(opened, centred, node["id"]), "the view did not move to the node"
    assert node["info"]["label"] in opened.page.inner_text("#kg-details-body")
    opened.page.fill("#kg-search-input", "no such name at all")
    opened.page.press("#kg-search-input", "Enter")
    assert "Nothing is called" in opened.page.inner_text("#kg-status")
    assert_clean(opened)


def visible_labels(opened) -> set[str]:
    return set(opened.evaluate("() => kgView.visibleNodes().map((id) => kgView.data.nodes[id].info.label)"))


def test_event_switch_class_filter_and_time_filter(context, hostile_page):
    opened = open_page(context, hostile_page)
    page = opened.page
    events = {"Capture: seized", "Attack: struck", "Advance: pushed into", "Statement: said"}
    assert events <= visible_labels(opened)

    page.uncheck("#kg-events")
    assert not events & visible_labels(opened)
    kinds = opened.evaluate("() => kgView.visibleEdges().map((id) => kgView.data.edges[id].kind)")
    assert sorted(kinds) == ["collapsed", "collapsed", "collapsed", "relation"]
    page.check("#kg-events")

    page.uncheck("#kg-legend-items input[data-cls=City]")
    assert "Raqqa" not in visible_labels(opened)
    page.click("#kg-reset")
    assert "Raqqa" in visible_labels(opened)

    page.fill("#kg-since", "2017")
    page.press("#kg-since", "Tab")
    shown = visible_labels(opened)
    assert shown & events == {"Attack: struck", "Advance: pushed into"}
    assert "Raqqa" not in shown, "nothing in range links to Raqqa"
    page.check("#kg-undated")
    assert "Statement: said" in visible_labels(opened)
    page.click("#kg-reset")
    page.fill("#kg-until", "2014-12")
    page.press("#kg-until", "Tab")
    assert visible_labels(opened) & events == {"Capture: seized"}
    page.fill("#kg-until", "July")
    page.press("#kg-until", "Tab")
    assert "Write dates as" in page.inner_text("#kg-status")
    assert_clean(opened)


def test_injected_markup_stays_text(context, hostile_page, tmp_path):
    opened = open_page(context, hostile_page)
    page = opened.page
    page.wait_for_timeout(500)  # time for any injected onerror handler to fire
    assert page.evaluate("() => document.querySelectorAll('img, iframe, object, a').length") == 0
    assert page.evaluate("() => document.querySelectorAll('script').length") == 3
    assert page.evaluate("() => document.querySelectorAll('[onerror], [onmouseover], [href]').length") == 0
    assert page.inner_text("#kg-heading") == HOSTILE_HEADING
    assert page.title() == HOSTILE_HEADING

    data = opened.evaluate("() => kgView.data")
    group = next(n for n in data["nodes"] if n["info"]["label"] == "<img src=x onerror=alert(1)>")
    where = """(id) => {
      const p = kgView.network.canvasToDOM(kgView.network.getPosition(id));
      const box = document.querySelector('#kg-network').getBoundingClientRect();
      return [box.left + p.x, box.top + p.y];
    }"""
    x, y = opened.evaluate(where, group["id"])
    page.mouse.move(x, y)
    page.wait_for_selector("#kg-tooltip:not([hidden])")
    tooltip = page.inner_text("#kg-tooltip")
    assert "<img src=x onerror=alert(1)>" in tooltip
    assert "</script><script>alert(2)</script>" in tooltip
    assert "<b onmouseover=alert(4)>Breaking</b> href news" in tooltip
    tags = set(page.evaluate("() => [...document.querySelectorAll('#kg-tooltip *')].map((e) => e.tagName)"))
    assert tags <= {"DIV", "SPAN"}, tags
    keep_screenshot(opened, "hostile-tooltip.png", tmp_path)

    capture = next(n for n in data["nodes"] if n["info"]["label"] == "Capture: seized")
    x, y = opened.evaluate(where, capture["id"])
    page.mouse.click(x, y)
    assert (
        page.inner_text("#kg-details blockquote")
        == "The <img src=x onerror=alert(6)> group seized Raqqa in 2014 </script>."
    )

    page.fill("#kg-search-input", "</script><script>alert(2)</script>")
    page.press("#kg-search-input", "Enter")
    assert wait_until(opened, "(id) => kgView.focused === id", group["id"])
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.querySelectorAll('img, iframe, object, a').length") == 0
    assert_clean(opened)


def test_static_layout_draws_at_the_computed_positions_without_physics(context, tmp_path):
    page = tmp_path / "static.html"
    result = kg("viz", "--graph", HOSTILE, "-o", page, "--layout", "static")
    assert result.returncode == 0, result.stderr
    opened = open_page(context, page)
    data = opened.evaluate("() => kgView.data")
    assert opened.evaluate("() => kgView.network.physics.options.enabled") is False
    for node in data["nodes"]:
        at = opened.evaluate("(id) => kgView.network.getPosition(id)", node["id"])
        assert abs(at["x"] - node["x"]) <= 1 and abs(at["y"] - node["y"]) <= 1, (at, node)  # vis rounds to pixels
    counts = opened.evaluate(PIXELS, [data["nodes"][0]["color"]])
    assert counts[data["nodes"][0]["color"]] > 20
    assert_clean(opened)


def test_an_empty_graph_says_there_is_nothing_to_draw(context, tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("@prefix kg: <https://w3id.org/newskg/ontology#> .\n", encoding="utf-8")
    result = kg("viz", "--graph", empty, "-o", tmp_path / "empty.html")
    assert result.returncode == 0 and ": 0 nodes" in result.stdout
    opened = open_page(context, tmp_path / "empty.html", timeout_ms=10_000)
    assert "Nothing to draw" in opened.page.inner_text("#kg-status")
    assert_clean(opened)


HOSTILE_ARTICLE = {
    "id": "hostile-1",
    "url": "javascript:alert(7)",
    "date": "2017-07-06",
    "title": '<img src=x onerror=alert(8)> Rebels <a href="javascript:alert(11)">seize</a> Kilmora',
    "text": (
        "Fighters of the <script>alert(9)</script> Brigade seized the town of Kilmora on Monday, officials said.\n\n"
        "Abu <b onmouseover=alert(10)>Omar</b>, the commander of the Kilmora Liberation Front, said the group "
        "would hold the town. The Syrian Democratic Forces attacked the <img src=x onerror=alert(12)> Front "
        "in Raqqa on Tuesday."
    ),
}


def test_an_article_full_of_payloads_built_and_drawn_runs_none_of_them(context, tmp_path):
    """From hostile text to the page through the real pipeline: kg build reads the article
    with the spaCy model, kg viz draws the graph, Chromium opens it; every node is hovered and
    clicked, and no payload runs, loads or becomes an element."""
    import json

    article = tmp_path / "hostile.jsonl"
    article.write_text(json.dumps(HOSTILE_ARTICLE) + "\n", encoding="utf-8")
    built = kg("build", article, "-o", tmp_path / "out")
    assert built.returncode == 0, built.stderr
    graph = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "alert(9)" in graph and "javascript:alert(7)" in graph, "the payloads reached the graph"
    page = tmp_path / "page.html"
    drawn = kg("viz", "--graph", tmp_path / "out" / "graph.ttl", "-o", page, "--title", HOSTILE_ARTICLE["title"])
    assert drawn.returncode == 0, drawn.stderr
    opened = open_page(context, page)
    data = opened.evaluate("() => kgView.data")
    assert any("alert(9)" in n["info"].get("evidence", "") for n in data["nodes"])
    where = """(id) => {
      const p = kgView.network.canvasToDOM(kgView.network.getPosition(id));
      const box = document.querySelector('#kg-network').getBoundingClientRect();
      return [box.left + p.x, box.top + p.y];
    }"""
    shown = ""
    for node in data["nodes"]:
        opened.evaluate("(id) => kgView.network.focus(id, {scale: 1.2})", node["id"])
        x, y = opened.evaluate(where, node["id"])
        opened.page.mouse.move(x, y)
        opened.page.mouse.click(x, y)
        shown += opened.page.inner_text("#kg-details-body") + opened.page.inner_text("#kg-tooltip")
    opened.page.wait_for_timeout(300)  # time for any injected handler to fire
    assert "alert(9)" in shown and "javascript:alert(7)" in shown, "the payloads are shown, as text"
    assert opened.evaluate("() => document.querySelectorAll('img, iframe, object, embed, a, b').length") == 0
    assert opened.evaluate("() => document.querySelectorAll('script').length") == 3
    assert opened.evaluate("() => document.querySelectorAll('[onerror], [onmouseover], [href], [src]').length") == 0
    assert opened.page.title() == HOSTILE_ARTICLE["title"]
    assert_clean(opened)
