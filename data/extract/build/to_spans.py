#!/usr/bin/env python3
"""Turn hand-labelled gold sets (benchmark schema) into span-labelled training examples.

usage: to_spans.py OUT.jsonl GOLD.jsonl [GOLD.jsonl ...]

The gold sets give each task as a title string, owner names and a resolved date; the tagger
learns character spans. Where a task carries `evidence` ({"title", "owner", "deadline"}: exact
substrings of the text, written by the set's author) those are used. Otherwise the spans are
aligned here:
  task     the substring of the text whose character multiset is closest (Dice, as the scorer)
           to the gold title (never covering a time expression the title lacks; longer on ties);
           kept only when Dice >= 0.6;
  owner    the mention nearest the task span: @name, full name, given name, surname + title,
           小/老 + surname, 我 (owner = sender), 大家/各位/所有人 (@all), else 你/您;
  deadline the time expression (regex below) nearest the task span and at most 12 chars away,
           when the task has a date.
Messages without tasks become class no_task examples with no spans (the hard negatives).
Output rows follow `chat2task datagen`'s schema (text, reply_to, members, class, spans).
"""
import json
import os
import re
import sys

# The scorer's own punctuation and character multiset, so that alignment measures titles as it does.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared", "tools"))
from score_extract import PUNCT, chars  # noqa: E402
TITLES = "总|姐|哥|工|老师|经理|主任|律|师傅|医生|导|主管|助|园长|店长|编|老板"
NUM = "[0-9０-９一二三四五六七八九十两]+"
TIME_TOKEN = (
    r"(?:大后天|后天|明天|今天|今晚|明晚|明早|今早|明儿|今儿|明日|今日|当天|"
    r"下下周|下周|本周|这周|这个周|周末|下个?星期|本星期|"
    r"(?:周|星期|礼拜)[一二三四五六日天]|"
    rf"(?:下个?月|本月|这个月|{NUM}月)(?:{NUM}[号日])?|{NUM}[号日]|"
    r"月底|月初|月中|年底|年前|节前|节后第一天|节后|放假前|国庆|中秋|元旦|春节|五一|端午|清明|"
    rf"{NUM}个?工作日|{NUM}天|一周|两周|"
    r"上午|下午|中午|晚上|早上|一早|傍晚|晚|早|"
    rf"{NUM}[点:：](?:半|{NUM}分?)?|"
    r"下班|午饭|开会|会|上线|发版)"
)
TIME_RE = re.compile(rf"{TIME_TOKEN}(?:\s?{TIME_TOKEN})*(?:之前|以前|前|之内|以内|内|底|为止)?")
# A time expression must hold one of these to count (keeps 会/早/晚 alone from matching).
TIME_CORE = re.compile(
    r"天|晚|早|周|星期|礼拜|月|号|日|年|节|国庆|中秋|元旦|春节|五一|端午|清明|[0-9０-９]点|[一二三四五六七八九十两]点|工作日"
)


def dice(a, b):
    """The scorer's Dice over two character multisets already counted (it recounts strings)."""
    n = sum(a.values()) + sum(b.values())
    return 0.0 if n == 0 else 2 * sum((a & b).values()) / n


def best_title_span(text, title, taken, times):
    """The substring closest to the title; it never covers a time expression (`times`) the title lacks."""
    tc = chars(title)
    taken = taken + [sp for sp in times if text[sp[0]:sp[1]] not in title]
    L = sum(tc.values())
    if L == 0:
        return None
    best = (0.0, 0, None)
    for i in range(len(text)):
        if text[i].isspace() or PUNCT.fullmatch(text[i]):
            continue
        for j in range(i + 1, min(len(text), i + 2 * L + 4) + 1):
            if any(i < b and a < j for a, b in taken):
                break
            d = dice(tc, chars(text[i:j]))
            key = (d, j - i)
            if key > best[:2]:
                best = (d, j - i, (i, j))
    if best[0] < 0.6 or best[2] is None:
        return None
    i, j = best[2]
    while j > i and (text[j - 1].isspace() or PUNCT.fullmatch(text[j - 1])):
        j -= 1
    return (i, j)


