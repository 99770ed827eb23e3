#!/usr/bin/env python3
"""Writes prompts/tone-ordinary.txt: the ordinary English words that are one typo from a word
of the tone check's lexicon (same first letter, five letters or more), so the check never
"mends" them into it ("tables" is not a typo of "tablets", nor "doing" of "dying").

Run it after changing prompts/tone.json. It reads Debian's word lists (wamerican, wbritish:
`apt-get install wamerican wbritish`); Tend itself never reads them, only this list.
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LISTS = [pathlib.Path("/usr/share/dict/american-english"), pathlib.Path("/usr/share/dict/british-english")]


def words(text):
    text = re.sub(r"[’‘ʼ'`]", "", text.lower())
    return re.findall(r"[^\W_]+", text)


def osa(a, b):
    """Optimal string alignment distance, as strsim::osa_distance."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def main():
    missing = [str(p) for p in LISTS if not p.exists()]
    if missing:
        sys.exit(f"tone-ordinary: missing {', '.join(missing)}: apt-get install wamerican wbritish")
    content = json.loads((ROOT / "prompts/tone.json").read_text())
    lexicon = set()
    for to in content.get("textSpeak", {}).values():
        lexicon.update(words(to))
    for members in content.get("classes", {}).values():
        for member in members:
            lexicon.update(words(member))
    for pattern in content["patterns"]:
        for phrase in pattern["phrases"]:
            lexicon.update(w for w in words(phrase.replace("|", " ").replace("@", " @")) if not w.startswith("@"))
    targets = [w for w in lexicon if len(w) >= 5]
    dictionary = set()
    for path in LISTS:
        for line in path.read_text(encoding="utf-8", errors="ignore").splitlines():
            if re.fullmatch(r"[a-z]+", line):
                dictionary.add(line)
    ordinary = set()
    for word in dictionary:
        if len(word) < 5 or word in lexicon:
            continue
        for t in targets:
            if t[0] == word[0] and abs(len(t) - len(word)) <= 1 and osa(word, t) == 1:
                ordinary.add(word)
                break
    out = ROOT / "prompts/tone-ordinary.txt"
    out.write_text(
        "# Ordinary words one typo from a word of prompts/tone.json: never taken for that word.\n"
        "# Made by scripts/tone-ordinary.py from Debian's wamerican and wbritish; run it again\n"
        "# after changing the lexicon.\n" + "".join(w + "\n" for w in sorted(ordinary))
    )
    print(f"{len(ordinary)} ordinary words, against {len(targets)} lexicon words of five letters or more")


if __name__ == "__main__":
    main()
