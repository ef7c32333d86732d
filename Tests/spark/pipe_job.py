"""Copydesk as a mapper under Apache Spark (local mode): an archive of articles as JSON lines,
piped through `copydesk lint --input jsonl --format jsonl` with `rdd.pipe`, every result
checked against the plain command line on the same file.

Usage: pipe_job.py COPYDESK CORPUS_FOLDER ARTICLES
Prints one summary line; exits 1 on any difference.
"""
import json
import os
import subprocess
import sys
import tempfile

from pyspark.sql import SparkSession

copydesk, corpus, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
pages = sorted(f for f in os.listdir(corpus) if f.rsplit(".", 1)[-1] in ("txt", "md", "html"))

# what the plain command line finds in each page, run from the corpus folder
plain = json.loads(subprocess.run([copydesk, "lint", "--format", "json", *pages], cwd=corpus,
                                  capture_output=True, text=True).stdout)
expected = {f["path"]: f["diagnostics"] for f in plain["files"]}

with tempfile.TemporaryDirectory() as work:
    archive = os.path.join(work, "archive.jsonl")
    with open(archive, "w", encoding="utf-8") as out:
        for i in range(count):
            name = pages[i % len(pages)]
            text = open(os.path.join(corpus, name), encoding="utf-8").read()
            out.write(json.dumps({"id": i, "path": name, "text": text}) + "\n")
        out.write("{\"id\": \"broken\", \"text\": \n")   # malformed: it gets an error line of its own

    spark = SparkSession.builder.master("local[2]").appName("copydesk-archive").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        results = (spark.sparkContext.textFile(archive, minPartitions=8)
                   .pipe(f"{copydesk} lint --input jsonl --format jsonl --jobs 1")
                   .map(json.loads).collect())
    finally:
        spark.stop()

by_id = {r.get("id"): r for r in results}
problems = []
if len(results) != count + 1:
    problems.append(f"{len(results)} result lines for {count + 1} input lines")
for i in range(count):
    result = by_id.get(i)
    name = pages[i % len(pages)]
    if result is None:
        problems.append(f"article {i} ({name}) came back without a result")
    elif result.get("path") != name or result.get("diagnostics") != expected[name]:
        problems.append(f"article {i} ({name}): findings differ from the command line")
errors = [r for r in results if "error" in r]
if len(errors) != 1 or "line" not in errors[0]:
    problems.append(f"the malformed line got {errors!r}, not one error line")
findings = sum(len(r.get("diagnostics", [])) for r in results)
for line in problems[:20]:
    print(line)
print(f"spark local[2]: {count} articles through rdd.pipe, {len(results)} result lines, {findings} findings, "
      f"{len(problems)} differences from the command line")
sys.exit(1 if problems else 0)
