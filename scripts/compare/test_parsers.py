"""Parsers and scoring against tiny outputs captured from each tool.

The captures come from scanning three synthetic files (values redacted,
hashed or masked by the tools or by hand):
  sub/app.env  line 3: a GitHub token
  creds.py     line 4: an AWS secret access key
  clean.txt    nothing
Run: python3 -m unittest discover -s scripts/compare
"""

import json
import unittest
from pathlib import Path

import score
from peers import credsweeper, detect_secrets, gitleaks, kingfisher, nospill, ripsecrets, secretlint

DATA = Path(__file__).parent / "testdata"
ROOT = Path("/corpus")
BOTH = {("creds.py", 4), ("sub/app.env", 3)}


def parsed(peer, capture):
    return peer.parse((DATA / capture).read_text(), ROOT)


def locations(peer, capture):
    return [(path, line) for path, line, *_ in parsed(peer, capture)]


class Parsers(unittest.TestCase):
    def test_each_tool_gives_paths_relative_to_the_root_and_1_based_lines(self):
        expected = {
            (nospill, "nospill.json"): BOTH,
            (gitleaks, "gitleaks.json"): BOTH,
            (detect_secrets, "detect_secrets.json"): BOTH,
            (credsweeper, "credsweeper.json"): BOTH,
            (secretlint, "secretlint.json"): BOTH,
            (ripsecrets, "ripsecrets.txt"): BOTH,
            # Kingfisher has no rule for a lone AWS secret key.
            (kingfisher, "kingfisher.json"): {("sub/app.env", 3)},
        }
        for (peer, capture), want in expected.items():
            with self.subTest(peer.NAME):
                self.assertEqual(set(locations(peer, capture)), want)

    def test_findings_are_not_merged_by_the_parser(self):
        # detect-secrets reports three plugins on the AWS line: scoring
        # dedupes locations, the parser does not.
        self.assertEqual(locations(detect_secrets, "detect_secrets.json").count(("creds.py", 4)), 3)

    def test_rule_ids_are_kept_for_the_per_rule_counts(self):
        self.assertIn("github-pat", {rule for _, _, rule in parsed(gitleaks, "gitleaks.json")})
        self.assertIn(
            "@secretlint/secretlint-rule-aws", {rule for _, _, rule in parsed(secretlint, "secretlint.json")}
        )
        self.assertEqual({rule for _, _, rule in parsed(ripsecrets, "ripsecrets.txt")}, {None})

    def test_nospill_marks_only_findings_its_policy_would_raise_as_alerts(self):
        report = [{"file": {"name": "/corpus/a.py"}, "findings": [
            {"rule": "pii.email", "severity": "low", "location": {"line": 1}},
            {"rule": "aws.access_key_id", "severity": "high", "location": {"line": 2}},
        ]}]
        alerts = {rule: alert for _, _, rule, alert in nospill.parse(json.dumps(report), ROOT)}
        self.assertEqual(alerts, {"pii.email": False, "aws.access_key_id": True})

    def test_empty_output_means_no_findings(self):
        for peer in (nospill, gitleaks, detect_secrets, credsweeper, secretlint, ripsecrets, kingfisher):
            with self.subTest(peer.NAME):
                self.assertEqual(peer.parse("", ROOT), [])


class Scoring(unittest.TestCase):
    TRUTH = [
        {"path": "p/1.env", "kind": "positive", "group": "cloud", "line_start": 3, "line_end": 4},
        {"path": "p/2.env", "kind": "positive", "group": "cloud", "line_start": 2, "line_end": 2},
        {"path": "p/3.env", "kind": "positive", "group": "code-hosting", "line_start": 1, "line_end": 1},
        {"path": "n/1.env", "kind": "negative", "group": "cloud", "line_start": 1, "line_end": 1},
        {"path": "n/2.env", "kind": "negative", "group": "cloud", "line_start": 1, "line_end": 1},
    ]

    def test_a_finding_counts_only_on_the_labelled_lines(self):
        s = score.labelled([("p/1.env", 4, "a"), ("p/2.env", 3, "a"), ("n/2.env", 9, "b")], self.TRUTH)
        self.assertEqual((s["found"], s["positives"]), (1, 3))
        self.assertEqual(s["by_group"], {"cloud": {"found": 1, "total": 2}, "code-hosting": {"found": 0, "total": 1}})
        self.assertEqual((s["negatives_flagged_n"], s["negatives"]), (1, 2))
        self.assertEqual(s["negative_findings_by_rule"], {"b": 1})

    def test_a_finding_without_a_line_counts_anywhere_in_its_file(self):
        s = score.labelled([("p/3.env", None, None)], self.TRUTH)
        self.assertEqual(s["found"], 1)


if __name__ == "__main__":
    unittest.main()
