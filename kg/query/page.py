"""The query page `kg serve` shows at `/`: one self-contained HTML file, no external assets."""

from __future__ import annotations

import html
import json
import re

from kg import vocab as v

_EXAMPLE = """SELECT ?actor ?relation ?object WHERE {
  ?a ?p ?o ; a kg:Actor ; rdfs:label ?actor .
  ?o rdfs:label ?object .
  FILTER(STRSTARTS(STR(?p), STR(kg:)))
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
}
ORDER BY ?actor
LIMIT 50"""

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kg SPARQL endpoint</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:1.5rem auto;max-width:70rem;padding:0 1rem;color:#222}
textarea{width:100%;height:16rem;font:13px/1.4 ui-monospace,monospace;box-sizing:border-box}
table{border-collapse:collapse;margin-top:1rem;font-size:13px}
td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}#status{margin-left:1rem;color:#555}.error{color:#a00;white-space:pre-wrap}
pre{background:#f7f7f7;padding:.5rem;overflow:auto}code{font-size:13px}
</style></head><body>
<h1>kg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 over the merged graph. Endpoint: <code>__ENDPOINT__</code>
(GET or POST <code>query=</code>). Predeclared prefixes: <code>__PREFIXES__</code>.
Time limit: __TIMEOUT__ s.</p>
<form id="form" method="get" action="__ENDPOINT__">
<p><label>Shipped query: <select id="named"><option value="">(choose)</option></select></label></p>
<textarea id="query" name="query" spellcheck="false">__EXAMPLE__</textarea>
<p><label>Format: <select id="format" name="format">
<option value="table">table (in this page)</option><option value="json">JSON</option>
<option value="xml">XML</option><option value="csv">CSV</option><option value="tsv">TSV</option>
<option value="turtle">Turtle</option><option value="nt">N-Triples</option><option value="jsonld">JSON-LD</option>
</select></label>
<button type="submit">Run</button><span id="status"></span></p>
</form>
<div id="results"></div>
<script id="queries" type="application/json">__QUERIES__</script>
<script>
"use strict";
const queries = JSON.parse(document.getElementById("queries").textContent);
const named = document.getElementById("named"), box = document.getElementById("query");
for (const q of queries) {
  const o = document.createElement("option"); o.value = q.name; o.textContent = q.name + " \\u2014 " + q.title; named.appendChild(o);
}
named.addEventListener("change", () => { const q = queries.find(x => x.name === named.value); if (q) box.value = q.sparql; });
function cell(t) {
  if (!t) return "";
  if (t.type === "uri") { for (const [p, ns] of Object.entries(__PREFIX_MAP__)) if (t.value.startsWith(ns)) return p + ":" + t.value.slice(ns.length); return "<" + t.value + ">"; }
  return t.value;
}
document.getElementById("form").addEventListener("submit", async (ev) => {
  const fmt = document.getElementById("format").value;
  if (fmt !== "table") return;  // other formats: the browser shows the raw answer
  ev.preventDefault();
  const out = document.getElementById("results"), status = document.getElementById("status");
  out.replaceChildren(); status.textContent = "running\\u2026";
  const t0 = performance.now();
  const r = await fetch("__ENDPOINT__", {method: "POST", body: new URLSearchParams({query: box.value}),
    headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}});
  const text = await r.text();
  status.textContent = r.status + " in " + Math.round(performance.now() - t0) + " ms";
  if (!r.ok) { const p = document.createElement("p"); p.className = "error"; p.textContent = text; out.appendChild(p); return; }
  if (!(r.headers.get("Content-Type") || "").includes("json")) { const pre = document.createElement("pre"); pre.textContent = text; out.appendChild(pre); return; }
  const data = JSON.parse(text);
  if ("boolean" in data) { const p = document.createElement("p"); p.textContent = String(data.boolean); out.appendChild(p); return; }
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const b of data.results.bindings) { const row = table.insertRow(); for (const v of data.head.vars) row.insertCell().textContent = cell(b[v]); }
  status.textContent += ", " + data.results.bindings.length + " rows";
  out.appendChild(table);
});
</script>
</body></html>
"""


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element: no '</' or '<!--' can close or confuse it."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(endpoint: str, timeout: float, queries: list[dict[str, str]]) -> bytes:
    """The HTML query page, every inserted value escaped for its context."""
    replacements = {
        "__ENDPOINT__": html.escape(endpoint),
        "__PREFIXES__": html.escape(", ".join(v.PREFIXES)),
        "__TIMEOUT__": html.escape(f"{timeout:g}"),
        "__EXAMPLE__": html.escape(_EXAMPLE),
        "__QUERIES__": _script_json(queries),
        "__PREFIX_MAP__": _script_json(v.PREFIXES),
    }
    # one pass, so that an inserted value is never itself searched for placeholders
    page = re.sub(r"__[A-Z_]+__", lambda m: replacements.get(m.group(0), m.group(0)), _PAGE)
    return page.encode("utf-8")
