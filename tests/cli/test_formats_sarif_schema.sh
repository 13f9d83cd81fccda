#!/usr/bin/env bash
# The SARIF output validates against the OASIS SARIF 2.1.0 schema (a copy is
# in tests/cli/formats/sarif-schema-2.1.0.json), with findings, without, and
# with the matches shown. Needs python3-jsonschema (scripts/setup.sh).
set -euo pipefail
bin=$1
src=$2
dir=$src/tests/cli/formats
export POLICYCHECK_FINGERPRINT_KEY=policycheck-golden-test-key
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
policy=(--no-config --no-default-policy --policy "$dir/policy.yaml")
cd "$dir"
"$bin" check "${policy[@]}" -f sarif --fail-on never input/newsletter.md input/second.txt > "$work/findings.sarif"
printf 'nothing to see\n' > "$work/clean.txt"
"$bin" check "${policy[@]}" -f sarif "$work/clean.txt" > "$work/clean.sarif"
"$bin" check "${policy[@]}" -f sarif --show-matches --fail-on never input/second.txt > "$work/shown.sarif"
/usr/bin/env python3 - "$dir/sarif-schema-2.1.0.json" "$work"/*.sarif <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft4Validator(schema)
bad = 0
for path in sys.argv[2:]:
    log = json.load(open(path))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for e in errors[:10]:
        print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
    bad += len(errors)
    # What GitHub needs beyond the schema (outputs reference, section 1).
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints", path
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"], rule["id"]
        assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error"), rule["id"]
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startColumn"] >= 1 and region["endColumn"] >= 1, result
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "://" not in uri, uri
        assert result["partialFingerprints"]["policycheck/v1"], result
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"], result
sys.exit(1 if bad else 0)
PY
echo "SARIF valid against the 2.1.0 schema"
