#!/usr/bin/env python3
"""Regenerates invalid/*.yaml: each fixture is base.yaml with one defect.

The header line `# expect: CODE at LINE PATH` says which finding the test must see;
LINE is computed here from the marker line, so editing the base keeps fixtures right.
Run: python3 Tests/SargsCoreTests/Fixtures/make-invalid.py
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = open(os.path.join(HERE, "base.yaml"), encoding="utf-8").read()

def fixture(name, replacements, expectations, severity="error"):
    text = BASE
    for old, new in replacements:
        assert old in text, (name, old)
        text = text.replace(old, new, 1)
    header = []
    lines = text.split("\n")
    for code, marker, path in expectations:
        if marker is None:
            line = 0
        else:
            text_marker, _, nth = marker.partition("#")
            matches = [i + 1 for i, l in enumerate(lines) if text_marker in l]
            assert len(matches) >= int(nth or 1), (name, marker)
            line = matches[int(nth or 1) - 1]
        header.append(f"# expect: {code} at {line + len(expectations)} {path}" if line else f"# expect: {code} at 0 {path}")
    out = "\n".join(header) + "\n" + text
    with open(os.path.join(HERE, "invalid", name + ".yaml"), "w", encoding="utf-8") as f:
        f.write(out)

P = "  - id: newsletter\n"
fixture("unknown-key", [("    retention: service-period\n", "    retention: service-period\n    chanels: [email]\n")],
        [("unknown-key", "chanels", "purposes[0].chanels")])
fixture("undeclared-reference", [("    categories: [user.contact.email]\n    retention: service-period", "    categories: [user.contact.email, user.contact.phone_number]\n    retention: service-period")],
        [("undeclared-reference", "user.contact.phone_number]", "purposes[0].categories[1]")])
fixture("missing-channels", [("    channels: [email]\n", "")],
        [("missing-channels", P.strip(), "purposes[1].channels")])
fixture("special-category-without-condition", [("  - key: user.contact.email\n", "  - key: user.contact.email\n  - key: user.health_and_medical\n"),
        ("    categories: [user.contact.email]\n    retention: service-period", "    categories: [user.contact.email, user.health_and_medical]\n    retention: service-period")],
        [("special-category-without-condition", "  - id: service", "purposes[0].special_category_condition")])
fixture("missing-legitimate-interest", [("    legal_basis: contract\n", "    legal_basis: legitimate_interests\n")],
        [("missing-legitimate-interest", "  - id: service", "purposes[0].legitimate_interest")])
fixture("consent-retention-outlives-consent", [("    retention: until-withdrawn\n", "    retention: service-period\n")],
        [("consent-retention-outlives-consent", "retention: service-period#2", "purposes[1].retention")])
fixture("retention-period-missing", [("    period: P3Y\n", "")],
        [("retention-period-missing", "  - id: service-period", "retention_rules[0].period")])
fixture("invalid-duration", [("    period: P3Y\n", "    period: 3 years\n")],
        [("invalid-duration", "period: 3 years", "retention_rules[0].period")])
fixture("transfer-without-safeguard", [("    countries: [LV]\n", "    countries: [LV, US]\n")],
        [("transfer-without-safeguard", "countries: [LV, US]", "recipients[0].countries")])
fixture("missing-translation", [("      lv: Pakalpojuma sniegšana\n", "")],
        [("missing-translation", "      en: Providing the service", "purposes[0].label.lv")])
fixture("neutral-translatable-text", [("    description:\n      en: We use your e-mail address to provide the service.\n      lv: Mēs izmantojam jūsu e-pasta adresi pakalpojuma sniegšanai.\n",
                                       "    description: We use your e-mail address to provide the service.\n")],
        [("missing-translation", "description: We use", "purposes[0].description")])
fixture("authoritative-language-undeclared", [("authoritative_language: lv", "authoritative_language: ru")],
        [("authoritative-language-undeclared", "authoritative_language", "authoritative_language")])
fixture("duplicate-purpose", [("  - id: newsletter\n", "  - id: service\n")],
        [("duplicate-key", "  - id: service#2", "purposes[1].id")])
fixture("duplicate-yaml-key", [("    legal_basis: contract\n", "    legal_basis: contract\n    legal_basis: consent\n")],
        [("duplicate-key", "legal_basis: contract", "")])
fixture("minimum-age-below-child-consent-age", [("  minimum_age: 16\n", "  minimum_age: 10\n")],
        [("minimum-age-below-child-consent-age", "minimum_age: 10", "rules.minimum_age")])
fixture("unsupported-language", [("languages: [en, lv]", "languages: [en, lv, de]")],
        [("unsupported-language", "languages: [en, lv, de]", "languages[2]")])
fixture("unknown-taxonomy-key", [("  - key: user.contact.email\n", "  - key: user.contact.email\n  - key: user.contakt.fax\n")],
        [("unknown-taxonomy-key", "user.contakt.fax", "data_categories[1].key")])
fixture("yaml-syntax", [("    legal_basis: contract\n", "   legal_basis: contract\n")],
        [("yaml-syntax", "   legal_basis: contract", "")])
fixture("missing-key", [("    retention: service-period\n", "")],
        [("missing-key", "  - id: service", "purposes[0].retention")])
fixture("wrong-type", [("languages: [en, lv]", "languages: en")],
        [("wrong-type", "languages: en", "languages")])
fixture("missing-member-state", [("  member_state: LV\n", "")],
        [("missing-key", "  profile: eu-gdpr", "jurisdiction")])
fixture("no-dpo-warning", [("dpo:\n  email: dpo@example.lv\n", "")],
        [("no-dpo", None, "dpo")])
fixture("many-errors", [("    legal_basis: contract\n", "    legal_basis: contrakt\n"), ("    period: P3Y\n", "    period: 3Y\n"),
                        ("    retention: service-period\n", "    retention: service-period\n    chanels: [email]\n")],
        [("invalid-value", "contrakt", "purposes[0].legal_basis"), ("invalid-duration", "period: 3Y", "retention_rules[0].period"),
         ("unknown-key", "chanels", "purposes[0].chanels")])
print("fixtures written")
