#!/usr/bin/env python3
"""Turns the measurements compare.sh recorded into benchmarks/results/
comparison.md, PNG plots (gnuplot) and the results section of
benchmarks/README.md (between the compare.sh markers).

    render_results.py RESULTS_DIR HAVE_GNUPLOT(0|1)
"""
import csv
import os
import re
import subprocess
import sys

BEGIN = "<!-- compare.sh results: begin -->"
END = "<!-- compare.sh results: end -->"


def read_rows(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for r in rows:
        r["bytes"] = int(r["bytes"] or 0)
        for key in ("wall_s", "cpu_s"):
            r[key] = float(r[key]) if r[key] else 0.0
        r["rss_kb"] = int(r["rss_kb"] or 0)
        r["x"] = float(r["x"])
        r["gbps_cpu"] = r["bytes"] / 1e9 / r["cpu_s"] if r["cpu_s"] > 0 else None
        r["gbps_wall"] = r["bytes"] / 1e9 / r["wall_s"] if r["wall_s"] > 0 else None
        r["extras"] = dict(kv.split("=", 1) for kv in r["extra"].split() if "=" in kv)
    return rows


def read_meta(path):
    meta, notes = {}, []
    with open(path) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            if key == "note":
                notes.append(value)
            else:
                meta[key] = value
    return meta, notes


def gbps(value):
    if value is None:
        return "–"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def count(row):
    if not row["count"]:
        return "–"
    return f"{int(row['count']):,} {row['unit']}"


def main_table(rows):
    out = ["| tool (same corpus, one run) | wall s | CPU s | GB/s wall | **GB/s CPU** | peak RSS MB | hits |",
           "|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        out.append(f"| {r['label']} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | {gbps(r['gbps_wall'])} | "
                   f"**{gbps(r['gbps_cpu'])}** | {r['rss_kb'] / 1024:.0f} | {count(r)} |")
    return out


def axis_table(rows, x_name, x_format, with_compile=False):
    labels = []
    for r in rows:
        if r["label"] not in labels and "read only" not in r["label"]:
            labels.append(r["label"])
    xs = sorted({r["x"] for r in rows})
    head = f"| {x_name} | " + " | ".join(f"{l}: GB/s CPU" for l in labels) + " | peak RSS MB (policycheck bench)"
    if with_compile:
        head += " | compile ms (current, cold) | compile ms (straightforward, SOM; policy load included) | database KB (current)"
    out = [head + " |", "|" + "---:|" * head.count("|")]
    for x in xs:
        cells = []
        for label in labels:
            match = [r for r in rows if r["x"] == x and r["label"] == label]
            cells.append(gbps(match[0]["gbps_cpu"]) if match else "–")
        bench = [r for r in rows if r["x"] == x and r["label"].startswith("current engine")]
        rss = f"{bench[0]['rss_kb'] / 1024:.0f}" if bench else "–"
        line = f"| {x_format(x)} | " + " | ".join(cells) + f" | {rss}"
        if with_compile:
            ref = [r for r in rows if r["x"] == x and r["label"].startswith("straightforward")]
            cold = bench[0]["extras"].get("cold_ms", "–") if bench else "–"
            ref_ms = ref[0]["extras"].get("load_ms", "–") if ref else "–"
            db = f"{int(bench[0]['extras']['db']) / 1024:.0f}" if bench and "db" in bench[0]["extras"] else "–"
            line += f" | {cold} | {ref_ms} | {db}"
        out.append(line + " |")
    return out


def write_series(path, rows, labels, value):
    """One data block per label (gnuplot `index`), columns x and value."""
    with open(path, "w") as f:
        for label in labels:
            f.write(f'"{label}"\n')
            for r in sorted((r for r in rows if r["label"] == label), key=lambda r: r["x"]):
                v = value(r)
                if v is not None:
                    f.write(f"{r['x']:g} {v:.6g}\n")
            f.write("\n\n")


def plot_lines(results, name, rows, title, xlabel, ylabel, value, logy=True):
    labels = []
    for r in rows:
        if r["label"] not in labels and "read only" not in r["label"]:
            labels.append(r["label"])
    data = os.path.join(results, f"{name}.dat")
    write_series(data, rows, labels, value)
    plots = ", ".join(f"'{data}' index {i} using 1:2 with linespoints title columnheader(1)" for i in range(len(labels)))
    script = f"""
set terminal pngcairo size 900,520 font ',10'
set output '{os.path.join(results, name + '.png')}'
set title "{title}"
set xlabel "{xlabel}"
set ylabel "{ylabel}"
set logscale x
{'set logscale y' if logy else 'set yrange [0:*]'}
set grid
set key outside right
plot {plots}
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    return f"![{title}](results/{name}.png)"


def plot_bars(results, rows):
    data = os.path.join(results, "throughput.dat")
    with open(data, "w") as f:
        for r in rows:
            if r["gbps_cpu"]:
                label = re.sub(r"[\"]", "", r["label"])
                label = label if len(label) <= 34 else label[:33] + "…"
                f.write(f"\"{label}\" {r['gbps_cpu']:.6g}\n")
    script = f"""
set terminal pngcairo size 900,560 font ',10'
set output '{os.path.join(results, 'throughput.png')}'
set title "Throughput on the same comment-like corpus (GB/s per CPU second, log scale)"
set ylabel "GB/s (CPU time)"
set logscale y
set grid ytics
set style fill solid 0.6
set boxwidth 0.7
set xtics rotate by -35 left
set bmargin 11
set rmargin 12
unset key
plot '{data}' using 0:2:xtic(1) with boxes, '' using 0:2:(sprintf("%.3g", $2)) with labels offset 0,0.7
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    return "![Throughput side by side](results/throughput.png)"


def main():
    results, have_gnuplot = sys.argv[1], sys.argv[2] == "1"
    rows = read_rows(os.path.join(results, "measurements.tsv"))
    meta, notes = read_meta(os.path.join(results, "meta.txt"))
    by_axis = {axis: [r for r in rows if r["axis"] == axis] for axis in ("main", "size", "rules", "roster")}

    md = [f"Run {meta.get('date', '?')} on {meta.get('cpu', '?')}; load average {meta.get('load_before', '?')} "
          f"before, {meta.get('load_after', '?')} after; Vectorscan {meta.get('hyperscan', '?')}, "
          f"{meta.get('compiler', '?')}; commit {meta.get('commit', '?')}; N = {meta.get('jobs', '?')} threads.",
          "",
          f"### Side by side ({meta.get('main_mb', '?')} MB of generated comments, one per line)",
          ""]
    md += main_table(by_axis["main"])
    if have_gnuplot and by_axis["main"]:
        md += ["", plot_bars(results, by_axis["main"])]
    md += ["", "### Input size", ""]
    md += axis_table(by_axis["size"], "input MB", lambda x: f"{x:,.0f}")
    if have_gnuplot and by_axis["size"]:
        md += ["", plot_lines(results, "size", by_axis["size"], "Throughput as input grows",
                              "input (MB, log scale)", "GB/s (CPU time)", lambda r: r["gbps_cpu"]),
               plot_lines(results, "memory", [r for r in by_axis["size"] if r["label"].startswith("current")
                                              or r["label"].startswith("straightforward")],
                          "Peak memory as input grows", "input (MB, log scale)", "peak RSS (MB)",
                          lambda r: r["rss_kb"] / 1024, logy=False)]
    md += ["", f"### Rule count (synthetic term lists, {meta.get('axis_mb', '?')} MB corpus)", ""]
    md += axis_table(by_axis["rules"], "terms", lambda x: f"{x:,.0f}", with_compile=True)
    if have_gnuplot and by_axis["rules"]:
        md += ["", plot_lines(results, "rules", by_axis["rules"], "Throughput as the term list grows",
                              "terms (log scale)", "GB/s (CPU time)", lambda r: r["gbps_cpu"])]
    md += ["", "### Roster size (built-in policy plus a generated roster)", ""]
    if by_axis["roster"]:
        md += axis_table(by_axis["roster"], "pupils", lambda x: f"{x:,.0f}", with_compile=True)
        if have_gnuplot:
            md += ["", plot_lines(results, "roster", by_axis["roster"], "Throughput as the roster grows",
                                  "pupils (log scale)", "GB/s (CPU time)", lambda r: r["gbps_cpu"])]
    else:
        md += ["Not measured in this run (see the notes)."]
    if notes:
        md += ["", "Notes from this run:", ""] + [f"* {n}" for n in notes]
    text = "\n".join(md) + "\n"
    with open(os.path.join(results, "comparison.md"), "w") as f:
        f.write(text)

    readme = os.path.join(os.path.dirname(os.path.abspath(results)), "README.md")
    with open(readme) as f:
        current = f.read()
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        with open(readme, "w") as f:
            f.write(head + BEGIN + "\n" + text + END + tail)


if __name__ == "__main__":
    main()
