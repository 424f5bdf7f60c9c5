#!/usr/bin/env bash
# Whole-process timings of `skillgap` on synthetic data (release build): `summary`, `mark ID done` with its
# durable save, the PDF report, peak memory, and the time from start to the first painted frame of the
# window under Xvfb. Prints the Markdown table that BENCHMARKS.md holds, medians in milliseconds.
#
#   bash benches/e2e.sh [SIZES...]        (default: realistic 10000)
#
# realistic = the built-in checklists plus a 350-item list of one's own, 60% done, about 3,000 history
# events over two years; a number N = the built-ins plus lists up to N items, same shape.
# SKILLGAP_BIN=path times another build of skillgap on the same data (say an older version).
# Needs: hyperfine, /usr/bin/time (Debian package `time`), xvfb-run (`xvfb`), python3 for medians.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(realistic 10000)

cargo build --release --bin skillgap --example generate -q
bin=${SKILLGAP_BIN:-$PWD/target/release/skillgap}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SKILLGAP_CONFIG_DIR="$work/config"

median_ms() { python3 -c "import json,sys; print('%.1f' % (json.load(open(sys.argv[1]))['results'][0]['median'] * 1000 / float(sys.argv[2])))" "$1" "${2:-1}"; }
median_of() { python3 -c "import statistics,sys; print('%.1f' % statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }

echo "| size | items | summary | mark (durable save) | PDF report | peak RSS summary | peak RSS mark | first frame (Xvfb) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for size in "${sizes[@]}"; do
    target/release/examples/generate "$size" "$work/$size" >/dev/null
    args=(--data-dir "$work/$size/data" --checklists "$work/$size/checklists")
    items=$("$bin" "${args[@]}" check | awk 'NR==1 {print $4}')
    item=devops-basics/linux-shell
    "$bin" "${args[@]}" summary >/dev/null
    hyperfine -N -w 3 -r 30 --export-json "$work/summary.json" "$bin ${args[*]} summary" >/dev/null 2>&1
    # Two marks per run (done, then back to todo) so every run really changes and saves the file.
    hyperfine -w 2 -r 30 --export-json "$work/mark.json" \
        "$bin ${args[*]} mark $item done >/dev/null && $bin ${args[*]} mark $item todo >/dev/null" >/dev/null 2>&1
    hyperfine -N -w 2 -r 15 --export-json "$work/pdf.json" \
        "$bin ${args[*]} summary --format pdf --output $work/report.pdf" >/dev/null 2>&1
    rss_summary=$( { /usr/bin/time -f "%M" "$bin" "${args[@]}" summary >/dev/null; } 2>&1 | tail -1)
    rss_mark=$( { /usr/bin/time -f "%M" "$bin" "${args[@]}" mark "$item" done >/dev/null; } 2>&1 | tail -1)
    frames=()
    for _ in 1 2 3 4 5; do
        line=$(xvfb-run -a -s "-screen 0 1400x900x24" "$bin" "${args[@]}" --print-startup-time \
            --screenshot "$work/shot.png" 2>&1 | grep "first frame painted" || true)
        frames+=("$(echo "$line" | awk '{print $4}')")
    done
    printf "| %s | %s | %s ms | %s ms | %s ms | %.1f MB | %.1f MB | %s ms |\n" "$size" "$items" \
        "$(median_ms "$work/summary.json")" "$(median_ms "$work/mark.json" 2)" "$(median_ms "$work/pdf.json")" \
        "$(awk "BEGIN{print $rss_summary/1024}")" "$(awk "BEGIN{print $rss_mark/1024}")" "$(median_of "${frames[@]}")"
done
