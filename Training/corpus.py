"""The evaluation corpus: pages of ../shared/corpus grouped by publisher, and copydesk run over them.

Every figure this project reports is measured on publishers a model was not fitted on, so the
unit of splitting is the publisher (the registered domain of the page's URL), never the page.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("COPYDESK_SHARED", os.path.join(ROOT, "..", "shared"))
CORPUS = os.path.join(SHARED, "corpus")
RENDITIONS = ("txt", "md", "html")

sys.path.insert(0, os.path.join(SHARED, "tools"))
import score  # noqa: E402,F401  the scorer's own matching and normalisation, used as corpus.score

# Second-level labels under which a registered domain has three labels (news.bbc.co.uk -> bbc.co.uk).
SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu"}


def publisher_of(url):
    """The registered domain of `url`, as corpus/more's README defines a publisher."""
    host = url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def read_manifest(folder):
    with open(os.path.join(folder, "MANIFEST.tsv"), newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


class Page:
    def __init__(self, pid, folder, publisher, source):
        self.id, self.folder, self.publisher, self.source = pid, folder, publisher, source

    def path(self, rend):
        return os.path.join(self.folder, f"{self.id}.{rend}")

    def text(self, rend):
        with open(self.path(rend), encoding="utf-8", errors="replace") as fh:
            return fh.read()


def pages():
    """Every page of real/ (gold labels) and more/ (silver labels), with its publisher."""
    out = []
    real = os.path.join(CORPUS, "real")
    for row in read_manifest(real):
        out.append(Page(row["id"], real, publisher_of(row["url"]), "real"))
    more = os.path.join(CORPUS, "more")
    for row in read_manifest(more):
        out.append(Page(row["id"], more, row.get("publisher") or publisher_of(row["url"]), "more"))
    return out


def mutants(real_pages):
    """The `nocredit` variants of the real pages (a figure's credit removed), each with the
    publisher of the page it was made from and the caption that lost its credit."""
    folder = os.path.join(CORPUS, "mutants")
    by_id = {p.id: p for p in real_pages}
    out = []
    with open(os.path.join(folder, "labels.jsonl"), encoding="utf-8") as fh:
        for label in map(json.loads, filter(str.strip, fh)):
            base, _, kind = label["id"].partition("~")
            if kind != "nocredit" or base not in by_id:
                continue
            page = Page(label["id"], folder, by_id[base].publisher, "mutant")
            page.injected = label["injected"]["text"]
            out.append(page)
    return out


def folds(items, k, key=lambda p: p.publisher):
    """Assigns each publisher to one of `k` folds, balancing the number of pages; deterministic."""
    groups = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    sizes = [0] * k
    fold_of = {}
    for name in sorted(groups, key=lambda g: (-len(groups[g]), g)):
        f = min(range(k), key=lambda i: (sizes[i], i))
        fold_of[name] = f
        sizes[f] += len(groups[name])
    return fold_of


def gold_labels():
    with open(os.path.join(CORPUS, "labels", "dev.jsonl"), encoding="utf-8") as fh:
        return {l["id"]: l for l in map(json.loads, filter(str.strip, fh))}


def silver_labels():
    with open(os.path.join(CORPUS, "more", "structure.jsonl"), encoding="utf-8") as fh:
        return {l["id"]: l for l in map(json.loads, filter(str.strip, fh))}


def lint(binary, paths, config_text=None, jobs=2):
    """`copydesk lint --format json` over `paths`; diagnostics by path, and the run's exit code."""
    with tempfile.TemporaryDirectory() as tmp:
        args = [binary, "lint", "--format", "json", "--jobs", str(jobs)]
        if config_text is not None:
            cfg = os.path.join(tmp, "copydesk.yml")
            with open(cfg, "w") as fh:
                fh.write(config_text)
            args += ["--config", cfg]
        out = subprocess.run(args + list(paths), capture_output=True, text=True, timeout=3600)
    try:
        data = json.loads(out.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"copydesk printed no JSON (exit {out.returncode}): {out.stderr[-1000:]}")
    return {f["path"]: f.get("diagnostics", []) for f in data.get("files", [])}, out.returncode
