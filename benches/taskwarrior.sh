#!/usr/bin/env bash
# The stress-size yardstick: `skillgap summary` over 10,000 items against Taskwarrior's `task summary`
# over 10,000 tasks, timed in one hyperfine run so both see the same machine. Prints both medians and
# the ratio (skillgap / Taskwarrior; below 1 means skillgap is faster).
#
#   bash benches/taskwarrior.sh [N]        (default 10000)
#
# Needs: hyperfine, python3, Taskwarrior (Debian package `taskwarrior`).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
cargo build --release --bin skillgap --example generate -q
bin=${SKILLGAP_BIN:-$PWD/target/release/skillgap}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SKILLGAP_CONFIG_DIR="$work/config"
target/release/examples/generate "$n" "$work/skillgap" >/dev/null

# The same shape for Taskwarrior: N tasks over N/50 projects, 60% done, entered over two years.
python3 - "$n" > "$work/tasks.json" <<'PY'
import json, random, sys, uuid
n = int(sys.argv[1]); random.seed(7)
tasks = []
for i in range(n):
    entry = 1730000000 + random.randrange(63072000)
    status = "completed" if random.random() < 0.6 else "pending"
    task = {"uuid": str(uuid.UUID(int=random.getrandbits(128))), "description": f"Practise skill number {i} until you can show it",
            "project": f"section{i // 50}", "status": status,
            "entry": __import__("time").strftime("%Y%m%dT%H%M%SZ", __import__("time").gmtime(entry))}
    if status == "completed":
        task["end"] = task["entry"]
    tasks.append(task)
print(json.dumps(tasks))
PY
export TASKDATA="$work/task" TASKRC="$work/taskrc"
mkdir -p "$TASKDATA"
printf 'confirmation=off\nverbose=nothing\nrecurrence=off\ngc=off\n' > "$TASKRC"
task import "$work/tasks.json" >/dev/null 2>&1
echo "Taskwarrior: $(task status:pending count) pending and $(task status:completed count) completed tasks"

hyperfine -N -w 3 -r 30 --export-json "$work/pair.json" \
    "$bin --data-dir $work/skillgap/data --checklists $work/skillgap/checklists summary" \
    "task summary" >/dev/null 2>&1
python3 - "$work/pair.json" <<'PY'
import json, sys
skillgap, task = (r["median"] * 1000 for r in json.load(open(sys.argv[1]))["results"])
print(f"skillgap summary {skillgap:.1f} ms, task summary {task:.1f} ms, ratio {skillgap / task:.2f}")
PY
