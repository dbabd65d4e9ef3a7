#!/usr/bin/env python3
"""Precision of the number checks (NUM01, NUM02) and of LEN02 on degraded human translations.

Corpus: the Arabic source and the human English of NTREX-128 and FLORES-200 devtest (3,009
lines; the English is a correct translation of the Arabic), see ../shared/data/README.md.

* **Human**: `qa` on the human English as it is; every finding is a false alarm (or a real
  discrepancy of the human Arabic, which a QA lead would not call an MT error either). Reported
  per 1,000 segments (segments with a finding).
* **Changed numbers**: in a seeded ``--rate`` of all segments (10%), one number of the English
  that occurs once in it is changed as MT systems change numbers: a digit changed
  (``255`` -> ``257``), a digit dropped (``255`` -> ``25``), a scale (``million`` ->
  ``billion``), a number word (``five`` -> ``six``, ``sixteenth`` -> ``sixth``). A NUM02 finding
  is right when its span overlaps the changed number; a NUM01 finding is right when it is on a
  changed segment and the human version of the segment does not have it. Precision over all
  findings of the degraded output, recall over the changed segments, and a seeded sample of 40
  NUM02 findings with how many are right.
* **Duplicated sentence**: in ``--rate`` of the segments, lines and paragraphs (runs of three
  consecutive lines of one document), one sentence is repeated right after itself. LEN02's
  findings (all of them, and its warnings: the output also repeats a passage of five words or
  more): false alarms on the human text, precision and recall on the degraded text.

    python scripts/bench_num_len.py [--rate 0.1] [--seed 1]

The figures are in docs/scoring.md. Run it with ``PYTHONPATH`` pointing at another checkout to
measure another version (it uses only ``run_qa``, ``QAOptions`` and ``QAFinding``).
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

from cleanup.qa import QAFinding, QAOptions, run_qa

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

_DIGITS = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d+(?![\w,.]\d)")
_SCALES = {"thousand": "million", "million": "billion", "billion": "million"}
_SCALE = re.compile(r"\b(thousand|million|billion)\b")
_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_WORD = re.compile(r"\b(" + "|".join(sorted(_WORDS + _ORDINALS, key=len, reverse=True)) + r")\b")


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").replace("\r\n", "\n").rstrip("\n").split("\n")


def load() -> tuple[list[str], list[str], list[str]]:
    """Source, human English and document id of every line."""
    n, f = DATA / "ntrex128", DATA / "flores200-devtest"
    src = _read(n / "newstest2019-ref.arb.txt") + _read(f / "arb_Arab.devtest")
    eng = _read(n / "newstest2019-src.eng.txt") + _read(f / "eng_Latn.devtest")
    docs = _read(n / "DOCUMENT_IDS.tsv") + [
        "flores:" + row.split("\t")[0] for row in _read(f / "metadata_devtest.tsv")[1:]
    ]
    return [s.strip() for s in src], [e.strip() for e in eng], docs


@dataclass(frozen=True)
class Change:
    hyp: str
    start: int
    end: int  # the span of the new number in hyp
    kind: str


def change_number(hyp: str, rng: random.Random) -> Change | None:
    """One number of ``hyp`` that occurs once in it, changed as MT changes numbers."""
    options: list[tuple[str, int, int, str]] = []  # (kind, start, end, new text)
    for m in _DIGITS.finditer(hyp):
        text = m.group()
        if hyp.count(text) != 1:
            continue
        digits = text.replace(",", "")
        last = int(digits[-1])
        options.append(
            ("digit", m.start(), m.end(), text[:-1] + str((last + rng.randint(1, 8)) % 10))
        )
        if len(digits) >= 2:
            dropped = digits[:-1] if rng.random() < 0.5 else digits[1:]
            if not dropped.startswith("0") and int(dropped) != int(digits):
                options.append(("drop", m.start(), m.end(), dropped))
    for m in _SCALE.finditer(hyp):
        if hyp.count(m.group()) == 1:
            options.append(("scale", m.start(), m.end(), _SCALES[m.group()]))
    for m in _WORD.finditer(hyp):
        w = m.group()
        if hyp.count(w) != 1:
            continue
        table = _WORDS if w in _WORDS else _ORDINALS
        i = table.index(w)  # value i + 1
        if i < 2:
            continue  # one, two, first, second: not numbers the checks are asked to keep
        if i >= 12 and rng.random() < 0.5:
            j = i - 10  # sixteenth -> sixth
        elif i == len(table) - 1:
            j = i - 1
        else:
            j = i + rng.choice((-1, 1))
        options.append(("word", m.start(), m.end(), table[j]))
    if not options:
        return None
    kind, start, end, new = rng.choice(options)
    return Change(hyp[:start] + new + hyp[end:], start, start + len(new), kind)


_SENTENCE_END = re.compile(r"([.!?][\"”’']?)\s+(?=[\"“‘']?[A-Z])")


def duplicate_sentence(hyp: str, rng: random.Random) -> str:
    """``hyp`` with one of its sentences repeated right after itself."""
    cuts = [m.end(1) for m in _SENTENCE_END.finditer(hyp)]
    parts = [hyp[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(hyp)], strict=True)]
    k = rng.randrange(len(parts))
    return " ".join([*parts[: k + 1], parts[k], *parts[k + 1 :]])


def _findings(src: list[str], hyp: list[str], code: str) -> dict[int, list[QAFinding]]:
    out: dict[int, list[QAFinding]] = {}
    for f in run_qa(src, hyp, QAOptions(select=(code,))).findings:
        if f.code == code:
            out.setdefault(f.segment - 1, []).append(f)
    return out


def per_1000(k: int, n: int) -> str:
    return f"{1000 * k / n:.1f}"


_KINDS = ("digit", "drop", "scale", "word")


def _overlaps(f: QAFinding, c: Change) -> bool:
    return f.start is not None and f.end is not None and f.start < c.end and c.start < f.end


def bench_numbers(src: list[str], eng: list[str], rate: float, seed: int) -> None:
    n = len(src)
    human = {code: _findings(src, eng, code) for code in ("NUM01", "NUM02")}
    for code, found in human.items():
        k = sum(len(v) for v in found.values())
        rate_h = per_1000(len(found), n)
        print(
            f"{code} on the human English: {len(found)} segments ({rate_h} per 1,000), {k} findings"
        )
    rng = random.Random(f"numbers:{seed}")
    hyp = list(eng)
    changes: dict[int, Change] = {}
    order = list(range(n))
    rng.shuffle(order)
    for i in order:
        if len(changes) >= rate * n:
            break
        c = change_number(eng[i], rng)
        if c is not None:
            changes[i] = c
            hyp[i] = c.hyp
    kinds = ", ".join(f"{k} {sum(c.kind == k for c in changes.values())}" for k in _KINDS)
    print(f"changed numbers: {len(changes)} segments of {n} ({kinds})")
    for code in ("NUM01", "NUM02"):
        right: list[bool] = []
        caught: set[int] = set()
        for i, fs in _findings(src, hyp, code).items():
            before = {f.evidence for f in human[code].get(i, [])}
            c = changes.get(i)
            for f in fs:
                if c is None:
                    ok = False
                elif code == "NUM02":
                    ok = _overlaps(f, c)
                else:
                    ok = f.evidence not in before
                right.append(ok)
                if ok:
                    caught.add(i)
        prec = f"{sum(right) / len(right):.1%}" if right else "-"
        recall = len(caught) / len(changes)
        print(f"{code}: {len(right)} findings, precision {prec}, recall {recall:.1%}")
        for kind in _KINDS:
            ids = [i for i, c in changes.items() if c.kind == kind]
            if ids:
                got = sum(i in caught for i in ids) / len(ids)
                print(f"  recall on {kind}: {got:.1%} of {len(ids)}")
        if code == "NUM02" and right:
            sample = random.Random(f"sample:{seed}").sample(right, min(40, len(right)))
            print(f"  sample of {len(sample)} findings: {sum(sample)} right")


def _paragraphs(src: list[str], eng: list[str], docs: list[str]) -> tuple[list[str], list[str]]:
    psrc: list[str] = []
    peng: list[str] = []
    i = 0
    while i + 3 <= len(src):
        if docs[i] == docs[i + 2]:
            psrc.append(" ".join(src[i : i + 3]))
            peng.append(" ".join(eng[i : i + 3]))
            i += 3
        else:
            i += 1
    return psrc, peng


def bench_length(src: list[str], eng: list[str], docs: list[str], rate: float, seed: int) -> None:
    psrc, peng = _paragraphs(src, eng, docs)
    for name, s, e in (("lines", src, eng), ("paragraphs", psrc, peng)):
        n = len(s)
        rng = random.Random(f"dup:{name}:{seed}")
        chosen = set(rng.sample(range(n), round(rate * n)))
        hyp = [duplicate_sentence(h, rng) if i in chosen else h for i, h in enumerate(e)]
        human = _findings(s, e, "LEN02")
        found = _findings(s, hyp, "LEN02")
        print(f"LEN02, {name} ({n} segments, {len(chosen)} with a sentence repeated):")
        for label, level in (("all findings", ("info", "warning")), ("warnings", ("warning",))):
            fa = [i for i, fs in human.items() if any(f.severity in level for f in fs)]
            hits = [i for i, fs in found.items() if any(f.severity in level for f in fs)]
            tp = sum(i in chosen for i in hits)
            prec = f"{tp / len(hits):.1%}" if hits else "-"
            print(
                f"  {label}: human {len(fa)} ({per_1000(len(fa), n)} per 1,000); degraded "
                f"{len(hits)}, precision {prec}, recall {tp / len(chosen):.1%}"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rate", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", choices=("numbers", "length"))
    args = ap.parse_args()
    src, eng, docs = load()
    if args.only != "length":
        bench_numbers(src, eng, args.rate, args.seed)
    if args.only != "numbers":
        bench_length(src, eng, docs, args.rate, args.seed)


if __name__ == "__main__":
    main()
