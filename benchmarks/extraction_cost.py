"""What the rules cost next to the parse: bare `nlp.pipe` against `nlp.pipe` plus kg's extraction, in one process.

The same generated corpus is parsed by both, alternately, `--rounds` times; the medians and their ratio are
printed. The bare run is spaCy's own pipeline: kg's components (sentence breaks at line ends, hyphenated prefixes)
are left out of it and counted in kg's run. The frame layer and its rules run inside `Extractor.process`, so the ratio is what the rules add.

    python benchmarks/extraction_cost.py 200 --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=200, help="Documents to generate.")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from kg.extract import load_pipeline
    from kg.extract.pipeline import prepare
    from kg.ingest import read_document

    extractor = load_pipeline()
    with tempfile.TemporaryDirectory() as folder:
        paths = generate(args.n, Path(folder))
        documents = [read_document(p)[0] for p in sorted(paths)]
    texts = [prepare(d.body, extractor.paragraph_words) for d in documents]
    words = sum(len(t.split()) for t in texts)
    ours = [name for name in extractor.nlp.pipe_names if name.startswith("kg_")]
    bare: list[float] = []
    full: list[float] = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        with extractor.nlp.select_pipes(disable=ours):  # spaCy's own pipeline: kg's components count as kg's cost
            for _doc in extractor.nlp.pipe(texts, batch_size=32):
                pass
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        for _extraction in extractor.extract(documents, batch_size=32):
            pass
        full.append(time.perf_counter() - start)
    b, f = statistics.median(bare), statistics.median(full)
    print(f"{args.n} documents, {words:,} words, {args.rounds} rounds")
    print(f"bare nlp.pipe:           {b:7.2f} s (median)")
    print(f"nlp.pipe + extraction:   {f:7.2f} s (median)")
    print(f"extraction ÷ bare parse: {f / b:7.2f}")


if __name__ == "__main__":
    main()
