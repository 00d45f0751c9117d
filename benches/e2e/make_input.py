#!/usr/bin/env python3
"""Builds the end-to-end input: the datagen valid split x5 (ids and chats suffixed per copy,
gold fields dropped). usage: make_input.py DATAGEN_DIR/valid.jsonl OUT.jsonl"""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
keep = ["id", "chat", "ts", "sender", "members", "reply_to", "text"]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for k in range(5):
        for r in rows:
            o = {x: r[x] for x in keep}
            o["id"] = f"{r['id']}-{k}"
            o["chat"] = f"{r['chat']}-{k}"
            out.write(json.dumps(o, ensure_ascii=False) + "\n")
