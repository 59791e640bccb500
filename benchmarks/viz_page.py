"""How the `kg viz` page copes with size: synthetic networks of N nodes, side by side in one run.

For each N: the seconds `render_html` takes (layout included), the page's
size, the seconds headless Chromium takes until the page says it is ready,
and three kinds of frame, each the median of 15 measured in the page:

- one redraw after the view changed (`moveTo` one zoom step, then `redraw`):
  vis-network's edges and nodes plus kg's label pass, which is also given alone;
- a frame of a mouse-wheel zoom (real wheel events sent to the canvas; the time
  from vis-network's `beforeDrawing` to the end of `afterDrawing`, where kg's
  labels are drawn), in which large pages hide their edges;
- a redraw with the view unchanged, as on hover (the labels' places are kept).

The browser is the one tests/test_viz.py drives (Debian's chromium).

    python benchmarks/viz_page.py --sizes 1000 5000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

_REDRAWS = """(() => {
  const net = window.kgView.network, times = [], labels = [];
  for (let i = 0; i < 15; i++) {
    net.moveTo({scale: net.getScale() * (i % 2 ? 1 / 1.15 : 1.15), animation: false});
    const t0 = performance.now(); net.redraw(); times.push(performance.now() - t0); labels.push(window.kgView.labelMs());
  }
  times.sort((a, b) => a - b); labels.sort((a, b) => a - b);
  const still = [];
  for (let i = 0; i < 15; i++) { const t0 = performance.now(); net.redraw(); still.push(performance.now() - t0); }
  times.sort((a, b) => a - b); labels.sort((a, b) => a - b); still.sort((a, b) => a - b);
  window.kgFrames = [];
  net.on("beforeDrawing", () => { window.kgFrameStart = performance.now(); });
  net.on("afterDrawing", () => { window.kgFrames.push(performance.now() - window.kgFrameStart); });
  return [times[7], labels[7], window.kgView.labels().length, still[7]];
})()"""


def wheel_frames(browser: Any) -> float:
    """The median frame of 15 mouse-wheel steps over the middle of the canvas."""
    x, y = browser.evaluate("(() => { const r = document.getElementById('canvas').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()")
    for i in range(15):
        browser.call("Input.dispatchMouseEvent", type="mouseWheel", x=x, y=y, deltaX=0, deltaY=-120 if i % 2 else 120)
        time.sleep(0.1)
    time.sleep(0.5)  # the frames of the last step
    frames = sorted(browser.evaluate("window.kgFrames"))
    return float(frames[len(frames) // 2])


def measure(n: int, work: Path) -> dict[str, float]:
    from test_viz import Browser, _chromium, large_turtle, store_from_turtle

    from kg.network import project
    from kg.viz.html import render_html

    edges, isolated = int(n * 1.6), n // 10
    graph = project(store_from_turtle(large_turtle(n - isolated, edges, isolated), work), with_sentences=True)
    started = time.perf_counter()
    page = render_html(graph)
    render = time.perf_counter() - started
    path = work / f"page-{n}.html"
    path.write_text(page, encoding="utf-8")
    browser = Browser(_chromium(), work / f"profile-{n}")
    try:
        started = time.perf_counter()
        browser.open(path.as_uri())
        ready = time.perf_counter() - started
        redraw, label_pass, labels, still = browser.evaluate(_REDRAWS)
        wheel = wheel_frames(browser)
        assert browser.errors() == [], browser.errors()
    finally:
        browser.close()
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "render_s": render, "page_mb": len(page.encode()) / 1e6,
            "ready_s": ready, "redraw_ms": redraw, "label_ms": label_pass, "labels": labels, "wheel_ms": wheel, "still_ms": still}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            rows.append(measure(n, Path(tmp)))
            print(rows[-1], file=sys.stderr)
    print("| nodes | edges | render_html s | page MB | ready in Chromium s | redraw after a view change ms | of which labels ms | labels drawn "
          "| wheel-zoom frame ms | redraw, view unchanged ms |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['nodes']:.0f} | {r['edges']:.0f} | {r['render_s']:.1f} | {r['page_mb']:.1f} | {r['ready_s']:.1f} | {r['redraw_ms']:.1f} | {r['label_ms']:.1f} | {r['labels']:.0f} "
              f"| {r['wheel_ms']:.1f} | {r['still_ms']:.1f} |")
    base = rows[0]
    for r in rows[1:]:
        print(f"\n{r['nodes']:.0f} ÷ {base['nodes']:.0f} nodes: redraw ×{r['redraw_ms'] / base['redraw_ms']:.1f}, ready ×{r['ready_s'] / base['ready_s']:.1f}, "
              f"render ×{r['render_s'] / base['render_s']:.1f}")


if __name__ == "__main__":
    main()
