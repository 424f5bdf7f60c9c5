#!/usr/bin/env bash
# skillgap against Taskwarrior 2.6, each pair timed in one hyperfine run so both see the same machine:
#   - realistic `summary` (the built-ins plus a 350-item list, about 3,500 changes) vs `task summary` over
#     1,000 tasks;
#   - realistic durable `mark` vs `task N modify` over the same 1,000 tasks (each timed as a change and
#     its undoing, so every run really writes; the medians are halved);
#   - stress `summary` (10,000 items, 60,000 changes) vs `task summary` over 10,000 tasks.
# Prints the medians and the ratios (skillgap / Taskwarrior; below 1 means skillgap is faster).
#
#   bash benches/taskwarrior.sh
#
# Needs: hyperfine, python3, Taskwarrior (Debian package `taskwarrior`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin skillgap --example generate -q
bin=${SKILLGAP_BIN:-$PWD/target/release/skillgap}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SKILLGAP_CONFIG_DIR="$work/config"
target/release/examples/generate realistic "$work/realistic" >/dev/null
target/release/examples/generate 10000 "$work/stress" >/dev/null

# N tasks of the same shape for Taskwarrior: over N/50 projects, 60% done, entered over two years.
tasks() {
n=$1
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
export TASKDATA="$work/task-$n" TASKRC="$work/taskrc"
mkdir -p "$TASKDATA"
printf 'confirmation=off\nverbose=nothing\nrecurrence=off\ngc=off\n' > "$TASKRC"
task import "$work/tasks.json" >/dev/null 2>&1
echo "Taskwarrior: $(task status:pending count) pending and $(task status:completed count) completed tasks"
}

pair() { # NAME JSON: prints both medians (halved when HALF=1) and the ratio
    python3 - "$@" <<'PY'
import json, os, sys
name, path = sys.argv[1], sys.argv[2]
half = 2 if os.environ.get("HALF") == "1" else 1
ours, theirs = (r["median"] * 1000 / half for r in json.load(open(path))["results"])
print(f"{name}: skillgap {ours:.1f} ms, Taskwarrior {theirs:.1f} ms, ratio {ours / theirs:.2f}")
PY
}

tasks 1000
realistic=(--data-dir "$work/realistic/data" --checklists "$work/realistic/checklists")
hyperfine -N -w 3 -r 30 --export-json "$work/summary.json" "$bin ${realistic[*]} summary" "task summary" >/dev/null 2>&1
pair "realistic summary vs task summary (1,000 tasks)" "$work/summary.json"
item=devops-basics/dockerfile
hyperfine -w 3 -r 30 --export-json "$work/mark.json" \
    "$bin ${realistic[*]} mark $item done >/dev/null && $bin ${realistic[*]} mark $item todo >/dev/null" \
    "task 1 modify priority:H >/dev/null && task 1 modify priority: >/dev/null" >/dev/null 2>&1
HALF=1 pair "realistic durable mark vs task modify" "$work/mark.json"

tasks 10000
stress=(--data-dir "$work/stress/data" --checklists "$work/stress/checklists")
hyperfine -N -w 3 -r 30 --export-json "$work/stress.json" "$bin ${stress[*]} summary" "task summary" >/dev/null 2>&1
pair "stress summary vs task summary (10,000 tasks)" "$work/stress.json"
