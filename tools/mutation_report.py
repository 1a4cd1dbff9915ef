"""Print the mutation score of the core modules and the mutants that survived.

    make mutation            # runs mutmut over the modules in [tool.mutmut], then this script

The score counts killed mutants (and those that made the tests time out) over every mutant,
leaving out the equivalent mutants listed in tools/mutation-equivalents.txt, each with the reason
it cannot change behaviour. A mutant that survives and is not listed there is a missing test.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENTS = ROOT / "tools" / "mutation-equivalents.txt"
KILLED = {"killed", "timeout"}
NOT_RUN = {"skipped", "not checked"}
LINE = re.compile(r"^\s*(?P<name>[\w.]+__mutmut_\d+): (?P<status>.+?)\s*$")
# The module of a mutant's name: what comes before its function (`x_name`) or method (`xǁClassǁ`).
MODULE = re.compile(r"^(?P<module>.+?)\.x[_ǁ]")


def equivalents() -> dict[str, str]:
    """Mutant name -> the reason it is equivalent, from the list beside this script."""
    found: dict[str, str] = {}
    for line in EQUIVALENTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            found[name] = reason.strip()
    return found


def results() -> dict[str, str]:
    """Mutant name -> status, as mutmut recorded them in mutants/."""
    mutmut = Path(sys.executable).with_name("mutmut")
    output = subprocess.run(
        [str(mutmut), "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {m["name"]: m["status"] for m in map(LINE.match, output.splitlines()) if m}


def module_of(name: str) -> str:
    match = MODULE.match(name)
    return match["module"] if match else name.rpartition("__mutmut_")[0]


def by_module(statuses: dict[str, str], counted: dict[str, str]) -> dict[str, list[int]]:
    """Module -> [killed, counted, not run] of its mutants."""
    scores: dict[str, list[int]] = {}
    for name, status in statuses.items():
        score = scores.setdefault(module_of(name), [0, 0, 0])
        if name in counted:
            score[0] += status in KILLED
            score[1] += 1
        score[2] += status in NOT_RUN
    return scores


def main() -> int:
    statuses = results()
    if not statuses:
        print("no mutation results: run `make mutation` first")
        return 1
    listed = equivalents()
    counted = {
        name: status
        for name, status in statuses.items()
        if name not in listed and status not in NOT_RUN
    }
    killed = sum(status in KILLED for status in counted.values())
    survivors = sorted(name for name, status in counted.items() if status not in KILLED)
    by_status = Counter(statuses.values())
    print("mutants: " + ", ".join(f"{count} {status}" for status, count in by_status.most_common()))
    print(f"equivalent mutants listed: {sum(name in statuses for name in listed)}")
    unchecked = sum(status in NOT_RUN for status in statuses.values())
    if not counted:
        print(f"no mutant was checked ({unchecked} not run): see the output of `mutmut run`")
        return 1
    print(f"mutation score: {killed}/{len(counted)} = {killed / len(counted):.1%}")
    for module, (done, total, idle) in sorted(by_module(statuses, counted).items()):
        score = f"{done}/{total} = {done / total:.1%}" if total else "none counted"
        print(f"  {module}: {score}" + (f" ({idle} not run)" if idle else ""))
    if unchecked:
        print(f"incomplete: {unchecked} mutants were not run; the score leaves them out")
    for name in survivors:
        print(f"survived: {name} ({counted[name]})  -> mutmut show {name}")
    stale = sorted(name for name in listed if name not in statuses)
    for name in stale:
        print(f"listed as equivalent but no longer generated: {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
