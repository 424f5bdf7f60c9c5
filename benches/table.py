"""Prints the Markdown table of criterion medians that BENCHMARKS.md holds, from target/criterion: one row
per benchmark, one column per size (realistic, 10000), and how much slower the stress size is.

    python3 benches/table.py
"""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"
SIZES = ["realistic", "10000"]


def median(path):
    estimates = json.loads((path / "new" / "estimates.json").read_text())
    return estimates["median"]["point_estimate"] / 1e6  # ns -> ms


rows = {}
for bench in sorted((root / "core").iterdir()):
    if not bench.is_dir() or bench.name == "report":
        continue
    for size in SIZES:
        if (bench / size / "new" / "estimates.json").exists():
            rows.setdefault(bench.name, {})[size] = median(bench / size)
for view in ("checklists", "gaps", "progress", "summary"):
    for size in SIZES:
        path = root / f"gui_frame_{view}_{size}"
        if (path / "new" / "estimates.json").exists():
            rows.setdefault(f"gui_frame_{view}", {})[size] = median(path)

print("| benchmark | realistic (497 items) | 10,000 items | 10,000 / realistic |")
print("|---|---:|---:|---:|")
for name, by_size in rows.items():
    cells = [f"{by_size[size]:.3f} ms" if size in by_size else "not run" for size in SIZES]
    ratio = f"x{by_size['10000'] / by_size['realistic']:.1f}" if len(by_size) == 2 else ""
    print(f"| {name} | " + " | ".join(cells) + f" | {ratio} |")
