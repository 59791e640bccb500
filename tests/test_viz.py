"""`kg viz`: the offline HTML page in a real headless Chromium, escaping of hostile text, and the static pictures.

The browser is driven over the Chrome DevTools Protocol with a minimal
websocket client (below), so that console errors, exceptions and every
network request are seen, and a screenshot is taken, without extra packages.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.network import project
from kg.store import GraphStore
from kg.viz.html import json_for_html, render_html

I = "https://w3id.org/policy-kg/id/"
XSS = '<script>document.body.setAttribute("data-pwned","script")</script><img src=x onerror="document.body.setAttribute(\'data-pwned\',\'img\')">'
BREAKOUT = '</script><script>document.body.setAttribute("data-pwned","breakout")</script>\u2028\u2029<!--'
HOSTILE = f"""
@prefix kg: <https://w3id.org/policy-kg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{I}doc/x> a kg:Document ; dcterms:title {json.dumps(XSS)} ; kg:sourcePath {json.dumps(BREAKOUT)} .
<{I}actor/x> a kg:Actor , kg:State ; rdfs:label {json.dumps("Belarus " + XSS)} ; skos:altLabel {json.dumps(BREAKOUT)} ; kg:mentionedIn <{I}doc/x> .
<{I}measure/m> a kg:Measure ; rdfs:label {json.dumps(BREAKOUT)} ; kg:status {json.dumps(XSS)} ; kg:mentionedIn <{I}doc/x> .
<{I}actor/x> kg:adopts <{I}measure/m> .
<{I}ev/1> a kg:Evidence ; rdf:subject <{I}actor/x> ; rdf:predicate kg:adopts ; rdf:object <{I}measure/m> ;
    kg:sentence {json.dumps(XSS + BREAKOUT)} ; kg:startOffset 0 ; prov:wasDerivedFrom <{I}doc/x> .
