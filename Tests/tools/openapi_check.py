"""Validates answers of `copydesk serve` against docs/openapi.yaml, with jsonschema.

Usage: openapi_check.py SPEC METHOD PATH STATUS FILE [METHOD PATH STATUS FILE ...]
Each FILE holds the body the server answered METHOD PATH with, STATUS its status. Prints one line
per answer that does not match the document (its path, method and status must be documented,
with a JSON schema); exits 1 if any, 0 when all match.
"""
import json
import sys

import yaml
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

spec = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
assert spec.get("openapi", "").startswith("3."), "not an OpenAPI 3 document"
registry = Registry().with_resource("spec", Resource.from_contents(spec, default_specification=DRAFT7))
# the document's own schemas must be valid schemas
for name, schema in spec["components"]["schemas"].items():
    Draft7Validator.check_schema(schema)

failures = []
args = sys.argv[2:]
for method, path, status, file in zip(args[0::4], args[1::4], args[2::4], args[3::4]):
    operation = spec["paths"].get(path.split("?")[0], {}).get(method.lower())
    if operation is None:
        failures.append(f"{method} {path}: not in the document")
        continue
    response = operation["responses"].get(status)
    if response is None:
        failures.append(f"{method} {path}: status {status} not documented")
        continue
    content = response.get("content", {})
    body = open(file, encoding="utf-8").read()
    if "application/json" not in content:
        continue
    pointer = json.dumps(content["application/json"]["schema"])
    schema = json.loads(pointer.replace('"#/components', '"spec#/components'))
    for error in Draft7Validator(schema, registry=registry).iter_errors(json.loads(body)):
        failures.append(f"{method} {path} {status}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
for line in failures:
    print(line)
sys.exit(1 if failures else 0)
