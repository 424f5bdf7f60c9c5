#!/usr/bin/env bash
# Instructions executed by each core operation at 1,000 / 10,000 / 100,000 synthetic items, counted by
# valgrind's callgrind on examples/work.rs. Instruction counts do not depend on the machine's load or on
# CPU caches, so their growth is the growth of the work itself. Prints the Markdown table that
# BENCHMARKS.md holds.
#
#   bash benches/instructions.sh [SIZES...]      (default: 1000 10000 100000; needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
cargo build --release --example work -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for size in "${sizes[@]}"; do
    valgrind --tool=callgrind --callgrind-out-file="$work/$size.out" --toggle-collect='work::op_*' \
        target/release/examples/work "$size" >/dev/null 2>&1
    callgrind_annotate --inclusive=yes --threshold=100 "$work/$size.out" 2>/dev/null \
        | grep -E '^ *[0-9,]+ .*examples/work.rs:work::op_' | sed -E 's/^ *([0-9,]+) .*work::op_([a-z_]+).*/\2 \1/' \
        | tr -d ',' >"$work/$size.txt"
done
python3 - "$work" "${sizes[@]}" <<'PY'
import pathlib, sys
work, sizes = pathlib.Path(sys.argv[1]), [int(s) for s in sys.argv[2:]]
counts = {}
for size in sizes:
    for line in (work / f"{size}.txt").read_text().split("\n"):
        if line:
            op, n = line.split()
            counts.setdefault(op, {})[size] = int(n)
head = " | ".join(f"{s:,} items" for s in sizes)
growth = " | ".join(f"{a:,} -> {b:,}" for a, b in zip(sizes, sizes[1:]))
print(f"| operation | {head} | {growth} |")
print("|---" + "|---:" * (2 * len(sizes) - 1) + "|")
for op, by_size in counts.items():
    cells = " | ".join(f"{by_size[s] / 1e6:,.1f} M" for s in sizes)
    ratios = " | ".join(f"x{by_size[b] / by_size[a]:.1f}" for a, b in zip(sizes, sizes[1:]))
    print(f"| {op} | {cells} | {ratios} |")
PY
