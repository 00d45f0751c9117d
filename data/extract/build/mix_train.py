#!/usr/bin/env python3
"""Mix span-labelled human rows (from to_spans.py) with generated rows for fine-tuning.

usage: mix_train.py OUT.jsonl HUMAN.jsonl GENERATED.jsonl [--repeat 3] [--generated-rows 3000] [--seed 7]

OUT holds HUMAN repeated --repeat times plus --generated-rows rows drawn (seeded) from GENERATED,
shuffled with the same seed: the same inputs give a byte-identical file.
"""
import argparse
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("human")
    ap.add_argument("generated")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--generated-rows", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    random.seed(a.seed)
    human = open(a.human, encoding="utf-8").read().splitlines()
    gen = open(a.generated, encoding="utf-8").read().splitlines()
    rows = human * a.repeat + random.sample(gen, a.generated_rows)
    random.shuffle(rows)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print(f"{len(rows)} rows ({len(human)} human x{a.repeat}, {a.generated_rows} generated)")


if __name__ == "__main__":
    main()
