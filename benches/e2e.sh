#!/usr/bin/env bash
# End-to-end timings of whole `skillgap` processes on synthetic data (release build): `summary` with a
# warm and a cold parse cache, `mark ID done` with its durable save, peak memory of both, and the time
# from start to the first painted frame of the window under Xvfb. Prints the Markdown table that
# BENCHMARKS.md holds.
#
#   bash benches/e2e.sh [SIZES...]        (default: builtin 1000 10000 100000)
#
# Needs: hyperfine, /usr/bin/time (Debian package `time`), xvfb-run (`xvfb`), python3 for medians.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(builtin 1000 10000 100000)

cargo build --release --bin skillgap --example generate -q
bin=$PWD/target/release/skillgap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SKILLGAP_CONFIG_DIR="$work/config"

median_ms() { python3 -c "import json,sys; print('%.1f' % (json.load(open(sys.argv[1]))['results'][0]['median'] * 1000 / float(sys.argv[2])))" "$1" "${2:-1}"; }
median_of() { python3 -c "import statistics,sys; print('%.1f' % statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }

echo "| items | summary, warm cache | summary, cold cache | mark (durable save) | peak RSS summary | peak RSS mark | first frame (Xvfb) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for size in "${sizes[@]}"; do
    data="$work/$size/data"
    args=(--data-dir "$data")
    item=devops-basics/linux-shell
    if [ "$size" != builtin ]; then
        target/release/examples/generate "$size" "$work/$size" >/dev/null
        args+=(--checklists "$work/$size/checklists")
        item=synthetic-0/item-5
    fi
    mkdir -p "$data"
    # Files written this moment are hashed on every run until they are a few seconds old (see
    # SETTLED in src/cache.rs); measure the steady state a person sees.
    sleep 6
    runs=30
    [ "$size" = 100000 ] && runs=8
    "$bin" "${args[@]}" summary >/dev/null
    hyperfine -N -w 3 -r "$runs" --export-json "$work/warm.json" "$bin ${args[*]} summary" >/dev/null 2>&1
    hyperfine -N -w 1 -r "$runs" --prepare "rm -rf $data/cache" --export-json "$work/cold.json" \
        "$bin ${args[*]} summary" >/dev/null 2>&1
    # Two marks per run (done, then back to todo) so every run really changes and saves the file.
    hyperfine -w 2 -r "$runs" --export-json "$work/mark.json" \
        "$bin ${args[*]} mark $item done >/dev/null && $bin ${args[*]} mark $item todo >/dev/null" >/dev/null 2>&1
    rss_summary=$( { /usr/bin/time -f "%M" "$bin" "${args[@]}" summary >/dev/null; } 2>&1 | tail -1)
    rss_mark=$( { /usr/bin/time -f "%M" "$bin" "${args[@]}" mark "$item" done >/dev/null; } 2>&1 | tail -1)
    frames=()
    for _ in 1 2 3 4 5; do
        line=$(xvfb-run -a -s "-screen 0 1400x900x24" "$bin" "${args[@]}" --print-startup-time \
            --screenshot "$work/shot.png" 2>&1 | grep "first frame painted" || true)
        frames+=("$(echo "$line" | awk '{print $4}')")
    done
    printf "| %s | %s ms | %s ms | %s ms | %.1f MB | %.1f MB | %s ms |\n" "$size" \
        "$(median_ms "$work/warm.json")" "$(median_ms "$work/cold.json")" "$(median_ms "$work/mark.json" 2)" \
        "$(awk "BEGIN{print $rss_summary/1024}")" "$(awk "BEGIN{print $rss_mark/1024}")" "$(median_of "${frames[@]}")"
done
