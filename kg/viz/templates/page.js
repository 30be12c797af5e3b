// kg's page: legend, filters, search, tooltips and details over a vis.js network.
// Every piece of text from the graph reaches the screen through textContent or the canvas,
// never through innerHTML, so a label holding markup is shown as the characters it is.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  var glyphs = { dot: "\u25CF", square: "\u25A0", diamond: "\u25C6" };

  var state = { hidden: {}, eventsAsNodes: true, since: null, until: null, undated: false };
  var visibleNode = {};
  var visibleEdge = {};

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== null && text !== undefined) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function setStatus(text) {
    document.getElementById("kg-status").textContent = text || "";
  }

  // ------------------------------------------------------------ the network
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = { id: n.id, label: n.label, color: n.color, shape: n.shape, size: n.size };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    if (n.kind === "Event") item.font = { size: 11, color: "#444444" };
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var item = { id: e.id, from: e.from, to: e.to };
    if (e.label !== undefined) item.label = e.label;
    if (e.kind === "collapsed") {
      item.color = { color: byId[e.event].color, highlight: "#333333", hover: "#333333" };
      item.width = 2;
    } else if (e.kind === "content") {
      item.dashes = true;
    }
    return item;
  }));
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visibleNode[n.id] === true; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visibleEdge[e.id] === true; } });

  function inTime(t0, t1) {
    if (!state.since && !state.until) return true;
    if (!t0) return state.undated;
    return (!state.since || t1 >= state.since) && (!state.until || t0 <= state.until);
  }

  function recompute() {
    var timed = !!(state.since || state.until);
    visibleNode = {};
    visibleEdge = {};
    data.nodes.forEach(function (n) {
      if (state.hidden[n.cls]) return;
      if (n.kind === "Event" && (!state.eventsAsNodes || !inTime(n.t0, n.t1))) return;
      visibleNode[n.id] = true;
    });
    var linked = {};
    data.edges.forEach(function (e) {
      var shown = true;
      if (e.kind === "collapsed") {
        var event = byId[e.event];
        shown = !state.eventsAsNodes && !state.hidden[event.cls] && inTime(event.t0, event.t1);
      }
      if (shown && visibleNode[e.from] && visibleNode[e.to]) {
        visibleEdge[e.id] = true;
        linked[e.from] = true;
        linked[e.to] = true;
      }
    });
    // With a time range, an entity is shown for what links it to the range, not for itself.
    if (timed) {
      data.nodes.forEach(function (n) {
        if (n.kind !== "Event" && !linked[n.id]) delete visibleNode[n.id];
      });
    }
    nodeView.refresh();
    edgeView.refresh();
    var shownNodes = Object.keys(visibleNode).length;
    var shownEdges = Object.keys(visibleEdge).length;
    var text = shownNodes + " of " + data.nodes.length + " nodes, " + shownEdges + " links shown";
    if (data.summary.available > data.nodes.length) {
      text += " (" + data.summary.available + " matched; raise --max-nodes to draw more)";
    }
    document.getElementById("kg-summary").textContent = text;
  }

  recompute();
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);

  // ------------------------------------------------------------ tooltips and details
  function row(box, key, value) {
    if (value === null || value === undefined || value === "") return;
    var line = el("div", null, "kg-row");
    line.appendChild(el("span", key + ": ", "kg-key"));
    line.appendChild(el("span", value));
    box.appendChild(line);
  }

  function sources(box, list, more) {
    (list || []).forEach(function (s) {
      var text = "From \u201C" + s.title + "\u201D";
      if (s.ref && s.ref !== s.title) text += " (" + s.ref + ")";
      if (s.published) text += ", published " + s.published;
      box.appendChild(el("div", text, "kg-source"));
    });
    if (more) box.appendChild(el("div", "and " + more + " more articles", "kg-source"));
  }

  function describeNode(n) {
    var info = n.info;
    var box = el("div", null, "kg-card");
    box.appendChild(el("div", info.label, "kg-title"));
    var cls = el("div", null, "kg-class");
    var glyph = el("span", glyphs[n.shape] || "\u25CF", "kg-glyph");
    glyph.style.color = n.color;
    cls.appendChild(glyph);
    cls.appendChild(el("span", info.cls));
    box.appendChild(cls);
    if (info.aliases && info.aliases.length) row(box, "Also called", info.aliases.join(", "));
    if (n.kind === "Event") {
      row(box, "Reported by the word", info.trigger);
      row(box, "When", info.time || "not stated");
      if (info.evidence) box.appendChild(el("blockquote", info.evidence));
    }
    row(box, "Links", String(info.links));
    sources(box, info.sources, info.more_sources);
    return box;
  }

  function describeEdge(e) {
    var info = e.info;
    var box = el("div", null, "kg-card");
    box.appendChild(el("div", byId[e.from].info.label + " \u2192 " + byId[e.to].info.label, "kg-title"));
    box.appendChild(el("div", info.label, "kg-class"));
    if (info.evidence) box.appendChild(el("blockquote", info.evidence));
    sources(box, info.sources, 0);
    return box;
  }

  var tooltip = document.getElementById("kg-tooltip");
  function showTooltip(card, pointer) {
    tooltip.replaceChildren(card);
    tooltip.hidden = false;
    var x = pointer.DOM.x + 14;
    var y = pointer.DOM.y + 14;
    var maxX = container.clientWidth - tooltip.offsetWidth - 4;
    var maxY = container.clientHeight - tooltip.offsetHeight - 4;
    tooltip.style.left = Math.max(0, Math.min(x, maxX)) + "px";
    tooltip.style.top = Math.max(0, Math.min(y, maxY)) + "px";
  }
  function hideTooltip() { tooltip.hidden = true; }

  network.on("hoverNode", function (params) { showTooltip(describeNode(byId[params.node]), params.pointer); });
  network.on("hoverEdge", function (params) { showTooltip(describeEdge(edgeById[params.edge]), params.pointer); });
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  var details = document.getElementById("kg-details-body");
  function showDetails(card) { details.replaceChildren(card); }
  network.on("click", function (params) {
    if (params.nodes.length) showDetails(describeNode(byId[params.nodes[0]]));
    else if (params.edges.length) showDetails(describeEdge(edgeById[params.edges[0]]));
  });

  // ------------------------------------------------------------ legend and class filter
  var legend = document.getElementById("kg-legend-items");
  var headings = { Actor: "Actors", Place: "Places", Event: "Events" };
  var lastKind = null;
  var classBoxes = [];
  data.classes.forEach(function (c) {
    if (c.kind !== lastKind) {
      legend.appendChild(el("h3", headings[c.kind] || c.kind));
      lastKind = c.kind;
    }
    var line = el("label", null, "kg-legend-row");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.cls = c.name;
    box.addEventListener("change", function () {
      if (box.checked) delete state.hidden[c.name];
      else state.hidden[c.name] = true;
      recompute();
    });
    classBoxes.push(box);
    var glyph = el("span", glyphs[c.shape] || "\u25CF", "kg-glyph");
    glyph.style.color = c.color;
    line.appendChild(box);
    line.appendChild(glyph);
    line.appendChild(el("span", c.name));
    line.appendChild(el("span", String(c.count), "kg-count"));
    legend.appendChild(line);
  });

  // ------------------------------------------------------------ events switch and time filter
  document.getElementById("kg-events").addEventListener("change", function (event) {
    state.eventsAsNodes = event.target.checked;
    recompute();
  });

  // "2014" from the start of 2014 or until its end; ISO dates compare as strings.
  function dateBound(text, end) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
    if (!m) return undefined;
    if (m[3]) return m[1] + "-" + m[2] + "-" + m[3];
    if (m[2]) {
      if (!end) return m[1] + "-" + m[2] + "-01";
      var last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
      return m[1] + "-" + m[2] + "-" + (last < 10 ? "0" : "") + last;
    }
    return m[1] + (end ? "-12-31" : "-01-01");
  }

  function readDates() {
    var since = document.getElementById("kg-since").value;
    var until = document.getElementById("kg-until").value;
    var start = since.trim() ? dateBound(since, false) : null;
    var stop = until.trim() ? dateBound(until, true) : null;
    if (start === undefined || stop === undefined) {
      setStatus("Write dates as 2017, 2017-07 or 2017-07-06.");
      return;
    }
    setStatus("");
    state.since = start;
    state.until = stop;
    state.undated = document.getElementById("kg-undated").checked;
    recompute();
  }
  ["kg-since", "kg-until"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", readDates);
  });
  document.getElementById("kg-undated").addEventListener("change", readDates);

  document.getElementById("kg-reset").addEventListener("click", function () {
    state.hidden = {};
    classBoxes.forEach(function (box) { box.checked = true; });
    document.getElementById("kg-events").checked = true;
    state.eventsAsNodes = true;
    document.getElementById("kg-since").value = "";
    document.getElementById("kg-until").value = "";
    document.getElementById("kg-undated").checked = false;
    state.since = state.until = null;
    state.undated = false;
    setStatus("");
    recompute();
    network.fit();
  });

  // ------------------------------------------------------------ search by any name
  var index = [];
  var names = {};
  data.nodes.forEach(function (n) {
    n.names.forEach(function (name) {
      index.push([name.toLowerCase(), n.id]);
      names[name] = true;
    });
  });
  var datalist = document.getElementById("kg-names");
  Object.keys(names).sort().forEach(function (name) {
    var option = document.createElement("option");
    option.value = name;
    datalist.appendChild(option);
  });

  // Exact names first, then names that start with the query, then names that contain it;
  // among those, nodes on screen before hidden ones, then the best linked.
  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var tiers = [[], [], []];
    index.forEach(function (entry) {
      var name = entry[0];
      if (name === q) tiers[0].push(entry[1]);
      else if (name.indexOf(q) === 0) tiers[1].push(entry[1]);
      else if (name.indexOf(q) >= 0) tiers[2].push(entry[1]);
    });
    var found = tiers[0].length ? tiers[0] : tiers[1].length ? tiers[1] : tiers[2];
    var seen = {};
    found = found.filter(function (id) { return seen[id] ? false : (seen[id] = true); });
    found.sort(function (a, b) {
      var va = visibleNode[a] ? 0 : 1;
      var vb = visibleNode[b] ? 0 : 1;
      return va - vb || byId[b].size - byId[a].size || (byId[a].info.label < byId[b].info.label ? -1 : 1);
    });
    return found;
  }

  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    showDetails(describeNode(byId[id]));
    view.focused = id;
  }

  document.getElementById("kg-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var query = document.getElementById("kg-search-input").value;
    var found = find(query);
    if (!found.length) {
      setStatus("Nothing is called \u201C" + query.trim() + "\u201D.");
      return;
    }
    if (!visibleNode[found[0]]) {
      setStatus("\u201C" + byId[found[0]].info.label + "\u201D is hidden by the filters; press Show all.");
      return;
    }
    setStatus(found.length > 1 ? found.length + " matches; showing the best linked." : "");
    focusNode(found[0]);
  });

  // ------------------------------------------------------------ settle, then hold still
  var view = { network: network, nodes: nodes, edges: edges, data: data, state: state, find: find,
               focusNode: focusNode, recompute: recompute, ready: false, focused: null,
               visibleNodes: function () { return Object.keys(visibleNode).map(Number); },
               visibleEdges: function () { return Object.keys(visibleEdge).map(Number); } };
  window.kgView = view;

  function ready() {
    view.ready = true;
    document.body.dataset.ready = "true";
  }
  if (!data.nodes.length) {
    // vis.js never reports a settled or drawn empty network, so say so and be done.
    setStatus("Nothing to draw: no actor, place or event in this graph matches what was asked.");
    ready();
  } else if (data.options.physics && data.options.physics.enabled) {
    setStatus("Arranging " + data.nodes.length + " nodes\u2026");
    network.on("stabilizationProgress", function (params) {
      setStatus("Arranging " + data.nodes.length + " nodes\u2026 " + Math.round(100 * params.iterations / params.total) + "%");
    });
    network.once("stabilizationIterationsDone", function () {
      // Keep the settled positions (so filters do not reshuffle them) and stop moving.
      network.setOptions({ physics: { enabled: false } });
      network.storePositions();
      setStatus("");
      network.fit();
      network.once("afterDrawing", ready);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", ready);
    network.fit();
  }
})();