"""


def store_from_turtle(ttl: str, path: Path) -> GraphStore:
    """An in-memory GraphStore holding `ttl` in its default graph."""
    store = ox.Store()
    store.load(ttl.encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    return GraphStore(store, path)


# the page itself ---------------------------------------------------------------


def test_json_for_html_escapes_what_could_end_a_script() -> None:
    text = json_for_html({"a": "</script><b>&\u2028\u2029"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"a": "</script><b>&\u2028\u2029"}


def test_hostile_text_never_reaches_the_markup(tmp_path: Path) -> None:
    from kg.viz.html import vis_network_script

    # the page without vis-network's text, which is the library's own (it mentions '<script' and 'onerror=' itself)
    page = render_html(project(store_from_turtle(HOSTILE, tmp_path), with_sentences=True)).replace(vis_network_script(), "")
    assert page.count("<script") == 3  # the JSON block, vis-network and the page's own script, nothing else
    assert "<img" not in page and "onerror=" not in page.replace("onerror=\\", "")
    assert "\u2028" not in page and "\u2029" not in page
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert data and "Belarus" in json.loads(data.group(1))["nodes"][0]["label"]


def test_page_is_self_contained_and_allows_only_its_own_scripts(tmp_path: Path) -> None:
    from kg.viz.html import vis_network_script

    page = render_html(project(store_from_turtle(HOSTILE, tmp_path)))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "sourceMappingURL" not in page
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2 and scripts[0] == vis_network_script()  # vis-network as the pyvis wheel ships it, then ours
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp and "default-src 'none'" in html.unescape(csp.group(1))
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in html.unescape(csp.group(1))
    assert "innerHTML" not in scripts[1] and "eval(" not in scripts[1]
    assert "innerHTML" not in scripts[0] and "eval(" not in scripts[0] and "new Function" not in scripts[0]


# headless Chromium over the DevTools Protocol ------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no chromium found; run .ci/install-browser.sh (Debian's chromium package) to enable the browser tests")


class _WebSocket:
    """Just enough of RFC 6455 for the DevTools Protocol: text frames, masked sends, fragmented receives."""

    def __init__(self, url: str) -> None:
        parts = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        assert head.split(b" ", 2)[1] == b"101", head

    def send(self, text: str) -> None:
        payload = text.encode()
        n = len(payload)
        header = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + n.to_bytes(2, "big") if n < 65536 else bytes([0x80 | 127]) + n.to_bytes(8, "big"))
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _exact(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("devtools connection closed")
            data += chunk
        return data

    def recv(self) -> str:
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = int.from_bytes(self._exact(2), "big")
            elif n == 127:
                n = int.from_bytes(self._exact(8), "big")
            payload = self._exact(n)
            opcode = b0 & 0x0F
            if opcode == 8:
                raise ConnectionError("devtools connection closed")
            if opcode in (0, 1, 2):
                message += payload
                if b0 & 0x80:
                    return message.decode()


class Browser:
    """A headless Chromium with one page, recording console errors, exceptions and network requests."""

    def __init__(self, binary: str, profile: Path) -> None:
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
                 "--disable-extensions", f"--user-data-dir={profile}", "--remote-debugging-port=0",
                 "--remote-debugging-address=127.0.0.1", "--window-size=1280,860", "about:blank"]
        self.proc = subprocess.Popen([binary, *flags], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        targets: list[dict[str, Any]] = []
        while not any(t["type"] == "page" for t in targets):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
                targets = json.load(answer)
        page = next(t for t in targets if t["type"] == "page")
        self.ws = _WebSocket(page["webSocketDebuggerUrl"])
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command and return its result, keeping the events that arrive meanwhile."""
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def open(self, url: str) -> None:
        """Navigate and wait until the page has loaded and its script says it is ready."""
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.evaluate("document.readyState === 'complete' && document.body && document.body.dataset.ready === '1'"):
                return
            time.sleep(0.1)
        raise AssertionError(f"page did not become ready; console: {self.errors()}")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries so far (CSP violations and failed loads included)."""
        found = []
        for e in self.events:
            p = e.get("params", {})
            if e.get("method") == "Runtime.exceptionThrown":
                found.append(json.dumps(p.get("exceptionDetails", {}))[:500])
            elif e.get("method") == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
                found.append(json.dumps(p.get("args", []))[:500])
            elif e.get("method") == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                found.append(p["entry"].get("text", "")[:500])
        return found

    def requests(self) -> list[str]:
        """Every URL the page asked for."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self) -> bytes:
        """A PNG of the viewport."""
        return base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])

    def close(self) -> None:
        """Stop this browser process."""
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """One headless Chromium for the module's browser tests."""
    b = Browser(_chromium(), tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield b
    finally:
        b.close()


def _pixels_vary(png: bytes) -> float:
    import matplotlib.image as mpimg

    image = mpimg.imread(io.BytesIO(png), format="png")
    return float(image[..., :3].std())


# what the tests read from the page: label boxes as drawn, node circles from vis-network itself, in CSS pixels of the canvas
_GEOMETRY = """(() => {
  const v = window.kgView, net = v.network, scale = net.getScale();
  const shown = v.nodes.get({filter: n => !n.hidden}).map(n => n.id);
  const at = net.getPositions(shown);
  const nodes = shown.map(id => { const p = net.canvasToDOM(at[id]); const r = v.radius(id) * scale;
                                   return {node: id, x1: p.x - r, y1: p.y - r, x2: p.x + r, y2: p.y + r}; });
  const box = document.getElementById('canvas');
  return {labels: v.labels(), nodes: nodes, width: box.clientWidth, height: box.clientHeight,
          hidden: v.nodes.get({filter: n => n.hidden}).map(n => n.id)};
})()"""


def geometry_now(browser: Browser) -> dict[str, Any]:
    """The page's geometry once two reads 0.2 s apart agree (vis-network may redraw once more after it resizes its canvas)."""
    last = browser.evaluate(_GEOMETRY)
    for _ in range(50):
        time.sleep(0.2)
        now = browser.evaluate(_GEOMETRY)
        if now == last:
            return now  # type: ignore[no-any-return]
        last = now
    raise AssertionError("the page kept redrawing for 10 s")


def network_requests(browser: Browser) -> list[str]:
    """What the page fetched beyond inline data: URLs (Chromium draws a date field's icon from one): the page itself, no more."""
    return [u for u in browser.requests() if not u.startswith("data:")]


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return bool(a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"])


def isolated_hidden_and_labels_legible(browser: Browser, graph: Any) -> dict[str, Any]:
    """The page's geometry, once it is checked: unconnected nodes are hidden until the switch shows them, and the labels
    as measured in the page lie over no other label or node and are not cut."""
    isolated = [i for i, (_, d) in enumerate(graph.nodes(data=True)) if d["degree"] == 0]
    geometry = geometry_now(browser)
    assert isolated and sorted(geometry["hidden"]) == isolated
    assert int(browser.evaluate("document.body.dataset.nodesShown")) == graph.number_of_nodes() - len(isolated)
    assert_labels_legible(geometry)
    return geometry


def assert_labels_legible(geometry: dict[str, Any]) -> None:
    """No two drawn labels intersect, none covers another node, none is cut by the canvas's edge."""
    labels = geometry["labels"]
    for i, a in enumerate(labels):
        assert 0 <= a["x1"] and a["x2"] <= geometry["width"] and 0 <= a["y1"] and a["y2"] <= geometry["height"], a
        for b in labels[i + 1 :]:
            assert not _overlap(a, b), (a["text"], b["text"])
        for n in geometry["nodes"]:
            assert n["node"] == a["node"] or not _overlap(a, n), (a["text"], n)


def _click(browser: Browser, node: int) -> None:
    """A real mouse click on a node, where vis-network drew it."""
    x, y = browser.evaluate(f"""(() => {{ const net = window.kgView.network, p = net.canvasToDOM(net.getPositions([{node}])[{node}]);
                                    const r = document.getElementById('canvas').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }})()""")
    for kind in ("mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
    time.sleep(0.3)


def _click_uncovered(browser: Browser, node: int) -> bool:
    """A real click on a point of the node's disc where vis-network finds that node (in a dense graph its neighbours may bury it); False if none."""
    point = browser.evaluate(f"""(() => {{ const net = window.kgView.network, c = net.canvasToDOM(net.getPositions([{node}])[{node}]);
        const r = window.kgView.radius({node}) * net.getScale(), box = document.getElementById('canvas').getBoundingClientRect();
        for (const f of [0, 0.4, 0.7]) for (let k = 0; k < 12; k++) {{
          const x = c.x + f * r * Math.cos(k * Math.PI / 6), y = c.y + f * r * Math.sin(k * Math.PI / 6);
          if (x > 0 && y > 0 && x < box.width && y < box.height && net.getNodeAt({{x: x, y: y}}) === {node}) return [box.left + x, box.top + y];
        }}
        return null; }})()""")
    if point is None:
        return False
    for kind in ("mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", type=kind, x=point[0], y=point[1], button="left", clickCount=1)
    time.sleep(0.3)
    return True


def test_seeds_page_in_chromium(browser: Browser, seeds_store: Any, tmp_path: Path) -> None:
    graph = project(seeds_store, with_sentences=True)
    page = tmp_path / "graph.html"
    page.write_text(render_html(graph), encoding="utf-8")
    browser.events.clear()
    browser.open(page.as_uri())
    assert int(browser.evaluate("document.body.dataset.nodesDrawn")) == graph.number_of_nodes()
    assert int(browser.evaluate("document.body.dataset.edgesDrawn")) == graph.number_of_edges()
    geometry = isolated_hidden_and_labels_legible(browser, graph)
    drawn = {label["text"] for label in geometry["labels"]}
    assert len(drawn) >= len(geometry["nodes"]) // 2 and "European Union" in drawn, drawn
    browser.evaluate("(() => { const n = window.kgView.network; n.moveTo({scale: n.getScale() * 2.5}); n.redraw(); })()")
    assert_labels_legible(geometry_now(browser))
    browser.evaluate("document.getElementById('show-isolated').click()")
    time.sleep(0.3)
    assert int(browser.evaluate("document.body.dataset.nodesShown")) == graph.number_of_nodes()
    assert_labels_legible(browser.evaluate(_GEOMETRY))
    # a click on a node shows its attributes and its evidence with each document's title
    browser.evaluate("document.getElementById('show-isolated').click(); window.kgView.network.fit(); window.kgView.network.redraw()")
    time.sleep(0.3)
    names = [d["label"] for _, d in graph.nodes(data=True)]
    eu = names.index("European Union")
    _click(browser, eu)
    assert browser.evaluate("document.body.dataset.selected") == "European Union"
    panel = browser.evaluate("document.getElementById('details').textContent")
    sentence = next(s for _, _, d in graph.edges(list(graph.nodes)[eu], data=True) for s in d["sentences"])
    assert sentence["text"] in panel
    titles = browser.evaluate("Array.from(document.querySelectorAll('#details .source .title')).map(e => e.textContent)")
    assert titles and set(titles) <= {d["title"] for d in graph.graph["documents"].values()}
    # a small page draws an arrowhead on every directed edge
    assert browser.evaluate("document.body.dataset.large") == "0" and browser.evaluate("document.getElementById('large-note').hidden") is True
    arrows = browser.evaluate("window.kgView.edges.get().map(e => !!(e.arrows && e.arrows.to && e.arrows.to.enabled))")
    assert arrows == [d.get("type") != "undirected" for _, _, d in graph.edges(data=True)] and any(arrows)
    # one colour per relation, a different one for each
    colours = browser.evaluate("window.kgView.edges.get().map(e => e.color.color)")
    by_relation = {(d["relation"], c) for (_, _, d), c in zip(graph.edges(data=True), colours, strict=True)}
    assert len(by_relation) == len({r for r, _ in by_relation}) == len({c for _, c in by_relation}) >= 5
    # the filters: hiding every measure hides those nodes
    measures = {i for i, (_, d) in enumerate(graph.nodes(data=True)) if d["class"] == "Measure"}
    browser.evaluate("""Array.from(document.querySelectorAll('#legend label')).filter(l => l.textContent.startsWith('Measure'))
                          .forEach(l => l.querySelector('input').click())""")
    shown = browser.evaluate("window.kgView.nodes.get({filter: n => !n.hidden}).map(n => n.id)")
    assert shown and not measures & set(shown)
    # a search picks the node named exactly so before those whose names contain it
    browser.evaluate("(() => { const b = document.getElementById('search'); b.value = 'european union'; b.dispatchEvent(new Event('input')); })()")
    assert browser.evaluate("document.body.dataset.searchFirst") == "European Union"
    assert network_requests(browser) == [page.as_uri()], browser.requests()
    assert browser.errors() == []


DATED = HOSTILE.replace(
    f"<{I}doc/x> a kg:Document ;",
    f'<{I}doc/y> a kg:Document ; dcterms:title "Harbour Watch, 14 March" ; dcterms:date "2026-03-14"^^<http://www.w3.org/2001/XMLSchema#date> ; '
    f'kg:url "https://example.org/harbour-watch/14" ; kg:sourcePath "reports/harbour.txt" .\n'
    f'<{I}actor/n> a kg:Actor , kg:State ; rdfs:label "Norland" ; kg:mentionedIn <{I}doc/y> .\n'
    f'<{I}measure/p> a kg:Measure ; rdfs:label "coastal patrols" ; kg:status "adopted" ; kg:mentionedIn <{I}doc/y> .\n'
    f'<{I}actor/n> kg:adopts <{I}measure/p> .\n'
    f'<{I}ev/2> a kg:Evidence ; rdf:subject <{I}actor/n> ; rdf:predicate kg:adopts ; rdf:object <{I}measure/p> ; '
    f'kg:sentence "Norland adopted coastal patrols." ; kg:startOffset 0 ; prov:wasDerivedFrom <{I}doc/y> .\n'
    f"<{I}doc/x> a kg:Document ;",
)


def test_click_shows_evidence_with_title_date_and_link_and_filters_by_document_and_date(browser: Browser, tmp_path: Path) -> None:
    graph = project(store_from_turtle(DATED, tmp_path), with_sentences=True)
    page = tmp_path / "dated.html"
    page.write_text(render_html(graph), encoding="utf-8")
    browser.events.clear()
    browser.open(page.as_uri())
    norland = [d["label"] for _, d in graph.nodes(data=True)].index("Norland")
    _click(browser, norland)
    assert browser.evaluate("document.body.dataset.selected") == "Norland"
    assert "Norland adopted coastal patrols." in browser.evaluate("document.getElementById('details').textContent")
    source = browser.evaluate("(() => { const s = document.querySelector('#details .source'); const a = s.querySelector('a');"
                              " return [s.textContent, a.textContent, a.getAttribute('href')]; })()")
    assert source == ["Harbour Watch, 14 March \u00b7 2026-03-14", "Harbour Watch, 14 March", "https://example.org/harbour-watch/14"]
    # the hostile document has no URL: its title is text, never a link
    assert browser.evaluate("document.querySelectorAll('#details a').length") == 1
    # hovering an edge names its relation; edges carry their relation's colour
    x, y = browser.evaluate(f"""(() => {{ const net = window.kgView.network, at = net.getPositions();
        const e = window.kgView.edges.get({{filter: e => e.from === {norland}}})[0];
        const a = net.canvasToDOM(at[e.from]), b = net.canvasToDOM(at[e.to]), r = document.getElementById('canvas').getBoundingClientRect();
        return [r.left + (a.x + b.x) / 2, r.top + (a.y + b.y) / 2]; }})()""")
    browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
    time.sleep(0.8)
    assert browser.evaluate("(() => { const t = document.querySelector('div.vis-tooltip'); return t && t.style.visibility !== 'hidden' ? t.textContent : null; })()") == "adopts"
    colours = browser.evaluate("window.kgView.edges.get().map(e => e.color.color)")
    assert len(set(colours)) == len({d["relation"] for _, _, d in graph.edges(data=True)})
    edges_shown = lambda: int(browser.evaluate("document.body.dataset.edgesShown"))  # noqa: E731
    assert edges_shown() == 2
    browser.evaluate("(() => { const d = document.getElementById('date-from'); d.value = '2026-03-01'; d.dispatchEvent(new Event('change')); })()")
    assert edges_shown() == 1  # only the dated edge is from March 2026 on
    browser.evaluate("(() => { const d = document.getElementById('date-from'); d.value = ''; d.dispatchEvent(new Event('change'));"
                     " const s = document.getElementById('document'); s.value = 'harbour.txt'; s.dispatchEvent(new Event('change')); })()")
    assert edges_shown() == 1 and browser.evaluate("window.kgView.edges.get({filter: e => !e.hidden}).map(e => e.title)") == ["adopts"]
    assert network_requests(browser) == [page.as_uri()] and browser.errors() == []


def large_turtle(nodes: int, edges: int, isolated: int, seed: int = 11) -> str:
    """A random network of `nodes` actors and measures with `edges` relations and `isolated` unconnected ones."""
    import random

    rng = random.Random(seed)
    words = ["border", "agency", "council", "fund", "patrol", "mission", "office", "programme", "union", "ministry", "coast", "guard"]
    lines = ["@prefix kg: <https://w3id.org/policy-kg/ontology#> .", "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    for i in range(nodes + isolated):
        kind = "kg:Actor , kg:State" if i % 3 else "kg:Measure"
        name = " ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) + f" {i}"
        lines.append(f'<{I}n/{i}> a {kind} ; rdfs:label "{name}" .')
    for _ in range(edges):
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        relation = rng.choice(["kg:supports", "kg:cooperatesWith", "kg:targets", "kg:threatens"])
        lines.append(f"<{I}n/{a}> {relation} <{I}n/{b}> .")
    return "\n".join(lines) + "\n"


def test_large_page_keeps_labels_apart_and_unconnected_nodes_hidden(browser: Browser, tmp_path: Path) -> None:
    graph = project(store_from_turtle(large_turtle(1500, 2500, 300), tmp_path), with_sentences=True)
    page = tmp_path / "large.html"
    page.write_text(render_html(graph), encoding="utf-8")
    browser.events.clear()
    browser.open(page.as_uri())
    geometry = geometry_now(browser)
    isolated = [i for i, (_, d) in enumerate(graph.nodes(data=True)) if d["degree"] == 0]
    assert len(isolated) >= 300 and sorted(geometry["hidden"]) == isolated
    assert_labels_legible(geometry)
    assert len(geometry["labels"]) >= 20  # the hubs are named even at the first, widest view
    for _ in range(2):  # zoomed in on the middle, more labels fit, and still none overlaps
        browser.evaluate("(() => { const n = window.kgView.network; n.moveTo({scale: n.getScale() * 3}); n.redraw(); })()")
        zoomed = geometry_now(browser)
        assert_labels_legible(zoomed)
    # the labels' places are computed once per view: a frame with the same view (hover) paints them again, a new view
    # or a selection places them anew
    placements = lambda: browser.evaluate("window.kgView.placements()")  # noqa: E731
    before = placements()
    browser.evaluate("window.kgView.network.redraw(); window.kgView.network.redraw()")
    assert placements() == before and browser.evaluate("window.kgView.labels()") == zoomed["labels"]
    browser.evaluate("(() => { const n = window.kgView.network; n.moveTo({scale: n.getScale() / 2}); n.redraw(); })()")
    assert placements() == before + 1
    assert_labels_legible(geometry_now(browser))
    assert network_requests(browser) == [page.as_uri()] and browser.errors() == []


@pytest.mark.slow
def test_page_of_a_graph_built_from_1000_documents(browser: Browser, corpus_1000_out: Path, tmp_path: Path) -> None:
    from kg.store import open_store

    graph = project(open_store(corpus_1000_out), with_sentences=True)
    assert graph.number_of_nodes() > 2000  # a large page: drawn the cheap way (no arrowheads, edges hidden while moving)
    page = tmp_path / "corpus.html"
    page.write_text(render_html(graph), encoding="utf-8")
    browser.events.clear()
    browser.open(page.as_uri())
    assert browser.evaluate("document.body.dataset.large") == "1"
    assert browser.evaluate("document.getElementById('large-note').hidden") is False
    assert browser.evaluate("window.kgView.edges.get({filter: e => !!(e.arrows && e.arrows.to)}).length") == 0
    geometry = isolated_hidden_and_labels_legible(browser, graph)
    drawn = {label["text"] for label in geometry["labels"]}
    assert len(drawn) >= 20 and "European Commission" in drawn, drawn
    for _ in range(2):  # zoomed in on the middle, still none overlaps
        browser.evaluate("(() => { const n = window.kgView.network; n.moveTo({scale: n.getScale() * 3}); n.redraw(); })()")
        assert_labels_legible(geometry_now(browser))
    # a real click on the busiest node that other nodes do not bury shows its evidence, each sentence with its
    # document's title and date
    names = [d["label"] for _, d in graph.nodes(data=True)]
    degrees = [d["degree"] for _, d in graph.nodes(data=True)]
    for hub in sorted(range(len(names)), key=lambda i: (-degrees[i], i))[:50]:
        browser.evaluate(f"(() => {{ const n = window.kgView.network; n.focus({hub}, {{scale: 2, animation: false}}); n.redraw(); }})()")
        if _click_uncovered(browser, hub):
            break
    assert browser.evaluate("document.body.dataset.selected") == names[hub]
    panel = browser.evaluate("document.getElementById('details').textContent")
    node = list(graph.nodes)[hub]
    edges = [*graph.out_edges(node, data=True), *graph.in_edges(node, data=True)]
    sentences = [s for _, _, d in edges for s in d["sentences"]]
    assert sentences and sentences[0]["text"] in panel
    documents = graph.graph["documents"]
    sources = browser.evaluate("""Array.from(document.querySelectorAll('#details .source')).map(s => [
        s.querySelector('.title').textContent, (s.querySelector('.date') || {textContent: ''}).textContent])""")
    dated = [(documents[s["document"]]["title"], " \u00b7 " + (s.get("date") or documents[s["document"]]["date"]))
             for s in sentences if s.get("date") or documents[s["document"]]["date"]]
    assert dated and set(dated) <= {tuple(s) for s in sources}
    assert network_requests(browser) == [page.as_uri()], browser.requests()
    assert browser.errors() == []


def test_hostile_page_runs_no_injected_script(browser: Browser, tmp_path: Path) -> None:
    graph = project(store_from_turtle(HOSTILE, tmp_path), with_sentences=True)
    page = tmp_path / "hostile.html"
    page.write_text(render_html(graph, title=XSS), encoding="utf-8")
    browser.events.clear()
    browser.open(page.as_uri() + "#search=Belarus")
    # the text is shown as text (search selected the node, its evidence is in the panel) and nothing ran
    assert browser.evaluate("document.body.dataset.searchMatches") == "1"
    assert "<img src=x onerror=" in browser.evaluate("document.getElementById('details').textContent")
    assert browser.evaluate("document.body.hasAttribute('data-pwned')") is False
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.evaluate("document.querySelectorAll('script').length") == 3
    assert [u[:7] for u in network_requests(browser)] == ["file://"]
    assert browser.errors() == []


# the command and the static pictures ----------------------------------------------------


def _circle_meets_box(box: Any, cx: float, cy: float, r: float) -> bool:
    nearest_x, nearest_y = min(max(cx, box.x0), box.x1), min(max(cy, box.y0), box.y1)
    return (nearest_x - cx) ** 2 + (nearest_y - cy) ** 2 < r * r


def test_static_picture_labels_every_node_or_says_why_and_nothing_overlaps(seeds_store: Any, tmp_path: Path) -> None:
    import matplotlib.image as mpimg
    import networkx as nx

    from kg.network import color_of
    from kg.viz.static import NO_ROOM, draw_picture

    graph = project(seeds_store, with_sentences=True)
    picture = draw_picture(graph, tmp_path / "a.png")
    # every drawn node is labelled, or counted in the title with the reason
    assert set(picture.labels) | set(picture.unlabelled) == set(picture.nodes) and not set(picture.labels) & set(picture.unlabelled)
    if picture.unlabelled:
        assert f"{len(picture.unlabelled)} nodes unlabelled: {NO_ROOM}" in picture.title
    labelled = {graph.nodes[n]["label"] for n in picture.labels}
    assert {"European Union", "Lithuania", "Belarus", "Russia"} <= labelled
    assert len(picture.labels) >= 0.8 * len(picture.nodes)
    # no label over another label or another node; none over its own node's disc (no notch); all inside the picture
    boxes = list(picture.labels.items())
    for i, (node, (_, box)) in enumerate(boxes):
        for _, (_, other) in boxes[i + 1 :]:
            assert not box.overlaps(other)
        for other_node, node_box in picture.nodes.items():
            if other_node != node:
                assert not box.overlaps(node_box), (graph.nodes[node]["label"], graph.nodes[other_node]["label"])
        own = picture.nodes[node]
        assert not _circle_meets_box(box, (own.x0 + own.x1) / 2, (own.y0 + own.y1) / 2, (own.x1 - own.x0) / 2)
    # every node that no other node covers is a whole disc of its class's colour: nothing cuts into it
    image = mpimg.imread(str(tmp_path / "a.png"))
    height = image.shape[0]
    for node, box in picture.nodes.items():
        if any(box.overlaps(b) for other, b in picture.nodes.items() if other != node):
            continue
        cx, cy, r = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, (box.x1 - box.x0) / 2
        want = [int(color_of(graph.nodes[node]["class"])[k : k + 2], 16) / 255 for k in (1, 3, 5)]
        for dx, dy in ((0, 0), (0.6, 0), (-0.6, 0), (0, 0.6), (0, -0.6), (0.4, 0.4), (-0.4, -0.4), (0.4, -0.4), (-0.4, 0.4)):
            pixel = image[int(height - (cy + dy * r)), int(cx + dx * r)][:3]
            assert max(abs(float(pixel[k]) - want[k]) for k in range(3)) < 0.03, (graph.nodes[node]["label"], dx, dy, pixel)
    # components side by side: the boxes around their nodes do not meet
    drawn = nx.Graph(graph.subgraph(picture.nodes).to_undirected())
    frames = []
    for component in nx.connected_components(drawn):
        parts = [picture.nodes[n] for n in component]
        frames.append((min(b.x0 for b in parts), min(b.y0 for b in parts), max(b.x1 for b in parts), max(b.y1 for b in parts)))
    assert len(frames) >= 2
    for i, a in enumerate(frames):
        for b in frames[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    # the same bytes every time, PNG and SVG
    draw_picture(graph, tmp_path / "b.png")
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    draw_picture(graph, tmp_path / "a.svg")
    draw_picture(graph, tmp_path / "b.svg")
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_static_picture_of_hostile_text(tmp_path: Path) -> None:
    from kg.viz.static import draw_picture

    picture = draw_picture(project(store_from_turtle(HOSTILE, tmp_path)), tmp_path / "a.png")
    assert len(picture.labels) == 2 and not picture.unlabelled
    assert _pixels_vary((tmp_path / "a.png").read_bytes()) > 0.01


def test_viz_command_on_the_seeds(seeds_out: Path, tmp_path: Path) -> None:
    from kg.cli import cli

    runner = CliRunner()
    html, png, svg = tmp_path / "g.html", tmp_path / "g.png", tmp_path / "g.svg"
    result = runner.invoke(cli, ["viz", "--out", str(seeds_out), "-o", str(html), "--png", str(png), "--svg", str(svg)])
    assert result.exit_code == 0, result.output
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert png.read_bytes().startswith(b"\x89PNG") and b"<svg" in svg.read_bytes()
    assert "wrote" in result.stderr and result.stdout == ""
    result = runner.invoke(cli, ["viz", "--out", str(seeds_out), "--view", "actors", "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    result = runner.invoke(cli, ["viz", "--out", str(tmp_path / "none")])
    assert result.exit_code == 2 and "kg build" in result.stderr
