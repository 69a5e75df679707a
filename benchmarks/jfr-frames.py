#!/usr/bin/env python3
"""Where a JMH benchmark spends its time, from a JFR recording made with `-prof jfr`.

Usage:
  jfr print --json --events jdk.ExecutionSample --stack-depth 30 profile.jfr > samples.json
  python3 benchmarks/jfr-frames.py samples.json

Counts only samples of the benchmark thread (a stack containing org.migrex.benchmarks) and prints, per sample,
the innermost Migrex frame (the domain method that was running or that called into the JDK or a library), then the
innermost two Migrex frames (who called it). `jfr view hot-methods profile.jfr` gives the leaf JDK frames.
"""
import collections
import json
import sys


def frame_names(event):
    trace = event["values"].get("stackTrace")
    if not trace:
        return []
    return [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in trace["frames"]]


def main(path):
    events = json.load(open(path))["recording"]["events"]
    innermost = collections.Counter()
    pairs = collections.Counter()
    samples = 0
    for event in events:
        names = frame_names(event)
        if not any(n.startswith("org.migrex.benchmarks") for n in names):
            continue
        samples += 1
        domain = [n for n in names if n.startswith("org.migrex.") and not n.startswith("org.migrex.benchmarks")]
        innermost[domain[0] if domain else "(benchmark code or JMH)"] += 1
        pairs[" <- ".join(domain[:2]) if domain else "(benchmark code or JMH)"] += 1
    print(f"samples of the benchmark thread: {samples}")
    if not samples:
        return
    print("-- innermost Migrex frame --")
    for name, count in innermost.most_common(12):
        print(f"{100 * count / samples:5.1f}%  {name}")
    print("-- innermost two Migrex frames --")
    for name, count in pairs.most_common(12):
        print(f"{100 * count / samples:5.1f}%  {name}")


if __name__ == "__main__":
    main(sys.argv[1])
