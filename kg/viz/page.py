"""The page itself: a pyvis Network rendered through kg's own template, every asset inline.

pyvis supplies vis-network (the copy it inlines for `cdn_resources="in_line"`) and the
rendering; kg supplies the template, because pyvis's own pulls Bootstrap from a CDN, prints
the heading unescaped and switches to an innerHTML popup when a tooltip holds "href".

Text from articles reaches the browser only as JSON data inside a non-executable
<script type="application/json"> block, with "<", ">", "&", U+2028 and U+2029 escaped so
nothing in it can end the block; the page's JavaScript puts it on screen with textContent
or canvas text, never as HTML. A Content-Security-Policy allows only the page's own two
scripts (by hash) and no network at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: it can never close the element early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)
    for raw, escaped in _JSON_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


@lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network from the pyvis package, and kg's own script and styles."""
    vis = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    assets = {
        "vis_js": (vis / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
        "page_js": (TEMPLATES / "page.js").read_text(encoding="utf-8"),
        "page_css": (TEMPLATES / "page.css").read_text(encoding="utf-8"),
    }
    for name, text in assets.items():
        # An inline asset holding "</script" or "</style" would end its element early.
        if "</script" in text.lower() or "</style" in text.lower():
            raise RuntimeError(f"{name} cannot be inlined: it contains a closing tag")
    return assets


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render_html(heading: str, data: dict, options: dict) -> str:
    """The whole page as text. `data` is what page.js reads; `options` go to vis.Network."""
    from pyvis.network import Network

    assets = _assets()
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=heading)
    # Nodes and edges are handed over whole: add_node checks membership in a list, which is
    # quadratic, and from_nx is slower still (61 s for 20,000 nodes against 6 s in bulk).
    net.nodes = data["nodes"]
    net.edges = data["edges"]
    net.node_ids = [n["id"] for n in data["nodes"]]
    net.options = options
    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, keep_trailing_newline=True)
    environment.filters["script_json"] = lambda value: Markup(script_json(value))
    environment.globals.update(
        data={**data, "options": options},
        vis_js=Markup(assets["vis_js"]),
        vis_css=Markup(assets["vis_css"]),
        page_js=Markup(assets["page_js"]),
        page_css=Markup(assets["page_css"]),
        script_hashes=Markup(" ".join(_csp_hash(assets[k]) for k in ("vis_js", "page_js"))),
    )
    net.templateEnv = environment
    net.path = "page.html"
    return net.generate_html()
