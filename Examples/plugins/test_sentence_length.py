"""Tests for the example plugin: run with `python3 -m unittest` in this folder."""
import json
import subprocess
import sys
import unittest
from pathlib import Path

import sentence_length

HERE = Path(__file__).resolve().parent


def request(texts, max_words=5):
    blocks = [{"index": i, "role": "body", "text": t} for i, t in enumerate(texts)]
    return {"protocol": 1, "options": {"max_words": max_words}, "scope": list(range(len(blocks))),
            "article": {"blocks": blocks}}


class SentenceLengthTest(unittest.TestCase):
    def test_flags_only_long_sentences_with_offsets(self):
        text = "Short one here. This sentence has far too many words in it for the limit."
        result = sentence_length.check(request([text]))
        self.assertEqual(len(result["diagnostics"]), 1)
        d = result["diagnostics"][0]
        self.assertEqual(text[d["start"]:d["end"]], "This sentence has far too many words in it for the limit.")
        self.assertEqual(d["block"], 0)

    def test_respects_scope_and_roles(self):
        req = request(["One two three four five six seven."])
        req["article"]["blocks"][0]["role"] = "caption"
        self.assertEqual(sentence_length.check(req)["diagnostics"], [])
        req = request(["One two three four five six seven."])
        req["scope"] = []
        self.assertEqual(sentence_length.check(req)["diagnostics"], [])

    def test_speaks_the_protocol_over_stdin_and_stdout(self):
        out = subprocess.run([sys.executable, str(HERE / "sentence_length.py")], input=json.dumps(request(["a b c d e f g."])),
                             capture_output=True, text=True, check=True)
        response = json.loads(out.stdout)
        self.assertEqual(response["protocol"], 1)
        self.assertEqual(len(response["diagnostics"]), 1)

    def test_refuses_an_unknown_protocol(self):
        out = subprocess.run([sys.executable, str(HERE / "sentence_length.py")], input=json.dumps({"protocol": 99}),
                             capture_output=True, text=True)
        self.assertNotEqual(out.returncode, 0)


if __name__ == "__main__":
    unittest.main()
