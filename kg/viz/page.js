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
  var nodeSet = new vis.DataSet(data.nodes.map(function (n, i) {
    var color = classColors[n.cls] || "#bab0ac";
    return { id: i, x: n.x, y: n.y, size: radius(n), title: n.label + " (" + n.cls + ")", hidden: true,
             color: { background: color, border: "#ffffff", highlight: { background: color, border: "#000000" }, hover: { background: color, border: "#555555" } } };
  }));
  var edgeSet = new vis.DataSet(data.edges.map(function (e, i) {
    var color = relationColors[e.relation] || "#999999";
    return { id: i, from: e.s, to: e.t, title: e.label, width: 1 + Math.log(1 + e.weight), hidden: true,
             arrows: e.directed ? { to: { enabled: true, scaleFactor: 0.5 } } : "",
             color: { color: color, highlight: color, hover: color, opacity: 0.85 } };
  }));
  var large = data.nodes.length > 2000;
  var network = new vis.Network(container, { nodes: nodeSet, edges: edgeSet }, {
    physics: false,
    layout: { randomSeed: 1, improvedLayout: false },
    nodes: { shape: "dot", borderWidth: 1.5, borderWidthSelected: 3 },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 1 },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: large, hideEdgesOnZoom: large, multiselect: false }
  });

  // labels: the most connected first, each drawn only where it hits no drawn label, no node and no edge of the view
  function Grid() { this.cells = {}; }
  Grid.prototype.keys = function (b) {
    var out = [];
    for (var gx = Math.floor(b.x1 / CELL); gx <= Math.floor(b.x2 / CELL); gx++) {
      for (var gy = Math.floor(b.y1 / CELL); gy <= Math.floor(b.y2 / CELL); gy++) { out.push(gx + "," + gy); }
    }
    return out;
  };
  Grid.prototype.add = function (b) {
    var cells = this.cells;
    this.keys(b).forEach(function (k) { (cells[k] = cells[k] || []).push(b); });
  };
  Grid.prototype.hits = function (b, except) {
    var cells = this.cells, keys = this.keys(b);
    for (var i = 0; i < keys.length; i++) {
      var list = cells[keys[i]] || [];
      for (var j = 0; j < list.length; j++) {
        var o = list[j];
        if (o.node !== except && o.x1 < b.x2 && b.x1 < o.x2 && o.y1 < b.y2 && b.y1 < o.y2) { return true; }
      }
    }
    return false;
  };

  var labelOrder = [], textWidths = {}, edgesShownCount = 0, labelMs = 0;
  function orderLabels() {  // the selected node, then search matches, then the most connected
    var rank = {};
    matches.forEach(function (i) { rank[i] = 1; });
    if (selected >= 0) { rank[selected] = 0; }
    labelOrder = visibleNodes.slice().sort(function (a, b) {
      var pa = a in rank ? rank[a] : 2, pb = b in rank ? rank[b] : 2;
      return pa - pb || data.nodes[b].degree - data.nodes[a].degree || a - b;
    });
  }
  function drawLabels(ctx) {
    var started = performance.now();
    var width = container.clientWidth, height = container.clientHeight;
    var ratio = ctx.canvas.width / width || 1, scale = network.getScale();
    var positions = network.getPositions(visibleNodes);
    var nodesGrid = new Grid(), labelsGrid = new Grid(), screen = {}, inView = 0;
    visibleNodes.forEach(function (i) {
      var p = network.canvasToDOM(positions[i]), r = radius(data.nodes[i]) * scale + 1.5;
      if (p.x + r < 0 || p.y + r < 0 || p.x - r > width || p.y - r > height) { return; }  // off the canvas: no label, hides none
      screen[i] = { x: p.x, y: p.y, r: r };
      inView++;
      nodesGrid.add({ node: i, x1: p.x - r, y1: p.y - r, x2: p.x + r, y2: p.y + r });
    });
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = FONT_PX + "px system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    placedLabels = [];
    labelOrder.forEach(function (i) {
      var s = screen[i];
      if (!s) { return; }
      var text = shortLabel(data.nodes[i].label);
      if (!(i in textWidths)) { textWidths[i] = ctx.measureText(text).width + 4; }
      var w = textWidths[i], h = FONT_PX + 3;
      // below the node, above it, to its right, to its left, then the four corners; then the same a little further
      // out (a hub is often ringed by its neighbours): the first place that is free
      var places = [];
      [0, 8].forEach(function (extra) {
        var r = s.r + extra, d = r * 0.75 + 1;
        places.push([s.x - w / 2, s.y + r + 1], [s.x - w / 2, s.y - r - 1 - h], [s.x + r + 2, s.y - h / 2], [s.x - r - 2 - w, s.y - h / 2],
                    [s.x + d, s.y + d], [s.x - d - w, s.y + d], [s.x + d, s.y - d - h], [s.x - d - w, s.y - d - h]);
      });
      var box = places
        .map(function (p) { return { node: i, text: text, x1: p[0], y1: p[1], x2: p[0] + w, y2: p[1] + h }; })
        .find(function (b) {
          return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= width && b.y2 <= height && !labelsGrid.hits(b, -1) && !nodesGrid.hits(b, i);
        });
      if (!box) { return; }
      labelsGrid.add(box);
      placedLabels.push(box);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(text, (box.x1 + box.x2) / 2, box.y1 + 1);
      ctx.fillStyle = i === selected ? "#000000" : "#222222";
      ctx.fillText(text, (box.x1 + box.x2) / 2, box.y1 + 1);
    });
    ctx.restore();
    body.setAttribute("data-labels-drawn", String(placedLabels.length));
    var unlabelled = inView - placedLabels.length;
    document.getElementById("counts").textContent = visibleNodes.length + " nodes, " + edgesShownCount + " edges shown" +
      (unlabelled ? "; " + unlabelled + " labels in view left out where they would overlap (zoom in)" : "");
    labelMs = performance.now() - started;
  }
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
