#!/usr/bin/env python3
"""quote-unattributed on publishers its cues were not written on: false alarms and injected defects.

Two measures over ../shared/corpus/more, each split into the publishers whose findings were read
while the cues were written (`DEV_PUBLISHERS`, and every publisher of corpus/real) and the rest
(held out):

- **attributed quotes flagged**: findings a reader judged attributed (`data/quote-labels.jsonl`,
  keyed by page and a hash of the quote's first words; no publisher text is stored), over the
  page's quotations of at least `MIN_WORDS` words (about the ones the check judges: it also sets
  aside titles and words as words); a finding nobody has judged is shown beside them;
- **defects found**: this script's own injections, two kinds, with sentences of its own (not
  those of corpus/mutants): `inserted`, a speakerless quote paragraph after a body paragraph, and
  `removed`, a quote paragraph `“…,” Name said.` whose attribution is cut to `“….”`. Both are
  made only where no adjacent sentence names a speaker (no quotation marks and no speech word
  from `SPEECH` in the paragraphs either side), so that a reader too would find no speaker.

    python3 Training/quote_eval.py [--copydesk BIN] [--show] [--json OUT]
"""
import argparse
import functools
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

RULE = "quote-unattributed"
MIN_WORDS = 4   # the check's min_words: shorter spans are terms, not quotations
# Publishers whose quote findings were read while the session-9 cues were written.
DEV_PUBLISHERS = {"cbc.ca", "lestimes.com", "malaymail.com", "namibian.com.na", "dailystar.co.uk",
                  "standard.co.uk", "inews.co.uk", "thegatewaypundit.com", "newyorker.com",
                  "dailymaverick.co.za", "cnet.com", "politico.com", "time.com"}
# Words that would let a reader attribute a quote next to them; injections avoid their paragraphs.
SPEECH = re.compile(r"\b(said|says|say|told|tells|added|adds|asked|asks|according|explain\w*|stated|states|wrote|"
                    r"writes?|noted|notes|insist\w*|argu\w*|recall\w*|describ\w*|predict\w*|denie[sd]|deny|"
                    r"alleg\w*|claim\w*|warn\w*|suggest\w*|admit\w*|acknowledg\w*|confirm\w*|announc\w*|"
                    r"tweet\w*|posted|spokes\w*|statement|interview\w*)\b", re.I)
QUOTE_MARKS = re.compile("[\"“”„«»]")
INSERTED = [
    "The permits were signed before anyone had read the final survey.",
    "Half the stalls on this road have closed since the spring, and nobody has explained why.",
    "We were promised a bus every ten minutes and we get one an hour.",
    "It took the crews four nights to clear the drains after the storm.",
    "Nobody at the depot knew the trucks had been sold until they were gone.",
    "The second vote changed nothing except the date on the letter.",
    "I have coached here for twelve years and I have never seen the pitch this bad.",
    "They told us the pay rise would come in January, and January came and went.",
]
# `“…,” Mayor Jane Doe said.`, `“…,” she said.`, `“…,” said Doe.`: the attribution is all that follows.
REMOVABLE = re.compile(r"^([“\"][^“”\"]{20,}),([”\"])\s+(?:(?:[A-Z][\w’'.-]*\s+){1,4}(?:said|says)|(?:he|she|they) (?:said|says)"
                       r"|(?:said|says)(?:\s+[A-Z][\w’'.-]*){1,4})\.\s*$")
KEY_WORDS = 8   # the first words that key a quote's label
OPENING = 1 / 3   # insertions go past the first third of the body: among its paragraphs, not in the lede


def quote_key(text):
    words = re.findall(r"\w+", text.lower())[:KEY_WORDS]
    return hashlib.sha1(" ".join(words).encode()).hexdigest()[:12]


def read_labels():
    path = os.path.join(corpus.ROOT, "Training", "data", "quote-labels.jsonl")
    with open(path, encoding="utf-8") as fh:
        return {(l["id"], l["quote"]): l for l in map(json.loads, filter(str.strip, fh))}


