#!/usr/bin/env python3
"""Validates every example policy against the JSON Schema that `sargs policy schema` prints,
with an independent validator (the `jsonschema` package, draft 2020-12), and checks that
structurally broken fixtures are rejected by it, so the check can fail.

Usage: python3 scripts/check-schema.py SCHEMA.json
"""
import datetime, glob, json, os, sys

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Fixtures whose defect is structural, so the schema alone must reject them.
MUST_FAIL = ["unknown-key", "wrong-type", "invalid-duration", "missing-key", "many-errors"]

def as_json(value):
    """YAML dates become ISO strings, as YAML-aware editors treat them."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value

def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    passed, failed = 0, 0
    examples = sorted(glob.glob(os.path.join(ROOT, "examples", "**", "*.yaml"), recursive=True))
    for path in examples:
        errors = list(validator.iter_errors(as_json(yaml.safe_load(open(path, encoding="utf-8")))))
        name = os.path.relpath(path, ROOT)
        if errors:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]))
        else:
            passed += 1
            print(f"ok   {name} conforms to the schema")
    for fixture in MUST_FAIL:
        path = os.path.join(ROOT, "Tests", "SargsCoreTests", "Fixtures", "invalid", fixture + ".yaml")
        errors = list(validator.iter_errors(as_json(yaml.safe_load(open(path, encoding="utf-8")))))
        if errors:
            passed += 1
            print(f"ok   {fixture}.yaml is rejected by the schema ({errors[0].message})")
        else:
            failed += 1
            print(f"FAIL {fixture}.yaml should be rejected by the schema but is accepted")
    print(f"schema: {passed} passed, {failed} failed")
    sys.exit(1 if failed or not examples else 0)

if __name__ == "__main__":
    main()
