"""A random sample of the replacements and repeals of a graph, to check the status reading by hand.

    python benchmark/status_sample.py out-bulk/ [--seed 23] [--size 40]

Prints the counts (relation, in part, where the date comes from) and, for each sampled act,
its note (``repealed in part by … from … (date stated in the text)``) and the evidence
sentence, so a reader can judge "in part or whole" and "the date" against the sentence.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from graphbuild.build import read_graph
from graphbuild.graph.status import acts_on
from graphbuild.graph.vocab import INSTRUMENT, LABEL_ATTR


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", help="graph.json or a build folder")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--size", type=int, default=40)
    args = parser.parse_args()
    g = read_graph(args.graph)
    acts = [(a.get("key"), act) for n, a in g.nodes(data=True) if a.get(LABEL_ATTR) == INSTRUMENT
            for act in acts_on(g, n)]
    print(f"{len(acts)} acts; in part: {sum(act.partial for _, act in acts)}; date from: "
          f"{dict(Counter(act.basis or 'none' for _, act in acts))}")
    random.seed(args.seed)
    for key, act in random.sample(acts, min(args.size, len(acts))):
        print(f"\n== {key} | {act.note()}\n    {act.evidence[:420]}")


if __name__ == "__main__":
    main()