def occurrences(text, s):
    out, k = [], text.find(s)
    while s and k >= 0:
        out.append((k, k + len(s)))
        k = text.find(s, k + 1)
    return out


def nearest(cands, span, within=None):
    if within is not None:
        a, b = span
        cands = [c for c in cands if c[1] >= a - within and c[0] <= b + within]
    if not cands:
        return None
    a, b = span

    def dist(c):
        if c[1] <= a:
            return a - c[1]
        if c[0] >= b:
            return (c[0] - b) + 0.5  # prefer a mention before the work
        return 1000

    return min(cands, key=dist)


def owner_mentions(text, owner, sender, members):
    cands = []
    if owner == "@all":
        for w in ["@所有人", "@all", "@All", "@ALL", "大家", "各位", "所有人", "每个人", "每人", "全体"]:
            cands += occurrences(text, w)
        return cands
    for w in ["@" + owner, owner]:
        cands += occurrences(text, w)
    if cands:
        return cands
    surname, given = owner[:1], owner[1:]
    same = [m for m in members if m[:1] == surname]
    if len(given) >= 2:
        cands += occurrences(text, given)
    if len(same) == 1:
        for m in re.finditer(rf"{re.escape(surname)}(?:{TITLES})", text):
            cands.append(m.span())
        for p in ("小", "老"):
            cands += occurrences(text, p + surname)
    if cands:
        return cands
    if owner == sender:
        return occurrences(text, "我")
    return occurrences(text, "你") + occurrences(text, "您")


def time_spans(text):
    return [m.span() for m in TIME_RE.finditer(text) if TIME_CORE.search(m.group())]


def convert(row):
    text = row["text"]
    tasks = row.get("tasks") or []
    spans, taken = [], []
    times = time_spans(text)
    for t in tasks:
        ev = t.get("evidence") or {}
        ts = None
        if ev.get("title"):
            occ = [o for o in occurrences(text, ev["title"]) if not any(o[0] < b and a < o[1] for a, b in taken)]
            ts = occ[0] if occ else None
        if ts is None:
            ts = best_title_span(text, t["title"], taken, times)
        if ts is None:
            continue
        taken.append(ts)
        spans.append(("task", ts))
        # owners
        for o in t.get("owners") or []:
            if ev and "owner" in ev:
                cands = occurrences(text, ev["owner"]) if ev.get("owner") else []
            else:
                cands = owner_mentions(text, o, row.get("sender", ""), row.get("members") or [])
            c = nearest([c for c in cands if not any(c[0] < b and a < c[1] for a, b in taken)], ts)
            if c:
                taken.append(c)
                spans.append(("owner", c))
        if t.get("due_date"):
            if ev and "deadline" in ev:
                cands = occurrences(text, ev["deadline"]) if ev.get("deadline") else []
            else:
                cands = times
            c = nearest([c for c in cands if not any(c[0] < b and a < c[1] for a, b in taken)], ts, within=12)
            if c:
                taken.append(c)
                spans.append(("deadline", c))
    spans.sort(key=lambda s: s[1])
    return {
        "id": row["id"],
        "text": text,
        "reply_to": row.get("reply_to"),
        "members": row.get("members") or [],
        "class": "new_task" if tasks else "no_task",
        "spans": [{"label": l, "start": a, "end": b} for l, (a, b) in spans],
    }


def main():
    out = open(sys.argv[1], "w", encoding="utf-8")
    n = nt = ns = 0
    for path in sys.argv[2:]:
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            row = json.loads(line)
            ex = convert(row)
            n += 1
            nt += len(row.get("tasks") or [])
            ns += sum(1 for s in ex["spans"] if s["label"] == "task")
            out.write(json.dumps(ex, ensure_ascii=False) + "\n")
    print(f"{n} messages, {nt} gold tasks, {ns} task spans aligned", file=sys.stderr)


if __name__ == "__main__":
    main()
