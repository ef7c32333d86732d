#!/usr/bin/env python3
"""The hand-written checks measured on publishers their cues were not written on.

The cues of caption-duplicated and copyright-year-mismatch were written on ../shared/corpus/real;
corpus/more holds 199 other publishers. Its silver structure labels (what the markup says, not
editorial judgement: see corpus/more/README.md) give two checkable facts:

- a caption the markup marks that the rendition shows twice (two line spans) is a caption
  repeat, the seed's line 16; a caption-duplicated finding within its lines finds it;
- a visible notice (© or Copyright with a year, outside captions and credits) whose years do
  not cover the page's marked-up publication year is one the check should report.

Silver precision is the share of findings that stand on such a labelled thing; a finding
elsewhere is unconfirmed, not necessarily wrong (a caption the markup does not mark, a date
the markup does not give).
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

MIN_WORDS = 6   # shorter marked captions (a name, "AP") match unrelated lines


def lines_of(spans):
    return {n for a, b in spans for n in range(a, b + 1)}


def caption_repeats(label, rend):
    out = []
    for f in label.get("figures", []):
        spans = f.get(f"caption_{rend}_lines") or []
        if f.get("caption") and f.get("visible", True) and len(f["caption"].split()) >= MIN_WORDS and len(spans) >= 2:
            out.append(lines_of(spans))
    return out


def stale_notices(label):
    """Lines of visible notices whose years miss the publication year; None when the page has no date."""
    ymd = (label.get("published") or {}).get("ymd") or ""
    if len(ymd) < 4 or not ymd[:4].isdigit():
        return None
    year = int(ymd[:4])
    figure_lines = set()
    for f in label.get("figures", []):
        figure_lines |= lines_of(f.get("caption_txt_lines") or []) | lines_of(f.get("credit_txt_lines") or [])
    out = set()
    for n in label.get("notices", []):
        years = n.get("years") or []
        if years and n.get("txt_line") not in figure_lines and not (min(years) <= year <= max(years)):
            out.add(n["txt_line"])
    return out


def evaluate(binary):
    labels = corpus.silver_labels()
    folder = os.path.join(corpus.CORPUS, "more")
    result = {}
    for rend in ("txt", "md"):
        ids = [i for i in labels if os.path.exists(os.path.join(folder, f"{i}.{rend}"))]
        diags, _ = corpus.lint(binary, [os.path.join(folder, f"{i}.{rend}") for i in ids])
        t = {"repeats": 0, "repeats_found": 0, "dup_findings": 0, "dup_on_captions": 0}
        if rend == "txt":
            t.update(stale_pages=0, stale_found=0, year_findings=0, year_on_stale=0, dated_pages=0)
        for i in ids:
            mine = diags.get(os.path.join(folder, f"{i}.{rend}"), [])
            dups = [d for d in mine if d["rule"] == "caption-duplicated"]
            repeats = caption_repeats(labels[i], rend)
            marked = lines_of(sum((f.get(f"caption_{rend}_lines") or [] for f in labels[i].get("figures", [])), []))
            t["repeats"] += len(repeats)
            t["repeats_found"] += sum(any(d["line"] in r for d in dups) for r in repeats)
            t["dup_findings"] += len(dups)
            t["dup_on_captions"] += sum(d["line"] in marked for d in dups)
            if rend == "txt":
                stale = stale_notices(labels[i])
                if stale is None:
                    continue
                t["dated_pages"] += 1
                years = [d for d in mine if d["rule"] == "copyright-year-mismatch"]
                t["stale_pages"] += bool(stale)
                t["stale_found"] += bool(stale) and any(d["line"] in stale for d in years)
                t["year_findings"] += len(years)
                t["year_on_stale"] += sum(d["line"] in stale for d in years)
        result[rend] = t
    return result


def ratio(a, b):
    return f"{a}/{b} ({a / b:.3f})" if b else f"{a}/0"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copydesk", default=os.path.join(corpus.ROOT, ".build", "release", "copydesk"))
    ap.add_argument("--json")
    a = ap.parse_args()
    result = evaluate(os.path.abspath(a.copydesk))
    print("hand-written checks on corpus/more (publishers their cues were not written on; silver labels)")
    for rend, t in result.items():
        print(f"  [{rend:4}] caption-duplicated: captions shown twice found {ratio(t['repeats_found'], t['repeats'])};"
              f" findings on marked captions {ratio(t['dup_on_captions'], t['dup_findings'])}")
        if rend == "txt":
            print(f"  [{rend:4}] copyright-year-mismatch: pages with a stale notice found {ratio(t['stale_found'], t['stale_pages'])}"
                  f" (of {t['dated_pages']} dated pages); findings on stale notices {ratio(t['year_on_stale'], t['year_findings'])}")
    if a.json:
        json.dump(result, open(a.json, "w"), indent=1)


if __name__ == "__main__":
    main()
