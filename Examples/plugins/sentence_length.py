#!/usr/bin/env python3
"""A Copydesk plugin: flags body sentences longer than `max_words` (default 35).

Protocol (docs/plugins.md): a JSON request on standard input, with the parsed article,
the rule's options and the indices of the blocks in the rule's scope; a JSON response
on standard output: {"protocol": 1, "diagnostics": [...]}, each diagnostic placed by
block index and Unicode code point offsets into that block's text.
"""
import json
import re
import sys

SENTENCE_END = re.compile(r'(?:(?<=[.!?])|(?<=[.!?]["”’)]))\s+(?=["“‘(]?[A-Z0-9])')


def sentences(text):
    """(start, end) offsets of the sentences of a paragraph."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def check(request):
    options = request.get("options") or {}
    limit = int(options.get("max_words", 35))
    blocks = request["article"]["blocks"]
    diagnostics = []
    for index in request.get("scope", range(len(blocks))):
        block = blocks[index]
        if block["role"] not in ("body", "blockquote"):
            continue
        text = block["text"]
        for start, end in sentences(text):
            words = len(text[start:end].split())
            if words > limit:
                diagnostics.append({
                    "message": f"Sentence of {words} words; keep it under {limit + 1}",
                    "block": index, "start": start, "end": end,
                    "excerpt": text[start:end][:200],
                })
    return {"protocol": 1, "diagnostics": diagnostics}


def main():
    request = json.load(sys.stdin)
    if request.get("protocol") != 1:
        sys.stderr.write(f"unsupported protocol {request.get('protocol')!r}\n")
        return 2
    json.dump(check(request), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
