#!/usr/bin/env python3
"""Top frames of a JFR recording's execution samples: self (top of stack) and total (anywhere in it).

    jfr-top.py RECORDING.jfr [N] [EVENT]

EVENT defaults to jdk.ExecutionSample; jdk.ObjectAllocationSample ranks allocation sites by
sampled weight (bytes) and names the allocated class.
"""
import collections
import re
import subprocess
import sys


def main():
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    event = sys.argv[3] if len(sys.argv) > 3 else "jdk.ExecutionSample"
    text = subprocess.run(["jfr", "print", "--events", event, "--stack-depth", "64", recording],
                          check=True, capture_output=True, text=True).stdout
    self_count, total_count, classes = collections.Counter(), collections.Counter(), collections.Counter()
    samples = 0
    for block in text.split(event + " {")[1:]:
        weight = 1
        match = re.search(r"weight = ([0-9.]+) ?([kMG]?B)?", block)
        if match and event != "jdk.ExecutionSample":
            weight = float(match.group(1)) * {"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9, None: 1}[match.group(2)]
        allocated = re.search(r"objectClass = (\S+)", block)
        stack = re.search(r"stackTrace = \[\n(.*?)^\s*\]", block, re.S | re.M)
        frames = [re.sub(r"\s+line:.*$", "", f).strip() for f in stack.group(1).splitlines()] if stack else []
        frames = [f for f in frames if f and f != "..."]
        if not frames:
            continue
        samples += weight
        if allocated:
            classes[allocated.group(1)] += weight
        self_count[frames[0]] += weight
        for frame in set(frames):
            total_count[frame] += weight
    print("%d samples (weight %.0f)" % (len(text.split(event + " {")) - 1, samples))
    if classes:
        print("\n-- allocated classes")
        for name, count in classes.most_common(top):
            print("%5.1f%%  %s" % (100.0 * count / samples, name))
    print("\n-- self")
    for frame, count in self_count.most_common(top):
        print("%5.1f%%  %s" % (100.0 * count / samples, frame))
    print("\n-- total")
    for frame, count in total_count.most_common(top):
        print("%5.1f%%  %s" % (100.0 * count / samples, frame))


if __name__ == "__main__":
    main()
