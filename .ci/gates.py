"""Accuracy gates: run each `allegedly eval` on the gold data in ../shared/data and fail when a
score drops under its floor in .ci/floors.json (floors sit a little under measured values;
docs/accuracy.md has the measured numbers and the commands). Skips a gate whose data is absent.

A gate names its ``data`` under ../shared/data, or ``gold`` (a gold file in this repository,
whose texts are read from ../shared/data: ``requires`` names that folder), and optional extra
``args`` of the eval command (``--docs gold/splits/...``: a report-only slice). ``floors`` are
minimums, ``ceilings`` maximums (error rates such as the wrong-speaker rate).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def dig(obj, path: str):
    """Follow ``path`` into the JSON: parts separated by "/" (or "." when there is no "/");
    a numeric part indexes a list; a "/" inside a key is written "~"
    ("metrics/triple lenient P~R~F/2")."""
    parts = path.split("/") if "/" in path else path.split(".")
    for part in parts:
        part = part.replace("~", "/")
        obj = obj[int(part)] if isinstance(obj, list) else obj[part]
    return float(obj)


def main() -> int:
    floors = json.loads((ROOT / ".ci" / "floors.json").read_text())
    failed = 0
    for gate in floors["gates"]:
        data = ROOT / gate["gold"] if "gold" in gate else SHARED / gate["data"]
        needed = SHARED / gate["requires"] if "requires" in gate else data
        if not needed.exists():
            print(f"SKIP {gate['name']}: {needed} absent")
            continue
        cmd = [sys.executable, "-m", "allegedly", "eval", gate["kind"], str(data), "--json",
               *gate.get("args", [])]
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            print(f"FAIL {gate['name']}: {' '.join(cmd)} exited {out.returncode}\n{out.stderr}")
            failed += 1
            continue
        result = json.loads(out.stdout)
        limits = [(p, f, "floor") for p, f in gate.get("floors", {}).items()] + \
            [(p, c, "ceiling") for p, c in gate.get("ceilings", {}).items()]
        for path, limit, kind in limits:
            value = dig(result, path)
            value = value * 100 if value <= 1.0 and limit > 1.0 else value
            ok = value >= limit if kind == "floor" else value <= limit
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {gate['name']:32s} {path:45s} "
                  f"{value:7.3f} ({kind} {limit})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