@functools.lru_cache(maxsize=None)
def parse(binary, path):
    """`copydesk parse --format json`, once per file."""
    out = subprocess.run([binary, "parse", "--format", "json", path], capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 else None


def paragraphs(text):
    """Blank-line separated paragraphs of a txt or md file, as (first line, last line, text)."""
    out, start, buf = [], None, []
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            start = start or n
            buf.append(line)
        elif buf:
            out.append((start, n - 1, " ".join(buf)))
            start, buf = None, []
    if buf:
        out.append((start, start + len(buf) - 1, " ".join(buf)))
    return out


def quiet(par):
    """A paragraph next to which a quotation has no speaker: no quotation marks, no speech word."""
    return par is not None and not QUOTE_MARKS.search(par) and not SPEECH.search(par)


def body_lines(binary, path):
    """The first lines of the blocks copydesk reads as article body: injections go between them,
    not into chrome, captions or notices."""
    parsed = parse(binary, path) or {}
    return {b["range"]["line"] for b in parsed.get("blocks", []) if b["role"] == "body"}


def injections(binary, page, rend, n):
    """The page's rendition with each defect injected, as (kind, text, line of the defect, the
    paragraph it was placed by)."""
    text = page.text(rend)
    if rend == "html":
        return html_injections(binary, page, text, n)
    lines = text.split("\n")
    starts = body_lines(binary, page.path(rend))
    body = [p for p in paragraphs(text) if p[0] in starts]
    out = []
    for i in range(int(len(body) * OPENING), len(body) - 1):
        _, last, t = body[i]
        if len(t.split()) >= 15 and t.rstrip().endswith(".") and quiet(t) and quiet(body[i + 1][2]):
            quote = "“" + INSERTED[n % len(INSERTED)] + "”"
            out.append(("inserted", "\n".join(lines[:last] + ["", quote] + lines[last:]), last + 2, t))
            break
    for i, (first, last, t) in enumerate(body):
        m = REMOVABLE.match(t)
        if m and first == last and quiet(body[i - 1][2] if i > 0 else None) \
                and quiet(body[i + 1][2] if i + 1 < len(body) else None):
            out.append(("removed", "\n".join(lines[:first - 1] + [m.group(1) + "." + m.group(2)] + lines[last:]), first, t))
            break
    return out


def html_injections(binary, page, text, n):
    """The txt rendition's defects made in the HTML rendition, where its paragraph is found once and
    copydesk reads it as article body (not, say, a reader's comment quoting the story)."""
    out = []
    body = [b["text"] for b in (parse(binary, page.path("html")) or {}).get("blocks", []) if b["role"] == "body"]
    for kind, _, _, anchor in injections(binary, page, "txt", n):
        if not any(anchor.strip()[-40:] in b for b in body):
            continue
        if kind == "inserted":
            tail = anchor.rstrip()[-40:]
            at = text.find(tail)
            close = text.find("</p>", at)
            if at < 0 or text.count(tail) != 1 or close < 0 or close - at > len(tail) + 200:
                continue
            new = text[:close + 4] + "<p>“" + INSERTED[n % len(INSERTED)] + "”</p>" + text[close + 4:]
            out.append((kind, new, new[:close + 4].count("\n") + 1, anchor))
        else:
            m = REMOVABLE.match(anchor)
            at = text.find(anchor.strip())
            if at < 0 or text.count(anchor.strip()) != 1:
                continue
            new = text[:at] + m.group(1) + "." + m.group(2) + text[at + len(anchor.strip()):]
            out.append((kind, new, new[:at].count("\n") + 1, anchor))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copydesk", default=os.path.join(corpus.ROOT, ".build", "release", "copydesk"))
    ap.add_argument("--show", action="store_true", help="print each finding and each missed defect")
    ap.add_argument("--json", help="also write the figures here, by side and rendition")
    args = ap.parse_args()
    figures = defaultdict(dict)
    labels = read_labels()
    pages = [p for p in corpus.pages() if p.source == "more"]
    real_publishers = {p.publisher for p in corpus.pages() if p.source == "real"}
    side = lambda p: "dev" if p.publisher in DEV_PUBLISHERS | real_publishers else "heldout"
    print("quote-unattributed on corpus/more: attributed quotes flagged | injected defects found")
    with ThreadPoolExecutor(os.cpu_count()) as pool:   # every parse the measures need, in parallel
        list(pool.map(lambda path: parse(args.copydesk, path), [p.path(r) for p in pages for r in corpus.RENDITIONS]))
    for rend in corpus.RENDITIONS:
        found, _ = corpus.lint(args.copydesk, [p.path(rend) for p in pages])
        flagged, unattributed, unjudged, quotes = Counter(), Counter(), Counter(), Counter()
        for p in pages:
            parsed = parse(args.copydesk, p.path(rend)) or {}
            quotes[side(p)] += sum(1 for q in parsed.get("quotations", []) if len(q["text"].split()) >= MIN_WORDS)
            for d in found.get(p.path(rend), []):
                if d["rule"] != RULE:
                    continue
                label = labels.get((p.id, quote_key(d["excerpt"])))
                if label is None:
                    unjudged[side(p)] += 1
                elif label["attributed"]:
                    flagged[side(p)] += 1
                else:
                    unattributed[side(p)] += 1
                if args.show:
                    print(f"  {rend} {p.id}:{d['line']} {label and label['reason'] or 'unjudged'} "
                          f"{quote_key(d['excerpt'])} {d['excerpt'][:70]}")
        hits, tries = Counter(), Counter()
        with tempfile.TemporaryDirectory() as tmp:
            made = []
            for n, p in enumerate(pages):
                for kind, text, line, _ in injections(args.copydesk, p, rend, n):
                    path = os.path.join(tmp, f"{p.id}~{kind}.{rend}")
                    with open(path, "w", encoding="utf-8") as fh:
                        fh.write(text)
                    made.append((p, kind, path, line))
            lint, _ = corpus.lint(args.copydesk, [m[2] for m in made])
            for p, kind, path, line in made:
                tries[side(p), kind] += 1
                if any(d["rule"] == RULE and d["line"] == line for d in lint.get(path, [])):
                    hits[side(p), kind] += 1
                elif args.show:
                    print(f"  missed {kind} {rend} {p.id}:{line}")
        print(f"  [{rend:4}]")
        for s in ("heldout", "dev"):
            rate = flagged[s] / quotes[s] if quotes[s] else 0
            inj = ", ".join(f"{k} {hits[s, k]}/{tries[s, k]}" for k in ("inserted", "removed"))
            print(f"    {s:7} attributed flagged {flagged[s]}/{quotes[s]} ({rate:.3f}); unjudged {unjudged[s]}; "
                  f"judged unattributed {unattributed[s]} | {inj}")
            figures[s][rend] = {"quotes": quotes[s], "flagged": flagged[s], "unattributed": unattributed[s],
                                "unjudged": unjudged[s],
                                **{f"{k}_{m}": v[s, k] for k in ("inserted", "removed")
                                   for m, v in (("found", hits), ("made", tries))}}
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(figures, fh, indent=1)


if __name__ == "__main__":
    main()
