#!/usr/bin/env python3
"""Precision and recall of the glossary: does it rewrite or tag only what it means?

Everything comes from real data or the glossary itself; nothing is typed in as a result.

**Negative set** (nothing in it is a Syrian concept it could tag or rewrite):

* *real news*: the documents of NTREX-128, FLORES-200 devtest and TICO-19 that never mention
  Syria (430 of 435 documents, 5,583 sentences), cleaned and annotated as documents (a
  sentence per line). Every mention the glossary finds in them with context-free matching
  (``--glossary-context always``) was read by hand: the ones that do not mean the concept are
  listed in ``scripts/data/precision_labels.tsv`` (a surface and the text around it); all other
  mentions there do mean it (the United States, the WHO, Iran...) and are not counted.
* *carrier sentences*: every English glossary term that the lint's reference data says is
  also a common given name or surname (names-dataset) or a place outside the concept's country
  (GeoNames), put in a non-Syrian sentence as that name or place (``Jordan Brooks, a teacher
  in Leeds, said...``, ``Floods hit Palmyra, United States...``); and every frequent Arabic word
  (wordfreq) with a hamza seat that folding the seat would turn into a glossary name
  (البادئة). Filler names and places come from the same data and are checked to match
  nothing in the glossary. Every rewrite or tag inside the inserted name is false.

**Positive set** (every mention is the concept):

* the sample wire (../shared/seeds/aleppo-wire.txt): the mentions context-free matching finds;
* wire-style paragraphs written here from templates, one per concept type, for every term of
  every concept (English and Arabic), twice: with an unambiguous name in the same paragraph
  ("..., the Syrian Observatory for Human Rights said."), and with a related concept of the
  glossary named in the paragraph before (where the concept has one).

A positive mention counts as *normalised* when the cleaned text has the expected form (the
replacement of a deprecated or Arabic term, the listed form otherwise) and as *tagged* when
``annotate`` reports that concept there. Reported for ``evidence`` (the default) and, as the
baseline measured in the same run, for ``always`` (context-free matching, as flashtext does).

    python scripts/bench_glossary_precision.py
    python scripts/bench_glossary_precision.py --show 20    # list the failures
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import io
import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TARJAMA_SHARED_DATA", ROOT.parent / "shared" / "data"))
SEED = ROOT.parent / "shared" / "seeds" / "aleppo-wire.txt"
LABELS = ROOT / "scripts" / "data" / "precision_labels.tsv"

from cleanup import Config, clean_and_explain  # noqa: E402
from cleanup.annotate import MentionRecord, annotate_stream  # noqa: E402
from cleanup.arabic import fold  # noqa: E402
from cleanup.driver import CleanOptions  # noqa: E402
from cleanup.glossary.cache import compiled  # noqa: E402
from cleanup.glossary.lint import home_country  # noqa: E402
from cleanup.glossary.matcher import Matcher  # noqa: E402
from cleanup.glossary.model import Concept, Term  # noqa: E402
from cleanup.glossary.reference import _name_ranks, common_name, places  # noqa: E402

GL = ("GL01", "GL02", "GL03", "GL04")

# -- documents --------------------------------------------------------------------------


@dataclass
class Doc:
    """A text to clean, and what is known about it."""

    set: str  # "negative" or "positive"
    source: str
    text: str
    #: negative: spans (start, end) in which any rewrite or tag is false
    false_spans: list[tuple[int, int]] = field(default_factory=list)
    #: positive: (start, end, concept id, expected form) of each mention in the text
    expected: list[tuple[int, int, str, str]] = field(default_factory=list)
    rule: str = ""  # positive: the rule expected to act (GL01, GL02) or "tag"
    #: the document's date: a day on which its dated names mean what is expected (None: today)
    date: dt.date | None = None


def real_documents() -> dict[tuple[str, str], list[str]]:
    """The English documents of NTREX-128, FLORES-200 devtest and TICO-19, a sentence a line."""
    out: dict[tuple[str, str], list[str]] = collections.OrderedDict()
    ntrex = (SHARED / "ntrex128" / "newstest2019-src.eng.txt").read_text(encoding="utf-8")
    ids = (SHARED / "ntrex128" / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split("\n")
    for line, doc in zip(ntrex.replace("\r\n", "\n").split("\n"), ids, strict=False):
        if line.strip():
            out.setdefault(("ntrex", doc), []).append(line)
    flores = (SHARED / "flores200-devtest" / "eng_Latn.devtest").read_text(encoding="utf-8")
    meta = (SHARED / "flores200-devtest" / "metadata_devtest.tsv").read_text(encoding="utf-8")
    for line, m in zip(flores.split("\n"), meta.split("\n")[1:], strict=False):
        if line.strip():
            out.setdefault(("flores", m.split("\t")[0]), []).append(line)
    tree = ET.parse(SHARED / "tico19" / "all.en-ar.tmx")
    for tu in tree.iter("tu"):
        prop = tu.find("prop")
        doc = prop.text or "tico" if prop is not None else "tico"
        for tuv in tu.iter("tuv"):
            if tuv.get("{http://www.w3.org/XML/1998/namespace}lang", "").startswith("en"):
                seg = tuv.find("seg")
                if seg is not None:
                    text = " ".join("".join(seg.itertext()).split())
                    out.setdefault(("tico", doc), []).append(text)
    return out


def read_labels() -> list[tuple[str, str, str]]:
    """(surface, context, why): a mention of ``surface`` inside ``context`` is false."""
    out = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            surface, context, why = line.split("\t")
            out.append((surface, context, why))
    return out


def negative_real() -> Iterator[Doc]:
    labels = read_labels()
    for (corpus, doc), lines in real_documents().items():
        text = "\n".join(lines)
        if re.search("syria", text, re.IGNORECASE):
            continue
        spans = []
        for surface, context, _ in labels:
            for m in re.finditer(re.escape(context), text):
                k = context.find(surface)
                spans.append((m.start() + k, m.start() + k + len(surface)))
        yield Doc("negative", f"{corpus}:{doc}", text, spans)


# -- carrier sentences ------------------------------------------------------------------

JOBS = ["a teacher in {city}", "who runs a bakery in {city}", "a city councillor in {city}"]
SAYS = [
    "said on Tuesday that the school would reopen next week.",
    "said prices had risen again this winter.",
    "told local radio the vote would be held on Monday.",
]
PLACE = [
    "Heavy rain flooded streets in {place}, {country}, on Monday, local officials said.",
    "The festival in {place}, {country}, drew record crowds this year.",
]


def _clean_fillers(matcher: Matcher, words: Iterable[str], n: int) -> list[str]:
    out = []
    for w in words:
        if w.isalpha() and w[:1].isupper() and not matcher.find(f"x {w} x"):
            out.append(w)
        if len(out) == n:
            break
    return out


def carriers(matcher: Matcher) -> Iterator[Doc]:
    ranks = _name_ranks()
    world = places()
    if ranks is None or world is None:
        sys.exit("the carrier sentences need the lint data: pip install -e '.[lint]'")
    given = _clean_fillers(
        matcher, (n.title() for n, _ in sorted(ranks[0].items(), key=lambda x: (x[1], x[0]))), 3
    )
    surnames = _clean_fillers(
        matcher, (n.title() for n, _ in sorted(ranks[1].items(), key=lambda x: (x[1], x[0]))), 3
    )
    big = sorted(
        (name for name, forms in world.cities.items() if len(name) > 4 and name.isalpha()),
    )
    cities = _clean_fillers(matcher, (c.title() for c in big[::997]), 3)
    country_names = {
        code: name for forms in world.countries.values() for name, code in forms.items()
    }
    by_id = {c.id: c for c in matcher.glossary.concepts}
    k = 0
    for c in matcher.glossary.concepts:
        home = world.country_code(home_country(c, by_id)) or "SY"
        for t in c.terms:
            if t.lang != "en":
                continue
            words = t.text.split()
            k += 1
            city = cities[k % len(cities)]
            job, says = JOBS[k % len(JOBS)].format(city=city), SAYS[k % len(SAYS)]
            name: str | None = None
            if c.type == "person" and len(words) == 2:
                first, last = common_name(words[0]), common_name(words[1])
                if first and last and first[0] is not None and last[1] is not None:
                    name = t.text
            elif len(words) == 1 and not t.exact:
                got = common_name(words[0])
                if got and got[0] is not None:
                    name = f"{t.text} {surnames[k % len(surnames)]}"
                elif got and got[1] is not None:
                    name = f"{given[k % len(given)]} {t.text}"
            if name is not None:
                text = f"{name}, {job}, {says}"
                yield Doc("negative", f"name:{c.id}:{t.text}", text, [(0, len(name))])
            if t.exact:
                continue
            elsewhere = [code for code in world.city_countries(t.text) if code != home]
            if elsewhere:
                country = country_names.get(elsewhere[0], elsewhere[0])
                text = PLACE[k % len(PLACE)].format(place=t.text, country=country)
                start = text.index(t.text)
                yield Doc(
                    "negative", f"place:{c.id}:{t.text}", text, [(start, start + len(t.text))]
                )


def hamza_words(matcher: Matcher) -> Iterator[Doc]:
    """Frequent Arabic words with a hamza seat whose seat, folded away, makes a glossary name."""
    from wordfreq import top_n_list

    names: set[str] = set()
    for c in matcher.glossary.concepts:
        for t in c.terms:
            if t.lang == "ar":
                names.add(fold(t.text))
    unseat = str.maketrans({"\u0624": "\u0648", "\u0626": "\u064a"})
    for w in top_n_list("ar", 100000):
        if ("\u0624" in w or "\u0626" in w) and fold(w).translate(unseat) in names:
            for prefix in ("", "ال"):
                text = f"The untranslated word {prefix}{w} was left in the report."
                s = text.index(prefix + w)
                yield Doc("negative", f"hamza:{w}", text, [(s, s + len(prefix + w))])


# -- positive paragraphs ----------------------------------------------------------------

TEMPLATES = {
    "armed": "Fighters of {X} shelled positions on the edge of the town on Tuesday",
    "government": "A delegation of {X} met envoys in the capital on Sunday",
    "person": "In a statement on Monday, {X} said the talks would continue",
    "country": "A convoy sent by {X} crossed the border on Wednesday",
    "place": "Air strikes hit {X} overnight, killing four civilians",
    "site": "Clashes broke out near {X} on Friday",
    "media": "According to {X}, the death toll rose to 40 on Thursday",
    "operation": "Since the start of {X}, thousands of people have fled",
}
KIND = {
    **dict.fromkeys(("faction", "coalition", "armed-force", "militia", "jihadist-group"), "armed"),
    **dict.fromkeys(("government", "political-body"), "government"),
    "person": "person",
    "country": "country",
    **dict.fromkeys(
        ("governorate", "city", "town", "village", "district", "neighbourhood", "region"),
        "place",
    ),
    **dict.fromkeys(
        ("border-crossing", "road", "airbase", "military-base", "dam", "prison"), "site"
    ),
    **dict.fromkeys(("organisation", "un-body", "monitor", "media"), "media"),
    "operation": "operation",
}
ANCHOR = ", the Syrian Observatory for Human Rights said."


def _straight(s: str) -> str:
    return re.sub(r"(?<=\w)[’ʼʾʿ`´′‘](?=\w)", "'", s)


def _unambiguous_name(c: Concept) -> str | None:
    for t in c.terms:
        if t.lang == "en" and t.status != "deprecated" and not t.ambiguous:
            return t.text
    return None


def _expected(t: Term) -> str | None:
    if t.lang == "en":
        return _straight(t.replacement if t.status == "deprecated" else t.text) or None
    return _straight(t.english) if t.english is not None else None


def _day(c: Concept, t: Term) -> dt.date | None:
    """A day on which ``t`` names ``c`` while it exists (None: any day will do)."""
    start, end = c.period(t)
    if start is not None:
        return start
    return end - dt.timedelta(days=1) if end is not None else None


def positives(matcher: Matcher) -> Iterator[Doc]:
    glossary = matcher.glossary
    by_id = {c.id: c for c in glossary.concepts}
    for c in glossary.concepts:
        template = TEMPLATES[KIND[c.type]]
        related = [
            by_id[r.id] for r in c.relations if r.id in by_id and _unambiguous_name(by_id[r.id])
        ]
        for t in c.terms:
            want = _expected(t)
            rule = "GL02" if t.lang == "ar" else "GL01" if t.status == "deprecated" else "tag"
            sentence = template.format(X=t.text)
            variants = [("paragraph", "", sentence + ANCHOR)]
            if related:
                lead = f"Officials of {_unambiguous_name(related[0])} were not available.\n"
                variants.append(("related", lead, sentence + "."))
            for how, lead, body in variants:
                text = lead + body
                s = text.index(t.text, len(lead))
                yield Doc(
                    "positive",
                    f"{how}:{c.id}:{t.text}",
                    text,
                    expected=[(s, s + len(t.text), c.id, want or t.text)],
                    rule=rule,
                    date=_day(c, t),
                )


def sample_wire(matcher: Matcher) -> Iterator[Doc]:
    """The sample wire: every mention context-free matching finds is the concept."""
    text = SEED.read_text(encoding="utf-8").rstrip("\n")
    always = annotate(text, CleanOptions(config=Config(glossary_context="always")), matcher)
    expected = [(t.start, t.end, t.concept, t.cleaned) for t in always]
    yield Doc("positive", "sample-wire", text, expected=expected, rule="wire")


# -- scoring ----------------------------------------------------------------------------


@dataclass
class Score:
    docs: int = 0
    false_rewrites: collections.Counter[str] = field(default_factory=collections.Counter)
    false_tags: int = 0
    mentions: collections.Counter[str] = field(default_factory=collections.Counter)
    normalised: collections.Counter[str] = field(default_factory=collections.Counter)
    tagged: collections.Counter[str] = field(default_factory=collections.Counter)
    failures: list[str] = field(default_factory=list)


def annotate(text: str, options: CleanOptions, matcher: Matcher) -> list[Tag]:
    """What ``tarjama glossary annotate`` reports for ``text`` (a document, a line per
    paragraph), in offsets of the whole text."""
    starts = [0]
    for line in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out: list[Tag] = []

    def emit(m: MentionRecord) -> None:
        if not m.mention.ambiguous:
            base = starts[m.record]
            out.append(Tag(base + m.raw_start, base + m.raw_end, m.mention.concept.id, m.text))

    annotate_stream(io.BytesIO(text.encode()), "-", options, matcher, emit)
    return out


@dataclass(frozen=True)
class Tag:
    start: int  # in the raw text
    end: int
    concept: str
    cleaned: str  # the mention as it is in the cleaned text


def run(docs: list[Doc], matcher: Matcher, mode: str) -> tuple[Score, Score]:
    neg, pos = Score(), Score()
    for d in docs:
        cfg = Config(glossary_context=mode, date=d.date)
        options = CleanOptions(config=cfg)
        tags = annotate(d.text, options, matcher)
        if d.set == "negative":
            res = clean_and_explain(d.text, cfg)
            neg.docs += 1
            for s, e in d.false_spans:
                for ed in res.edits:
                    if ed.start < e and s < ed.end:
                        for r in ed.rules:
                            if r in GL:
                                neg.false_rewrites[r] += 1
                                neg.failures.append(f"rewrite {r} {d.source}: {ed.before!r}")
                for t in tags:
                    if t.start < e and s < t.end:
                        neg.false_tags += 1
                        neg.failures.append(f"tag {t.concept} {d.source}: {t.cleaned!r}")
            continue
        pos.docs += 1
        for s, e, cid, want in d.expected:
            pos.mentions[d.rule] += 1
            hit = [t for t in tags if t.start < e and s < t.end and t.concept == cid]
            ok_tag = bool(hit)
            ok_form = any(t.cleaned == want for t in hit)
            pos.normalised[d.rule] += ok_form
            pos.tagged[d.rule] += ok_tag
            if not (ok_form and ok_tag):
                got = hit[0].cleaned if hit else "not tagged"
                pos.failures.append(f"{d.source}: want {want!r}, got {got!r}")
    return neg, pos


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.2f}% ({a}/{b})" if b else "n/a"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", type=int, default=0, help="list this many failures of each kind")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = ap.parse_args()
    t0 = time.perf_counter()
    matcher = compiled()
    docs = [
        *negative_real(),
        *carriers(matcher),
        *hamza_words(matcher),
        *sample_wire(matcher),
        *positives(matcher),
    ]
    n_neg = sum(d.set == "negative" for d in docs)
    print(f"{n_neg} negative documents, {len(docs) - n_neg} positive", file=sys.stderr)
    figures: dict[str, object] = {}
    for mode in ("evidence", "always"):
        neg, pos = run(docs, matcher, mode)
        total = sum(pos.mentions.values())
        print(f"\n== --glossary-context {mode}")
        print(f"negative set: {neg.docs} documents")
        print(f"  false rewrites: {sum(neg.false_rewrites.values())} {dict(neg.false_rewrites)}")
        print(f"  false tags:     {neg.false_tags}")
        print(f"positive set: {pos.docs} documents, {total} mentions")
        print(f"  normalised: {pct(sum(pos.normalised.values()), total)}")
        print(f"  tagged:     {pct(sum(pos.tagged.values()), total)}")
        for rule in sorted(pos.mentions):
            m = pos.mentions[rule]
            print(
                f"    {rule:<5} {m:5d} mentions: normalised {pct(pos.normalised[rule], m)}, "
                f"tagged {pct(pos.tagged[rule], m)}"
            )
        if args.show:
            for f in neg.failures[: args.show]:
                print("  NEG", f)
            for f in pos.failures[: args.show]:
                print("  POS", f)
        figures[mode] = {
            "negative_documents": neg.docs,
            "false_rewrites": dict(neg.false_rewrites),
            "false_tags": neg.false_tags,
            "positive_mentions": total,
            "normalised": sum(pos.normalised.values()),
            "tagged": sum(pos.tagged.values()),
            "by_rule": {
                r: {
                    "mentions": pos.mentions[r],
                    "normalised": pos.normalised[r],
                    "tagged": pos.tagged[r],
                }
                for r in sorted(pos.mentions)
            },
        }
    print(f"\n{time.perf_counter() - t0:.1f} s", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
