(function () {
  "use strict";
  // kg's entity network page: draws the precomputed layout as SVG; text only ever goes in through textContent.
  var SVGNS = "http://www.w3.org/2000/svg";
  var SIZE = 1000, PAD = 70;
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var svg = document.getElementById("graph");
  var body = document.body;
  var hiddenClasses = {}, hiddenRelations = {};
  var nodeEls = [], edgeEls = [], matches = [], selected = -1;
  var colors = {};
  data.classes.forEach(function (c) { colors[c.name] = /^#[0-9a-fA-F]{6}$/.test(c.color) ? c.color : "#bab0ac"; });
  var adjacency = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e, i) {
    adjacency[e.s].push(i);
    if (e.t !== e.s) { adjacency[e.t].push(i); }
  });
  var maxDegree = data.nodes.reduce(function (m, n) { return Math.max(m, n.degree); }, 1);
  var byDegree = data.nodes.map(function (n, i) { return i; }).sort(function (a, b) { return data.nodes[b].degree - data.nodes[a].degree || a - b; });
  var labelled = {};
  byDegree.slice(0, data.nodes.length <= 60 ? data.nodes.length : 40).forEach(function (i) { labelled[i] = true; });

  function svgEl(tag, attrs, parent) {
    var el = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    if (parent) { parent.appendChild(el); }
    return el;
  }
  function htmlEl(tag, text, parent, cls) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    if (cls) { el.className = cls; }
    if (parent) { parent.appendChild(el); }
    return el;
  }
  function px(n) { return PAD + n.x * (SIZE - 2 * PAD); }
  function py(n) { return PAD + n.y * (SIZE - 2 * PAD); }
  function radius(n) { return 5 + 14 * Math.sqrt(n.degree / maxDegree); }

  // drawing ---------------------------------------------------------------
  var viewport;
  function draw() {
    svg.setAttribute("viewBox", "0 0 " + SIZE + " " + SIZE);
    var defs = svgEl("defs", {}, svg);
    var marker = svgEl("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, defs);
    svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: "#888" }, marker);
    viewport = svgEl("g", { id: "viewport" }, svg);
    var edgeLayer = svgEl("g", { "class": "edges" }, viewport);
    var nodeLayer = svgEl("g", { "class": "nodes" }, viewport);
    data.edges.forEach(function (e) {
      var a = data.nodes[e.s], b = data.nodes[e.t];
      var x1 = px(a), y1 = py(a), x2 = px(b), y2 = py(b);
      var dx = x2 - x1, dy = y2 - y1, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var shrink = Math.min(radius(b) + 2, len / 2);
      var line = svgEl("line", {
        "class": "edge", x1: x1, y1: y1, x2: x2 - dx / len * shrink, y2: y2 - dy / len * shrink,
        "stroke-width": (1 + Math.log(1 + e.weight)).toFixed(2)
      }, edgeLayer);
      if (e.directed) { line.setAttribute("marker-end", "url(#arrow)"); }
      svgEl("title", {}, line).textContent = a.label + " " + e.label + " " + b.label;
      edgeEls.push(line);
    });
    data.nodes.forEach(function (n, i) {
      var g = svgEl("g", { "class": "node", transform: "translate(" + px(n).toFixed(2) + "," + py(n).toFixed(2) + ")" }, nodeLayer);
      svgEl("circle", { r: radius(n).toFixed(2), fill: colors[n.cls] || "#bab0ac" }, g);
      svgEl("title", {}, g).textContent = n.label + " (" + n.cls + ")";
      if (labelled[i]) {
        var t = svgEl("text", { x: (radius(n) + 3).toFixed(2), dy: "0.35em" }, g);
        t.textContent = n.label.length > 40 ? n.label.slice(0, 39) + "…" : n.label;
      }
      g.addEventListener("click", function (ev) { ev.stopPropagation(); select(i); });
      nodeEls.push(g);
    });
  }

  // filters ---------------------------------------------------------------
  function checkbox(list, name, count, color, hidden) {
    var li = htmlEl("li", null, list);
    var label = htmlEl("label", null, li);
    var box = htmlEl("input", null, label);
    box.type = "checkbox";
    box.checked = true;
    if (color) { htmlEl("span", null, label, "swatch").style.backgroundColor = color; }
    htmlEl("span", name, label);
    htmlEl("span", count, label, "count");
    box.addEventListener("change", function () {
      if (box.checked) { delete hidden[name]; } else { hidden[name] = true; }
      applyFilters();
    });
  }
  function buildFilters() {
    var legend = document.getElementById("legend");
    data.classes.forEach(function (c) { checkbox(legend, c.name, c.count, colors[c.name], hiddenClasses); });
    var relations = document.getElementById("relations");
    data.relations.forEach(function (r) { checkbox(relations, r.name, r.count, null, hiddenRelations); });
  }
  function nodeVisible(i) { return !hiddenClasses[data.nodes[i].cls]; }
  function edgeVisible(k) {
    var e = data.edges[k];
    return !hiddenRelations[e.relation] && nodeVisible(e.s) && nodeVisible(e.t);
  }
  function applyFilters() {
    var shownNodes = 0, shownEdges = 0;
    nodeEls.forEach(function (g, i) {
      var on = nodeVisible(i);
      g.classList.toggle("hidden", !on);
      if (on) { shownNodes++; }
    });
    edgeEls.forEach(function (line, k) {
      var on = edgeVisible(k);
      line.classList.toggle("hidden", !on);
      if (on) { shownEdges++; }
    });
    document.getElementById("counts").textContent = shownNodes + " of " + data.nodes.length + " nodes, " + shownEdges + " of " + data.edges.length + " edges";
    body.setAttribute("data-nodes-shown", String(shownNodes));
    body.setAttribute("data-edges-shown", String(shownEdges));
  }

  // search ----------------------------------------------------------------
  function search(query) {
    var q = query.trim().toLowerCase();
    matches = [];
    data.nodes.forEach(function (n, i) {
      var names = (n.label + "\n" + (n.attrs.alt_labels || "")).toLowerCase();
      var hit = q !== "" && names.indexOf(q) >= 0;
      if (hit) { matches.push(i); }
      nodeEls[i].classList.toggle("match", hit);
      nodeEls[i].classList.toggle("dim", q !== "" && !hit);
    });
    var out = document.getElementById("search-result");
    if (q === "") {
      out.textContent = "";
    } else if (matches.length === 0) {
      out.textContent = "no match";
    } else {
      out.textContent = matches.length + (matches.length === 1 ? " match: " : " matches, first: ") + data.nodes[matches[0]].label;
      select(matches[0]);
    }
    body.setAttribute("data-search-matches", String(matches.length));
    body.setAttribute("data-search-first", matches.length ? data.nodes[matches[0]].label : "");
  }

  // details ---------------------------------------------------------------
  function select(i) {
    if (selected >= 0) { nodeEls[selected].classList.remove("selected"); }
    selected = i;
    var panel = document.getElementById("details");
    panel.replaceChildren();
    if (i < 0) { return; }
    nodeEls[i].classList.add("selected");
    var n = data.nodes[i];
    htmlEl("h2", n.label, panel);
    var table = htmlEl("table", null, panel);
    Object.keys(n.attrs).sort().forEach(function (k) {
      var tr = htmlEl("tr", null, table);
      htmlEl("td", k, tr);
      htmlEl("td", n.attrs[k], tr);
    });
    htmlEl("h2", "Relations (" + adjacency[i].length + ")", panel);
    var list = htmlEl("ul", null, panel);
    adjacency[i].forEach(function (k) {
      var e = data.edges[k];
      var li = htmlEl("li", null, list);
      var other = data.nodes[e.s === i ? e.t : e.s];
      var text = e.s === i ? "→ " + e.label + " → " + other.label : "← " + other.label + " " + e.label;
      htmlEl("strong", text, li);
      htmlEl("span", "  weight " + e.weight, li, "source");
      if (e.attrs.explanation) { htmlEl("span", e.attrs.explanation, li, "sentence"); }
      var sentences = e.sentences.length ? e.sentences : (e.attrs.evidence ? [{ text: e.attrs.evidence, document: e.attrs.sources || "", date: e.attrs.first_date || "" }] : []);
      sentences.forEach(function (s) {
        var block = htmlEl("span", s.text, li, "sentence");
        var where = [s.document, s.date].filter(function (x) { return x; }).join(", ");
        if (where) { htmlEl("span", " — " + where, block, "source"); }
      });
    });
    body.setAttribute("data-selected", n.label);
  }

  // pan and zoom ------------------------------------------------------------
  var view = { x: 0, y: 0, w: SIZE, h: SIZE };
  function setView() { svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(2); }).join(" ")); }
  function toGraph(ev) {
    var r = svg.getBoundingClientRect();
    var scale = Math.max(view.w / r.width, view.h / r.height);
    var ox = (r.width * scale - view.w) / 2, oy = (r.height * scale - view.h) / 2;
    return { x: view.x - ox + (ev.clientX - r.left) * scale, y: view.y - oy + (ev.clientY - r.top) * scale, scale: scale };
  }
  function enablePanZoom() {
    svg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = toGraph(ev), f = ev.deltaY < 0 ? 0.85 : 1 / 0.85;
      view.x = p.x - (p.x - view.x) * f; view.y = p.y - (p.y - view.y) * f;
      view.w *= f; view.h *= f;
      setView();
    }, { passive: false });
    var drag = null;
    svg.addEventListener("pointerdown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, s: toGraph(ev).scale }; svg.classList.add("panning"); });
    window.addEventListener("pointermove", function (ev) {
      if (!drag) { return; }
      view.x = drag.vx - (ev.clientX - drag.x) * drag.s; view.y = drag.vy - (ev.clientY - drag.y) * drag.s;
      setView();
    });
    window.addEventListener("pointerup", function () { drag = null; svg.classList.remove("panning"); });
  }

  // the URL hash drives search and selection: #search=Belarus ----------------
  function applyHash() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    var q = params.get("search");
    if (q !== null) {
      document.getElementById("search").value = q;
      search(q);
    }
  }

  draw();
  buildFilters();
  applyFilters();
  enablePanZoom();
  var box = document.getElementById("search");
  box.addEventListener("input", function () { search(box.value); });
  window.addEventListener("hashchange", applyHash);
  applyHash();
  body.setAttribute("data-nodes-drawn", String(svg.querySelectorAll("g.node").length));
  body.setAttribute("data-edges-drawn", String(svg.querySelectorAll("line.edge").length));
  body.setAttribute("data-ready", "1");
}());
