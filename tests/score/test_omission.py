"""OMI01 (missing sentence) and the recalibrated LEN01 on real text: the Arabic and the human
English of NTREX-128 and FLORES-200 devtest (../shared/data), with sentences dropped from the
English, and TICO-19 held out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from cleanup.english import ABBREVIATIONS
from cleanup.qa import QAOptions, check_segment, run_qa
from cleanup.rules.qa import calibration
from cleanup.rules.qa.omission import arabic_sentences, english_sentences
from cleanup.score import read_segments

ROOT = Path(__file__).resolve().parents[2]
Pair = tuple[str, str]


@pytest.fixture(scope="module")
def script(load_script: Callable[[str], ModuleType]) -> ModuleType:
    """scripts/calibrate_qa_length.py, which makes calibration.py and builds the omissions."""
    return load_script("calibrate_qa_length")


@pytest.fixture(scope="module")
def human(ntrex: dict[str, Path], flores: dict[str, Path]) -> dict[str, list[Pair]]:
    return {
        name: list(zip(read_segments(p["ar"]), read_segments(p["en"]), strict=True))
        for name, p in (("ntrex", ntrex), ("flores", flores))
    }


@pytest.fixture(scope="module")
def docs(shared_data: Path) -> list[str]:
    """The document of every line of NTREX then FLORES."""
    ntrex = (shared_data / "ntrex128" / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").split()
    meta = (shared_data / "flores200-devtest" / "metadata_devtest.tsv").read_text(encoding="utf-8")
    return ntrex + [f"flores:{line.split(chr(9))[0]}" for line in meta.splitlines()[1:]]


def codes(src: str, hyp: str) -> list[str]:
    return [f.code for f in check_segment(src, hyp, options=QAOptions(select=("OMI01", "LEN01")))]


def test_english_sentences() -> None:
    assert english_sentences(
        "Gen. Mazloum Abdi met U.S. envoy Tom Barrack on Jan. 5 in Hasakah. They agreed on a "
        "ceasefire! Will it hold? 12 people died."
    ) == [
        "Gen. Mazloum Abdi met U.S. envoy Tom Barrack on Jan. 5 in Hasakah.",
        "They agreed on a ceasefire!",
        "Will it hold?",
        "12 people died.",
    ]
    # initials, a single letter, an ellipsis, a decimal: no end
    assert (
        len(english_sentences("U.S. President George W. Bush arrived at 10 a.m. local time.")) == 1
    )
    assert len(english_sentences("Roe v. Wade was cited... and then 3.5 million voted.")) == 1
    # a dotted abbreviation before a capitalised function word ends one (NTREX-128 203)
    assert english_sentences("toward the West Coast of the U.S. As Rosa approaches") == [
        "toward the West Coast of the U.S.",
        "As Rosa approaches",
    ]
    # a closing quotation mark; a space lost after the full stop (TICO-19)
    assert len(english_sentences('"We need to have a deal. We want the best deal," he said.')) == 2
    assert english_sentences("Bank of St. Louis.The lockdown in India") == [
        "Bank of St. Louis.",
        "The lockdown in India",
    ]
    assert english_sentences("Node.js is used. e.g. here") == ["Node.js is used. e.g. here"]


def test_every_abbreviation_of_the_english_word_list_keeps_the_sentence() -> None:
    """The splitter reads cleanup.english.ABBREVIATIONS, not a list of its own."""
    for word in ABBREVIATIONS:
        text = f"It was {word.capitalize()}. Smith who said it"
        assert english_sentences(text) == [text], word
    assert len(english_sentences("It was today. Smith said it")) == 2


def test_arabic_sentences() -> None:
    # . ؟ ! end a sentence (FLORES-200 devtest 609)
    assert arabic_sentences(
        "لماذا تولد أنظمة النقل مثل هذه الشكاوى، ولماذا تفشل بشكل يومي؟ هل مهندسو النقل غير "
        "أكفاء؟ أم أن هناك شيئاً أكثر جوهرية يحدث؟"
    ) == [
        "لماذا تولد أنظمة النقل مثل هذه الشكاوى، ولماذا تفشل بشكل يومي؟",
        "هل مهندسو النقل غير أكفاء؟",
        "أم أن هناك شيئاً أكثر جوهرية يحدث؟",
    ]
    # Arabic-Indic digits, a one-letter abbreviation, initials spelt in Arabic (FLORES 279,
    # NTREX 1694), an ellipsis (FLORES 322): no end
    assert len(arabic_sentences("ضرب زلزال مونتانا الساعة ١٠:٠٨ مساءً وبلغت قوته ٣.٥ درجات.")) == 1
    assert len(arabic_sentences("قال د. أحمد إن نائب المفتش العام دي. كي. أريا وصل.")) == 1
    assert len(arabic_sentences('وأدلى قائد الشرطة "ميرفي جيه. بول" بتصريحه لوسائل الإعلام')) == 1
    assert len(arabic_sentences("لونا كانت غريبة الأطوار مثلي... وربما أكثر مني")) == 1
    # the Arabic semicolon joins clauses (FLORES 397); a closing guillemet; a lost space
    assert len(arabic_sentences("كانت النساء تطبخ في الفناء؛ كانت المتاجر مجرد أنضاد.")) == 1
    assert len(arabic_sentences("قال «انتهى الاجتماع.» وغادر القاعة")) == 2
    assert arabic_sentences("وصل الوفد إلى جنيف.وقال المتحدث") == [
        "وصل الوفد إلى جنيف.",
        "وقال المتحدث",
    ]


def test_a_dropped_sentence_is_named(human: dict[str, list[Pair]]) -> None:
    ar, en = human["flores"][23]  # FLORES-200 devtest 24 (Wikinews)
    first = english_sentences(en)[0]
    found = check_segment(ar, first, options=QAOptions(select=("OMI01",)))
    assert [f.code for f in found] == ["OMI01"]
    assert "the 2nd of 2 source sentences seems to have no translation" in found[0].message
    assert found[0].evidence == arabic_sentences(ar)[1]
    assert "Lionsgate" in found[0].evidence
    assert codes(ar, first) == ["OMI01"]  # the length ratio alone lets it through
    assert codes(ar, en) == []


def test_a_sentence_dropped_from_a_paragraph(human: dict[str, list[Pair]]) -> None:
    """Three consecutive lines of one BBC story (NTREX-128 45-47) as one paragraph; the
    machine output loses the middle one (the time of the attack)."""
    lines = human["ntrex"][44:47]
    src = " ".join(a for a, _ in lines)
    hyp = f"{lines[0][1]} {lines[2][1]}"
    assert "7 a.m." in lines[1][1]
    found = check_segment(src, hyp, options=QAOptions(select=("OMI01", "LEN01")))
    assert [f.code for f in found] == ["OMI01"]
    assert "the 2nd of 3 source sentences" in found[0].message
    assert found[0].evidence == lines[1][0].strip()
    assert codes(src, " ".join(e for _, e in lines)) == []


def test_merged_sentences_are_not_an_omission(human: dict[str, list[Pair]]) -> None:
    ar, en = human["ntrex"][1934]  # "Do they think I get a discount?" she wondered.
    assert len(arabic_sentences(ar)) == 2 and len(english_sentences(en)) == 1
    assert codes(ar, en) == []


def test_false_alarms_on_human_translations(
    human: dict[str, list[Pair]], shared_data: Path, script: ModuleType
) -> None:
    """Per 1,000 human segments: OMI01 0.7 (2 of 3,009), LEN01 10.6, together 11.3; on TICO-19
    (held out, another domain) OMI01 none."""
    pairs = human["ntrex"] + human["flores"]
    report = run_qa(
        [a for a, _ in pairs], [e for _, e in pairs], QAOptions(select=("OMI", "LEN01"))
    )
    counts = report.counts()
    assert counts.get("OMI01", 0) <= 0.001 * len(pairs)
    assert len({f.segment for f in report.findings}) <= 0.012 * len(pairs)
    tico = script.tmx_pairs(shared_data / "tico19" / "all.en-ar.tmx")
    report = run_qa([a for a, _ in tico], [e for _, e in tico], QAOptions(select=("OMI01",)))
    assert len(report.findings) <= 0.001 * len(tico)


def test_recall_on_dropped_sentences(human: dict[str, list[Pair]], script: ModuleType) -> None:
    """Every multi-sentence human English with each of its sentences dropped in turn (258
    omissions): OMI01 74.4%, LEN01 64.7%, either 89.1% (the target: 80% at <= 2% false
    alarms); a sentence OMI01 names is the dropped one (89 of 90)."""
    pairs = human["ntrex"] + human["flores"]
    dropped = script.dropped(pairs)
    assert len(dropped) > 250
    report = run_qa(
        [a for a, _ in dropped], [e for _, e in dropped], QAOptions(select=("OMI01", "LEN01"))
    )
    by_code: dict[str, set[int]] = {"OMI01": set(), "LEN01": set()}
    for f in report.findings:
        by_code[f.code].add(f.segment)
    assert len(by_code["OMI01"]) >= 0.70 * len(dropped)
    assert len(by_code["LEN01"]) >= 0.60 * len(dropped)
    assert len(by_code["OMI01"] | by_code["LEN01"]) >= 0.85 * len(dropped)

    named = right = 0
    for ar, en in pairs:
        sentences = english_sentences(en)
        if len(sentences) < 2 or len(arabic_sentences(ar)) != len(sentences):
            continue
        for k in range(len(sentences)):
            hyp = " ".join(sentences[:k] + sentences[k + 1 :])
            for f in check_segment(ar, hyp, options=QAOptions(select=("OMI01",))):
                if "seems to have no translation" in f.message:
                    named += 1
                    right += f.evidence == arabic_sentences(ar)[k]
    assert named >= 60 and right >= 0.95 * named


def test_paragraphs(human: dict[str, list[Pair]], docs: list[str], script: ModuleType) -> None:
    """Three consecutive lines of one document as one segment: OMI01 false alarms 1.3 per
    1,000 (1 of 796), recall 86.8% (LEN01 38.5%: the ratio moves less when one sentence of
    three is lost)."""
    paragraphs = script.paragraphs(human["ntrex"] + human["flores"], docs, 3)
    assert len(paragraphs) > 700
    clean = run_qa(
        [a for a, _ in paragraphs], [e for _, e in paragraphs], QAOptions(select=("OMI01",))
    )
    assert len(clean.findings) <= 2
    dropped = script.dropped(paragraphs)
    found = run_qa([a for a, _ in dropped], [e for _, e in dropped], QAOptions(select=("OMI01",)))
    assert len(found.findings) >= 0.80 * len(dropped)


def test_calibration_is_what_the_script_makes(
    human: dict[str, list[Pair]], docs: list[str], script: ModuleType
) -> None:
    """calibration.py is generated: the script's defaults give back its bounds and thresholds
    (the SentencePiece model is the shipped one; the script retrains it identically)."""
    from cleanup.score.spm import SPMTokenizer

    cal = script.Calibration(
        SPMTokenizer(script.MODEL), human["ntrex"] + human["flores"], docs, 0.01, 2.0
    )
    assert tuple(b[:4] for b in cal.bounds) == calibration.BOUNDS
    c, a, b = cal.model
    assert (round(c, 4), round(a, 4), round(b, 6)) == calibration.SENTENCE_LENGTH
    assert cal.llr == calibration.OMISSION_LLR
    # LEN01 catches the 0.54 ratio in the two longer buckets; LEN02 is as it was
    assert all(low > 0.54 for lo, _, low, _ in calibration.BOUNDS if lo >= 24)
    assert [high for *_, high in calibration.BOUNDS] == [1.848, 1.422, 1.298]
