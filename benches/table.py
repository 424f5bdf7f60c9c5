"""Prints the Markdown table of criterion medians that BENCHMARKS.md holds, from target/criterion.

    python3 benches/table.py
"""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"


def median(path):
    estimates = json.loads((path / "new" / "estimates.json").read_text())
    return estimates["median"]["point_estimate"] / 1e6  # ns -> ms


rows = {}
sizes = set()
for bench in sorted((root / "core").iterdir()):
    if not bench.is_dir() or bench.name == "report":
        continue
    for size in bench.iterdir():
        if (size / "new" / "estimates.json").exists():
            rows.setdefault(bench.name, {})[int(size.name)] = median(size)
            sizes.add(int(size.name))
for view in ("checklists", "gaps", "progress", "summary"):
    for path in root.glob(f"gui_frame_{view}_*"):
        size = int(path.name.rsplit("_", 1)[1])
        rows.setdefault(f"gui_frame_{view}", {})[size] = median(path)
        sizes.add(size)

sizes = sorted(sizes)
print("| benchmark | " + " | ".join(f"{n:,} items" for n in sizes) + " | 10x -> 100x growth |")
print("|---|" + "---:|" * (len(sizes) + 1))
for name, by_size in rows.items():
    cells = [f"{by_size[n]:.3f} ms" if n in by_size else "not run" for n in sizes]
    growth = ""
    if 10_000 in by_size and 100_000 in by_size and by_size[10_000] > 0:
        growth = f"x{by_size[100_000] / by_size[10_000]:.1f}"
    print(f"| {name} | " + " | ".join(cells) + f" | {growth} |")
