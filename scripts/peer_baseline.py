#!/usr/bin/env python3
"""Peer baselines on the same text as dossier's extraction: date finding with dateparser and
tokenising with spaCy's blank English pipeline, one core, MB/s per round and the median.

    peer_baseline.py DIR [--max-bytes N] [--rounds R] [--only dateparser|spacy]

The .txt files of DIR are taken in name order until --max-bytes, the rule
crates/app/examples/extract_speed.rs follows, so both measure the same bytes. Prints one
line per tool: `tool=... docs=... bytes=... rounds=... mbps_median=...`.
"""
import argparse
import os
import statistics
import sys
import time


def load(folder, max_bytes):
    texts, total = [], 0
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".txt"):
            continue
        if total >= max_bytes:
            break
        with open(os.path.join(folder, name), "rb") as fh:
            raw = fh.read()
        total += len(raw)
        texts.append(raw.decode("utf-8"))
    return texts, total


def timed(fn, texts, total, rounds):
    speeds = []
    for i in range(rounds):
        t = time.perf_counter()
        for text in texts:
            fn(text)
        mbps = total / 1e6 / (time.perf_counter() - t)
        print(f"round {i + 1}: {mbps:.4f} MB/s", file=sys.stderr)
        speeds.append(mbps)
    return statistics.median(speeds)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--max-bytes", type=int, default=sys.maxsize)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", choices=["dateparser", "spacy"])
    a = ap.parse_args()
    texts, total = load(a.dir, a.max_bytes)
    if not texts:
        print(f"no .txt reports in {a.dir}", file=sys.stderr)
        return 1
    if a.only in (None, "dateparser"):
        from dateparser.search import search_dates

        # English only: the peer is spared language detection, which favours it.
        def find_dates(text):
            return search_dates(text, languages=["en"])

        find_dates(texts[0])  # imports and caches warm up outside the timing
        m = timed(find_dates, texts, total, a.rounds)
        print(f"tool=dateparser docs={len(texts)} bytes={total} rounds={a.rounds} mbps_median={m:.4f}")
    if a.only in (None, "spacy"):
        import spacy

        nlp = spacy.blank("en")
        tokenizer = nlp.tokenizer
        tokenizer(texts[0])
        m = timed(tokenizer, texts, total, a.rounds)
        print(f"tool=spacy_blank_en_tokenizer docs={len(texts)} bytes={total} rounds={a.rounds} mbps_median={m:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
