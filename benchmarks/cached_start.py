#!/usr/bin/env python3
"""Start-up from the database cache (issue 8), two binaries interleaved.

Each round starts every binary once on a one-line file without a roster and
once with --roster ROSTER, from a warm cache (one run of each first fills
it). Reports the medians of wall time and CPU time (user + sys of the
process) and peak RSS. Usage:

  benchmarks/cached_start.py --roster ROSTER [--rounds 15] NAME=BINARY ...
"""
import argparse
import os
import statistics
import tempfile
import time


def start(binary, args, env, text):
    began = time.perf_counter()
    pid = os.posix_spawn(binary, [binary] + args + [text], env,
                         file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{binary} {' '.join(args)} failed")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--roster", required=True)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--cache-dir", default=os.path.join(tempfile.gettempdir(), "policycheck-cached-start"))
    parser.add_argument("binaries", nargs="+", help="NAME=PATH")
    o = parser.parse_args()
    binaries = dict(b.split("=", 1) for b in o.binaries)
    env = dict(os.environ, POLICYCHECK_CACHE_DIR=o.cache_dir)
    cases = {"no roster": [], "2,000-pupil roster": ["--roster", o.roster]}
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as text:
        text.write("Hello, this is a one-line file.\n")
        text.flush()
        for binary in binaries.values():
            for args in cases.values():
                start(binary, args, env, text.name)  # fills the cache
        runs = {}
        for _ in range(o.rounds):
            for name, binary in binaries.items():
                for case, args in cases.items():
                    runs.setdefault((case, name), []).append(start(binary, args, env, text.name))
    print("load average", " ".join(open("/proc/loadavg").read().split()[:3]))
    print("| case | binary | wall ms (median) | CPU ms (median) | wall ms (min) | peak RSS MB |")
    print("|---|---|---:|---:|---:|---:|")
    for case in cases:
        for name in binaries:
            v = runs[(case, name)]
            print(f"| {case} | {name} | {statistics.median(x[0] for x in v):.1f} | "
                  f"{statistics.median(x[1] for x in v):.1f} | {min(x[0] for x in v):.1f} | "
                  f"{statistics.median(x[2] for x in v):.1f} |")


if __name__ == "__main__":
    main()
