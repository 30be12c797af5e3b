"""The page as a file: self-contained, safe to open, the same bytes for the same graph.

What it does in a browser is tested in test_page_browser.py.
"""

import base64
import hashlib
import json
import re

import pytest

from kg.viz import render, render_page
from kg.viz.page import script_json


def scripts(html: str) -> list[tuple[str, str]]:
    return re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)


def payload(html: str) -> dict:
    (body,) = [body for attrs, body in scripts(html) if 'id="kg-data"' in attrs]
    return json.loads(body)


@pytest.fixture(scope="module")
def hostile_page(hostile_graph):
    html, _ = render_page(hostile_graph, heading="<script>alert('heading')</script> href")
    return html


def test_script_json_cannot_close_its_element_and_reads_back_the_same():
    value = {"a": "</script><!-- <img src=x> & \u2028\u2029 'q' \"d\""}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


def test_page_has_exactly_kgs_three_scripts_and_no_external_resource(hostile_page):
    found = scripts(hostile_page)
    assert len(found) == 3
    assert [attrs for attrs, _ in found] == [' type="application/json" id="kg-data"', "", ""]
    for tag in re.findall(r"<(?:script|link|img|iframe|object|embed|source|video|audio)\b[^>]*>", hostile_page):
        assert not re.search(r"\b(?:src|href)\s*=", tag), tag
    assert "cdn.jsdelivr" not in hostile_page and "cdnjs" not in hostile_page


def test_content_security_policy_allows_only_the_pages_own_scripts(hostile_page):
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', hostile_page).group(1)
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    executable = [body for attrs, body in scripts(hostile_page) if "application/json" not in attrs]
    for body in executable:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_text_from_the_graph_reaches_the_page_only_as_escaped_data(hostile_page):
    assert "<img" not in hostile_page
    assert any(n["info"]["label"] == "<img src=x onerror=alert(1)>" for n in payload(hostile_page)["nodes"])
    markup = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", hostile_page, flags=re.S)
    for raw in ("alert(2)", "alert(3)", "alert(4)", "alert(6)", "alert(7)", "onmouseover", "javascript:", "onerror"):
        assert raw not in markup, raw
    assert "&lt;script&gt;alert(&#39;heading&#39;)&lt;/script&gt; href" in hostile_page
    assert "\u2028" not in hostile_page


def test_nodes_carry_what_tooltips_show(hostile_page):
    data = payload(hostile_page)
    by_label = {n["info"]["label"]: n for n in data["nodes"]}
    capture = by_label["Capture: seized"]
    assert capture["info"]["time"] == "2014" and capture["info"]["trigger"] == "seized"
    assert capture["info"]["evidence"].startswith("The <img src=x")
    assert capture["info"]["sources"][0]["title"] == "<b onmouseover=alert(4)>Breaking</b> href news"
    assert (capture["t0"], capture["t1"]) == ("2014-01-01", "2014-12-31")
    group = by_label["<img src=x onerror=alert(1)>"]
    assert group["names"] == ["<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>", "Img Brigade"]
    assert group["size"] == max(n["size"] for n in data["nodes"]), "the best linked node is the largest"
    assert [c["name"] for c in data["classes"]] == [
        "Group", "ArmedGroup", "Person", "City", "Country", "Advance", "Attack", "Capture", "Statement",
    ]  # fmt: skip
    assert {e["kind"] for e in data["edges"]} == {"role", "relation", "collapsed"}
    assert not any("title" in n for n in data["nodes"]), "vis.js titles would take pyvis's innerHTML path"


def test_small_graphs_settle_with_physics_and_large_ones_get_positions(hostile_graph):
    _, small = render_page(hostile_graph)
    assert small.layout == "physics"
    html, static = render_page(hostile_graph, layout="static")
    data = payload(html)
    assert static.layout == "static" and data["options"]["physics"] == {"enabled": False}
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_same_graph_same_bytes_written_as_utf8(hostile_graph, tmp_path):
    first = render(hostile_graph, tmp_path / "a.html", heading="Über")
    second = render(hostile_graph, tmp_path / "b.html", heading="Über")
    raw = first.path.read_bytes()
    assert raw == second.path.read_bytes()
    assert '<h1 id="kg-heading">Über</h1>' in raw.decode("utf-8")
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file is left behind"
