#!/usr/bin/env python3
"""Writes Nexmark-shaped bids as JSON lines, the way Flink's JSON format reads them.

    generate-bids.py DIR ROWS [FILES]

Rows are spread over FILES files (default 2: one per source subtask at parallelism 2). The data is
the same on every run (fixed seed). Event time advances 1 ms every 10 bids, so 4 M rows span
400 s; auctions are drawn from a window of 10,000 that moves on slowly, as Nexmark's hot auctions do.
"""
import os
import random
import sys
from datetime import datetime, timedelta

CHANNELS = ["Google", "Facebook", "Baidu", "Apple"]
EXTRA_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def main():
    directory, rows = sys.argv[1], int(sys.argv[2])
    files = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    rng = random.Random(42)
    os.makedirs(directory, exist_ok=True)
    # a small pool of URLs and extras, as Nexmark's channel cache: generating fresh text per row
    # would make this script, not the engine, the slow part
    urls = ["https://www.nexmark.com/%s/%s/%s/item.htm?query=1&channel_id=%d" % (
        word(rng, 5), word(rng, 6), word(rng, 4), rng.randrange(1 << 20)) for _ in range(10_000)]
    extras = [word(rng, 100) for _ in range(1_000)]
    start = datetime(2026, 11, 24, 0, 0, 0)
    outs = [open(os.path.join(directory, "bids-%d.json" % f), "w") for f in range(files)]
    per_file = (rows + files - 1) // files
    for i in range(rows):
        when = start + timedelta(milliseconds=i // 10)
        auction = 1000 + i // 500 + rng.randrange(10_000)
        channel_index = rng.randrange(len(urls))
        channel = CHANNELS[channel_index] if channel_index < len(CHANNELS) else "channel-%d" % channel_index
        outs[i // per_file].write(
            '{"auction":%d,"bidder":%d,"price":%d,"channel":"%s","url":"%s","dateTime":"%s","extra":"%s"}\n' % (
                auction, 1000 + rng.randrange(100_000), 100 + rng.randrange(10_000_000), channel,
                urls[channel_index], when.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (when.microsecond // 1000),
                extras[rng.randrange(len(extras))]))
    for out in outs:
        out.close()


def word(rng, length):
    return "".join(rng.choice(EXTRA_ALPHABET) for _ in range(length))


if __name__ == "__main__":
    main()
