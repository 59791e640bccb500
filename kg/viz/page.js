(function () {
  "use strict";
  // kg's entity network page. vis-network (inlined above this script) draws nodes and edges at the positions
  // kg computed; this script adds the labels (only those that collide with no other label and no node),
  // the filters and the evidence panel. Text only ever goes in through textContent.
  var FONT_PX = 12, LABEL_MAX = 42, CELL = 64;
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var body = document.body, container = document.getElementById("canvas");
  var hex = /^#[0-9a-fA-F]{6}$/;
  var classColors = {}, relationColors = {}, documents = {};
  data.classes.forEach(function (c) { classColors[c.name] = hex.test(c.color) ? c.color : "#bab0ac"; });
  data.relations.forEach(function (r) { relationColors[r.name] = hex.test(r.color) ? r.color : "#999999"; });
  data.documents.forEach(function (d) { documents[d.name] = d; });
  var maxDegree = data.nodes.reduce(function (m, n) { return Math.max(m, n.degree); }, 1);
  var incident = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e, i) { incident[e.s].push(i); if (e.t !== e.s) { incident[e.t].push(i); } });
  var state = { hiddenClasses: {}, hiddenRelations: {}, document: "", from: "", to: "", showIsolated: false };
  var visibleNodes = [], matches = [], selected = -1, placedLabels = [];

  function radius(n) { return 5 + 14 * Math.sqrt(n.degree / maxDegree); }
  function shortLabel(text) { return text.length > LABEL_MAX ? text.slice(0, LABEL_MAX - 1) + "\u2026" : text; }
  function el(tag, text, parent, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  // the network ----------------------------------------------------------------------------------
  // Past LARGE nodes or edges the page draws what costs least per frame (measured with benchmarks/viz_page.py):
  // no arrowheads (vis-network computes and fills one per edge on every frame; the panel gives each
  // relation's direction), no node border, and edges hidden while the view moves.
  var large = data.nodes.length > 2000 || data.edges.length > 4000;
  body.setAttribute("data-large", large ? "1" : "0");
  document.getElementById("large-note").hidden = !large;
  function rgba(color, alpha) {  // vis-network parses a '#rrggbb' colour for every edge on every frame, not an rgba() one
    return "rgba(" + parseInt(color.slice(1, 3), 16) + "," + parseInt(color.slice(3, 5), 16) + "," + parseInt(color.slice(5, 7), 16) + "," + alpha + ")";
  }
  var nodeSet = new vis.DataSet(data.nodes.map(function (n, i) {
    var color = classColors[n.cls] || "#bab0ac";
    return { id: i, x: n.x, y: n.y, size: radius(n), title: n.label + " (" + n.cls + ")", hidden: true,
             color: { background: color, border: "#ffffff", highlight: { background: color, border: "#000000" }, hover: { background: color, border: "#555555" } } };
  }));
  var edgeSet = new vis.DataSet(data.edges.map(function (e, i) {
    var color = rgba(relationColors[e.relation] || "#999999", 0.85);
    return { id: i, from: e.s, to: e.t, title: e.label, width: 1 + Math.log(1 + e.weight), hidden: true,
             arrows: e.directed && !large ? { to: { enabled: true, scaleFactor: 0.5 } } : "",
             color: { color: color, highlight: color, hover: color, opacity: 1 } };
  }));
  var network = new vis.Network(container, { nodes: nodeSet, edges: edgeSet }, {
    physics: false,
    layout: { randomSeed: 1, improvedLayout: false },
    nodes: { shape: "dot", borderWidth: large ? 0 : 1.5, borderWidthSelected: 3, shadow: false },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 1, shadow: false },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: large, hideEdgesOnZoom: large, multiselect: false }
  });

  // labels: the selected node, then search matches, then the most connected, each placed only where it covers no
  // placed label and no other node in view. Placing them is the costly part: it runs once per view (position,
  // zoom, canvas size, shown nodes, order, node positions); the frames in between (hover, selection) only paint
  // the labels already placed.
  function Grid() { this.cells = new Map(); }  // boxes by CELL-sized square of the canvas
  Grid.prototype.add = function (b) {
    for (var gx = Math.floor(b.x1 / CELL), gx2 = Math.floor(b.x2 / CELL); gx <= gx2; gx++) {
      for (var gy = Math.floor(b.y1 / CELL), gy2 = Math.floor(b.y2 / CELL); gy <= gy2; gy++) {
        var key = gx * 65536 + gy, list = this.cells.get(key);
        if (list) { list.push(b); } else { this.cells.set(key, [b]); }
      }
    }
  };
  Grid.prototype.hits = function (x1, y1, x2, y2, except) {  // does the box meet any box but node `except`'s own disc?
    for (var gx = Math.floor(x1 / CELL), gx2 = Math.floor(x2 / CELL); gx <= gx2; gx++) {
      for (var gy = Math.floor(y1 / CELL), gy2 = Math.floor(y2 / CELL); gy <= gy2; gy++) {
        var list = this.cells.get(gx * 65536 + gy);
        if (!list) { continue; }
        for (var j = 0; j < list.length; j++) {
          var o = list[j];
          if (o.x1 < x2 && x1 < o.x2 && o.y1 < y2 && y1 < o.y2 && !(o.disc && o.node === except)) { return true; }
        }
      }
    }
    return false;
  };

  var labelOrder = [], textWidths = {}, edgesShownCount = 0, labelMs = 0, placedFor = "", labelsStale = true, placements = 0;
  function orderLabels() {  // the selected node, then search matches, then the most connected
    var rank = {};
    matches.forEach(function (i) { rank[i] = 1; });
    if (selected >= 0) { rank[selected] = 0; }
    labelOrder = visibleNodes.slice().sort(function (a, b) {
      var pa = a in rank ? rank[a] : 2, pb = b in rank ? rank[b] : 2;
      return pa - pb || data.nodes[b].degree - data.nodes[a].degree || a - b;
    });
    labelsStale = true;
  }
  function placeLabels(ctx, width, height) {
    var scale = network.getScale(), origin = network.canvasToDOM({ x: 0, y: 0 });  // canvas → page: p * scale + origin
    var positions = network.getPositions(visibleNodes), grid = new Grid(), screen = {}, inView = 0, h = FONT_PX + 3;
    for (var v = 0; v < visibleNodes.length; v++) {
      var n = visibleNodes[v], at = positions[n], x = at.x * scale + origin.x, y = at.y * scale + origin.y;
      var r = radius(data.nodes[n]) * scale + 1.5;
      if (x + r < 0 || y + r < 0 || x - r > width || y - r > height) { continue; }  // off the canvas: no label, hides none
      screen[n] = { x: x, y: y, r: r };
      inView++;
      grid.add({ node: n, disc: true, x1: x - r, y1: y - r, x2: x + r, y2: y + r });
    }
    placedLabels = [];
    for (var o = 0; o < labelOrder.length; o++) {
      var i = labelOrder[o], s = screen[i];
      if (!s) { continue; }
      var text = shortLabel(data.nodes[i].label);
      if (!(i in textWidths)) { textWidths[i] = ctx.measureText(text).width + 4; }
      var w = textWidths[i], box = null;
      // below the node, above it, to its right, to its left, then the four corners; then the same a little further
      // out (a hub is often ringed by its neighbours): the first place that is free
      for (var ring = 0; ring < 2 && !box; ring++) {
        var rr = s.r + ring * 8, d = rr * 0.75 + 1;
        for (var k = 0; k < 8; k++) {
          var x1 = k === 0 || k === 1 ? s.x - w / 2 : k === 2 ? s.x + rr + 2 : k === 3 ? s.x - rr - 2 - w : k % 2 ? s.x - d - w : s.x + d;
          var y1 = k === 0 ? s.y + rr + 1 : k === 1 ? s.y - rr - 1 - h : k < 4 ? s.y - h / 2 : k < 6 ? s.y + d : s.y - d - h;
          if (x1 < 0 || y1 < 0 || x1 + w > width || y1 + h > height || grid.hits(x1, y1, x1 + w, y1 + h, i)) { continue; }
          box = { node: i, text: text, x1: x1, y1: y1, x2: x1 + w, y2: y1 + h };
          break;
        }
      }
      if (!box) { continue; }
      grid.add(box);
      placedLabels.push(box);
    }
    placements++;
    body.setAttribute("data-labels-drawn", String(placedLabels.length));
    var unlabelled = inView - placedLabels.length;
    document.getElementById("counts").textContent = visibleNodes.length + " nodes, " + edgesShownCount + " edges shown" +
      (unlabelled ? "; " + unlabelled + " labels in view left out where they would overlap (zoom in)" : "");
  }
  function drawLabels(ctx) {
    var started = performance.now();
    var width = container.clientWidth, height = container.clientHeight, ratio = ctx.canvas.width / width || 1;
    var view = network.getViewPosition(), key = [network.getScale(), view.x, view.y, width, height].join(" ");
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = FONT_PX + "px system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
    if (labelsStale || key !== placedFor) {
      placeLabels(ctx, width, height);
      placedFor = key;
      labelsStale = false;
    }
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    placedLabels.forEach(function (box) { ctx.strokeText(box.text, (box.x1 + box.x2) / 2, box.y1 + 1); });
    placedLabels.forEach(function (box) {
      ctx.fillStyle = box.node === selected ? "#000000" : "#222222";
      ctx.fillText(box.text, (box.x1 + box.x2) / 2, box.y1 + 1);
    });
    ctx.restore();
    labelMs = performance.now() - started;
  }
  // a node dragged by the reader moves without a change of view
  network.on("dragging", function (params) { if (params.nodes.length) { labelsStale = true; } });
  network.on("afterDrawing", drawLabels);

  // filters ------------------------------------------------------------------------------------------
  function sentencePasses(s) {
    if (state.document && s.document !== state.document) { return false; }
    if (state.from && !(s.date && s.date >= state.from)) { return false; }
    if (state.to && !(s.date && s.date <= state.to)) { return false; }
    return true;
  }
  function applyFilters() {
    var byEvidence = !!(state.document || state.from || state.to);
    var byEdges = byEvidence || Object.keys(state.hiddenRelations).some(function (k) { return state.hiddenRelations[k]; });
    var edgeShown = data.edges.map(function (e) {
      if (state.hiddenRelations[e.relation]) { return false; }
      if (state.hiddenClasses[data.nodes[e.s].cls] || state.hiddenClasses[data.nodes[e.t].cls]) { return false; }
      return !byEvidence || e.sentences.some(sentencePasses);
    });
    visibleNodes = [];
    var nodeUpdates = data.nodes.map(function (n, i) {
      var shown = !state.hiddenClasses[n.cls] && (n.degree === 0 ? state.showIsolated && !byEvidence
        : !byEdges || incident[i].some(function (k) { return edgeShown[k]; }));
      if (shown) { visibleNodes.push(i); }
      return { id: i, hidden: !shown };
    });
    nodeSet.update(nodeUpdates);
    edgesShownCount = edgeShown.filter(Boolean).length;
    orderLabels();
    edgeSet.update(data.edges.map(function (e, i) { return { id: i, hidden: !edgeShown[i] }; }));
    body.setAttribute("data-nodes-shown", String(visibleNodes.length));
    body.setAttribute("data-edges-shown", String(edgeShown.filter(Boolean).length));
    network.redraw();
  }

  function checkboxList(listId, items, swatchClass, hidden) {
    var list = document.getElementById(listId);
    items.forEach(function (item) {
      var li = el("li", null, list), label = el("label", null, li), box = el("input", null, label);
      box.type = "checkbox";
      box.checked = true;
      var swatch = el("span", null, label, swatchClass);
      swatch.style.background = (swatchClass === "swatch" ? classColors : relationColors)[item.name];
      el("span", item.name, label);
      el("span", item.count, label, "count");
      box.addEventListener("change", function () { hidden[item.name] = !box.checked; applyFilters(); });
    });
  }
  checkboxList("legend", data.classes, "swatch", state.hiddenClasses);
  checkboxList("relations", data.relations, "line", state.hiddenRelations);
  var documentBox = document.getElementById("document");
  data.documents.forEach(function (d) {
    var option = el("option", (d.date ? d.date + " \u2014 " : "") + (d.title || d.name), documentBox);
    option.value = d.name;
  });
  documentBox.addEventListener("change", function () { state.document = documentBox.value; applyFilters(); });
  ["from", "to"].forEach(function (end) {
    var input = document.getElementById("date-" + end);
    input.addEventListener("change", function () { state[end] = input.value; applyFilters(); });
  });
  var isolatedBox = document.getElementById("show-isolated");
  document.getElementById("isolated-count").textContent = String(data.nodes.filter(function (n) { return n.degree === 0; }).length);
  isolatedBox.addEventListener("change", function () { state.showIsolated = isolatedBox.checked; applyFilters(); });

  // the evidence panel -------------------------------------------------------------------------------
  function source(sentence, parent) {
    var doc = documents[sentence.document] || {};
    var line = el("span", null, parent, "source");
    var url = typeof doc.url === "string" && /^https?:\/\//i.test(doc.url) ? doc.url : "";
    var title = doc.title || sentence.document || "";
    if (url) {
      var a = el("a", title, line);
      a.href = url;
      a.rel = "noopener noreferrer";
      a.target = "_blank";
    } else {
      el("span", title, line, "title");
    }
    var date = sentence.date || doc.date || "";
    if (date) { el("span", " \u00b7 " + date, line, "date"); }
    if (!url && doc.path) { el("span", " \u00b7 " + doc.path, line, "path"); }
  }
  function showDetails(i) {
    var panel = document.getElementById("details"), n = data.nodes[i];
    panel.replaceChildren();
    el("h2", n.label, panel);
    var table = el("table", null, panel);
    Object.keys(n.attrs).sort().forEach(function (k) {
      if (k === "label") { return; }
      var row = table.insertRow();
      row.insertCell().textContent = k;
      row.insertCell().textContent = String(n.attrs[k]);
    });
    el("h2", "Relations and evidence", panel);
    var list = el("ul", null, panel);
    incident[i].forEach(function (k) {
      var e = data.edges[k], item = el("li", null, list);
      el("strong", data.nodes[e.s].label + " \u2014 " + e.label + " \u2192 " + data.nodes[e.t].label, item);
      e.sentences.forEach(function (s) { el("span", s.text, item, "sentence"); source(s, item); });
    });
    if (!incident[i].length) { el("p", "No relations.", panel, "hint"); }
  }
  function select(i) {
    selected = i;
    if (i >= 0) {
      network.selectNodes([i]);
      showDetails(i);
    } else {
      network.unselectAll();
    }
    body.setAttribute("data-selected", i >= 0 ? data.nodes[i].label : "");
    orderLabels();
    network.redraw();
  }
  network.on("click", function (params) { if (params.nodes.length) { select(params.nodes[0]); } });

  // search, also from the URL: #search=Belarus --------------------------------------------------------
  function search(query) {
    var q = query.trim().toLowerCase();
    matches = !q ? [] : data.nodes.map(function (n, i) { return i; }).filter(function (i) {
      var n = data.nodes[i];
      return n.label.toLowerCase().indexOf(q) >= 0 || String(n.attrs.alt_labels || "").toLowerCase().indexOf(q) >= 0;
    });
    // the node named exactly so first, then names that begin so, then the most connected
    function closeness(i) { var l = data.nodes[i].label.toLowerCase(); return l === q ? 0 : l.indexOf(q) === 0 ? 1 : 2; }
    matches.sort(function (a, b) { return closeness(a) - closeness(b) || data.nodes[b].degree - data.nodes[a].degree || a - b; });
    document.getElementById("search-result").textContent = q ? matches.length + " found" : "";
    body.setAttribute("data-search-matches", String(matches.length));
    body.setAttribute("data-search-first", matches.length ? data.nodes[matches[0]].label : "");
    orderLabels();
    if (matches.length) {
      var first = matches[0];
      if (nodeSet.get(first).hidden) { isolatedBox.checked = true; state.showIsolated = true; applyFilters(); }
      select(first);
      network.focus(first, { scale: Math.max(network.getScale(), 1) });
    } else {
      network.redraw();
    }
  }
  function applyHash() {
    var q = new URLSearchParams(window.location.hash.replace(/^#/, "")).get("search");
    if (q) {
      document.getElementById("search").value = q;
      search(q);
    }
  }
  var box = document.getElementById("search");
  box.addEventListener("input", function () { search(box.value); });
  window.addEventListener("hashchange", applyHash);

  // for the page's tests and for anyone scripting it from the console
  window.kgView = { network: network, nodes: nodeSet, edges: edgeSet, labels: function () { return placedLabels.slice(); },
                    placements: function () { return placements; },
                    radius: function (i) { return radius(data.nodes[i]); }, labelMs: function () { return labelMs; } };
  body.setAttribute("data-nodes-drawn", String(data.nodes.length));
  body.setAttribute("data-edges-drawn", String(data.edges.length));
  applyFilters();
  // the first view once the page has its size: every shown node in sight, with a margin; again whenever the
  // canvas changes size until the reader first moves the view
  var moved = false;
  function firstView() {
    // vis-network's own fit() weighs hidden nodes too: the view is computed here from the shown ones
    var ids = visibleNodes.length ? visibleNodes : data.nodes.map(function (n, i) { return i; });
    if (!ids.length) { return; }
    var xs = ids.map(function (i) { return data.nodes[i].x; }), ys = ids.map(function (i) { return data.nodes[i].y; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var margin = 40, width = Math.max(container.clientWidth - 2 * margin, 50), height = Math.max(container.clientHeight - 2 * margin, 50);
    var scale = Math.min(width / Math.max(x1 - x0, 1), height / Math.max(y1 - y0, 1), 2.5);
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale, animation: false });
  }
  network.on("dragStart", function () { moved = true; });
  network.on("zoom", function () { moved = true; });
  new ResizeObserver(function () {
    if (!moved && matches.length === 0) { network.setSize("100%", "100%"); firstView(); network.redraw(); }
  }).observe(container);
  window.requestAnimationFrame(function () {
    network.setSize("100%", "100%");
    network.redraw();
    firstView();
    applyHash();
    network.once("afterDrawing", function () {
      if (!moved && matches.length === 0) { firstView(); }  // again, should vis-network have moved the view meanwhile
      network.once("afterDrawing", function () { body.setAttribute("data-ready", "1"); });
      network.redraw();
    });
    network.redraw();
  });
}());
