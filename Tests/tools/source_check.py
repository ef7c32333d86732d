#!/usr/bin/env python3
"""Checks copydesk's source positions and fixes against the source itself, independently of its parsers.

  source_check.py positions --copydesk BIN FILE...
      Lints the files; renders every finding's source range as visible text (copied text: as it is; HTML: code elements and
      comments dropped, tags removed, references decoded; Markdown: link targets, emphasis marks and
      backslashes removed; front matter: YAML quoting undone) and compares it with the finding's
      excerpt, white space ignored. Prints JSON: {"checked": N, "wrong": [...]}.

  source_check.py fix --copydesk BIN FOLDER
      Runs `copydesk lint --fix` over FOLDER (a copy: it is rewritten) twice and compares, file by
      file, what no fix may touch: in HTML every tag (attributes included), <script>, <style> and
      <template> content and comments; in Markdown code spans, code blocks and front-matter keys.
      Prints JSON: {"files": N, "changed": N, "touched": [...], "second_pass_changed": [...],
      "unparsable": [...]}.
"""
import argparse
import glob
import html
import json
import os
import re
import subprocess
import sys

CODE_ELEMENTS = re.compile(r"(?is)<(script|style|svg|template|noscript)\b.*?</\1\s*>|<!--.*?-->")
TAG = re.compile(r"<[^>]*>")
MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
MD_LINK_TARGET = re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)")


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def front_matter_end(lines):
    """The number of lines front matter takes (fences included), 0 without any."""
    if not lines or lines[0].rstrip("\r") != "---":
        return 0
    for i, line in enumerate(lines[1:], 2):
        if line.rstrip("\r") in ("---", "..."):
            return i
    return 0


def source_lines(text):
    """Lines as editors and LSP count them: ended by LF, CR LF (the CR stays a column) or a lone CR."""
    return re.split(r"\n|\r(?!\n)", text)


def source_slice(lines, d):
    """The source text of a finding's range (lines as editors count them; columns count code points)."""
    l1, c1, l2, c2 = d["line"], d["column"], d["endLine"], d["endColumn"]
    if l1 == l2:
        return lines[l1 - 1][c1 - 1:c2 - 1]
    return "\n".join([lines[l1 - 1][c1 - 1:]] + lines[l1:l2 - 1] + [lines[l2 - 1][:c2 - 1]])


def visible(path, lines, d):
    src = source_slice(lines, d)
    if path.endswith(".txt"):
        return src
    if path.endswith((".html", ".htm")):
        return html.unescape(TAG.sub(" ", CODE_ELEMENTS.sub(" ", src)))
    if d["line"] <= front_matter_end(lines):
        return src.replace('\\"', '"').replace("''", "'")
    escaped = []

    def keep(m):
        escaped.append(m.group(1))
        return "\0%d\0" % (len(escaped) - 1)
    src = MD_ESCAPE.sub(keep, src)
    src = MD_LINK_TARGET.sub("", src)
    src = re.sub(r"!?\[|\]", "", src)
    src = re.sub(r"[*_`]", "", src)
    src = re.sub(r"(?m)^\s*(#+|>)\s*", "", src)
    src = html.unescape(src)
    return re.sub(r"\0(\d+)\0", lambda m: escaped[int(m.group(1))], src)


def squash(text):
    return "".join(text.replace("\u00a0", " ").split())


def lint(binary, paths, *extra):
    out = subprocess.run([binary, "lint", "--format", "json", "--jobs", "2", *extra, *paths],
                         capture_output=True, text=True)
    if not out.stdout.strip():
        sys.exit(f"copydesk printed nothing (exit {out.returncode}): {out.stderr[-500:]}")
    return json.loads(out.stdout), out.returncode


def positions(binary, paths):
    data, _ = lint(binary, paths)
    checked, wrong = 0, []
    for f in data["files"]:
        if not f.get("diagnostics"):
            continue
        lines = source_lines(read(f["path"]))
        for d in f["diagnostics"]:
            checked += 1
            excerpt, seen = squash(d["excerpt"]), squash(visible(f["path"], lines, d))
            cut = excerpt.endswith("…") and seen.startswith(excerpt[:-1])
            if excerpt != seen and not cut:
                wrong.append({"path": f["path"], "rule": d["rule"], "line": d["line"], "column": d["column"],
                              "excerpt": d["excerpt"][:100], "visible": visible(f["path"], lines, d)[:100]})
    return {"checked": checked, "wrong": wrong}


def protected(path, text):
    """What no fix may change in a file, as a list of strings in source order."""
    if path.endswith((".html", ".htm")):
        return [m.group(0) for m in CODE_ELEMENTS.finditer(text)] + TAG.findall(CODE_ELEMENTS.sub("", text))
    lines = text.split("\n")
    fm = front_matter_end(lines)
    keys = [l.split(":", 1)[0] for l in lines[:fm] if ":" in l]
    body = "\n".join(lines[fm:])
    fences = re.findall(r"(?ms)^ {0,3}(```|~~~).*?^ {0,3}\1", body)
    spans = re.findall(r"`[^`\n]+`", re.sub(r"(?ms)^ {0,3}(```|~~~).*?^ {0,3}\1", "", body))
    return keys + fences + spans


def fix(binary, folder):
    paths = sorted(p for p in glob.glob(os.path.join(folder, "**", "*"), recursive=True)
                   if p.endswith((".html", ".htm", ".md")))
    before = {p: read(p) for p in paths}
    subprocess.run([binary, "lint", "--fix", "--jobs", "2", *paths], capture_output=True, text=True)
    after = {p: read(p) for p in paths}
    subprocess.run([binary, "lint", "--fix", "--jobs", "2", *paths], capture_output=True, text=True)
    again = {p: read(p) for p in paths}
    data, _ = lint(binary, paths)
    return {
        "files": len(paths),
        "changed": sum(before[p] != after[p] for p in paths),
        "touched": [p for p in paths if protected(p, before[p]) != protected(p, after[p])],
        "second_pass_changed": [p for p in paths if after[p] != again[p]],
        "unparsable": [f["path"] for f in data["files"] if f.get("error")],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["positions", "fix"])
    ap.add_argument("--copydesk", required=True)
    ap.add_argument("paths", nargs="+")
    a = ap.parse_args()
    result = positions(a.copydesk, a.paths) if a.mode == "positions" else fix(a.copydesk, a.paths[0])
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
