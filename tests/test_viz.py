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
    page = render_html(project(store_from_turtle(HOSTILE, tmp_path), with_sentences=True))
    assert page.count("<script") == 2  # the JSON block and the page's own script, nothing else
    assert "<img" not in page and "onerror=" not in page.replace("onerror=\\", "")
    assert "\u2028" not in page and "\u2029" not in page
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert data and "Belarus" in json.loads(data.group(1))["nodes"][0]["label"]


def test_page_is_self_contained_and_allows_only_its_own_script(tmp_path: Path) -> None:
    page = render_html(project(store_from_turtle(HOSTILE, tmp_path)))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page.replace("url(#arrow)", "")
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert script
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode("utf-8")).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp and f"script-src 'sha256-{digest}'" in html.unescape(csp.group(1)) and "default-src 'none'" in html.unescape(csp.group(1))
    assert "innerHTML" not in script.group(1) and "eval(" not in script.group(1)


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


def test_seeds_page_in_chromium(browser: Browser, seeds_store: Any, tmp_path: Path) -> None:
    graph = project(seeds_store, with_sentences=True)
    page = tmp_path / "graph.html"
    page.write_text(render_html(graph), encoding="utf-8")
    browser.events.clear()
    url = page.as_uri() + "#search=Belarus"
    browser.open(url)
    assert browser.errors() == []
    assert browser.requests() == [url.split("#")[0]] or browser.requests() == [url], browser.requests()
    assert int(browser.evaluate("document.body.dataset.nodesDrawn")) == graph.number_of_nodes()
    assert int(browser.evaluate("document.body.dataset.edgesDrawn")) == graph.number_of_edges()
    assert int(browser.evaluate("document.body.dataset.searchMatches")) >= 1
    assert "Belarus" in browser.evaluate("document.body.dataset.searchFirst")
    assert "Belarus" in browser.evaluate("document.getElementById('details').textContent")
    assert _pixels_vary(browser.screenshot()) > 0.02
    # the filters: hiding every measure hides those nodes and their edges
    measures = sum(1 for _, d in graph.nodes(data=True) if d["class"] == "Measure")
    browser.evaluate("""Array.from(document.querySelectorAll('#legend label')).filter(l => l.textContent.startsWith('Measure'))
                          .forEach(l => l.querySelector('input').click())""")
    assert int(browser.evaluate("document.body.dataset.nodesShown")) == graph.number_of_nodes() - measures
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
    assert browser.evaluate("document.querySelectorAll('script').length") == 2
    assert all(u.startswith("file://") for u in browser.requests()) and len(browser.requests()) == 1
    assert browser.errors() == []


# the command and the static pictures ----------------------------------------------------


def test_static_pictures_are_written_and_deterministic(tmp_path: Path) -> None:
    from kg.viz.static import draw_picture

    graph = project(store_from_turtle(HOSTILE, tmp_path))
    draw_picture(graph, tmp_path / "a.svg")
    draw_picture(graph, tmp_path / "b.svg")
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()
    draw_picture(graph, tmp_path / "a.png")
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
