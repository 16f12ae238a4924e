"""allegedly vs quantulum3 on the same quantity gold, side by side (scores and speed).

Usage: python bench/figures_peers.py [GOLD.json ...]
(default: ../shared/data/newsquant/NewsQuant.even.json and quantulum3_tests/quantities.json;
needs the ``peers`` extra: pip install quantulum3).
Both systems are scored with the same matcher (allegedly.evaluation.figures). quantulum3's
ranges (value +/- uncertainty) become low/high; its "dimensionless" unit is no unit. allegedly's
speed includes the spaCy parse; quantulum3 runs without a parser.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from allegedly.evaluation.figures import (
    Pred,
    canonical_unit,
    format_row,
    load_nlp_for_eval,
    predict_allegedly,
    run,
)

CHANGE_WORDS = {"increase": ("up", "rose", "gain", "jump", "climb", "increase"),
                "decrease": ("down", "fell", "drop", "lost", "slid", "decline", "decrease")}


def quantulum_predict(texts: list[str]) -> list[list[Pred]]:
    from quantulum3 import parser

    out: list[list[Pred]] = []
    for text in texts:
        preds = []
        try:
            quants = parser.parse(text)
        except Exception:  # noqa: BLE001 - a peer crashing on a sentence scores as no output
            quants = []
        for q in quants:
            unc = getattr(q, "uncertainty", None)
            unit = canonical_unit(q.unit.name) if q.unit is not None else None
            if unc:
                preds.append(Pred(None, q.value - unc, q.value + unc, "range", unit=unit,
                                  surface=q.surface))
            else:
                preds.append(Pred(float(q.value), float(q.value), float(q.value), "exact",
                                  unit=unit, surface=q.surface))
        out.append(preds)
    return out


def main(argv: list[str]) -> int:
    shared = Path(os.environ.get("ALLEGEDLY_SHARED") or Path(__file__).parents[1] / "../shared")
    paths = [Path(p) for p in argv] or [shared / "data/newsquant/NewsQuant.even.json",
                                        shared / "data/quantulum3_tests/quantities.json"]
    nlp = load_nlp_for_eval()
    predict_allegedly(["Warm-up: 5 people."], nlp)  # load lazily-built tables before timing
    for path in paths:
        if not path.exists():
            print(f"skip {path}: not found (set ALLEGEDLY_SHARED)")
            continue
        print(format_row("allegedly", run(path, lambda texts: predict_allegedly(texts, nlp))))
        try:
            import quantulum3  # noqa: F401
        except ImportError:
            print("quantulum3   not installed: pip install quantulum3 (the 'peers' extra)")
            continue
        print(format_row("quantulum3", run(path, quantulum_predict)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
