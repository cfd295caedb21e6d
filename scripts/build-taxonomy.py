#!/usr/bin/env python3
"""Rebuilds Sources/SargsCore/Resources/taxonomy/fideslang.json.

Keys, parents and English names come from the `fideslang` package on PyPI
(ethyca/fideslang, taxonomy licensed CC BY 4.0). Labels in the six notice
languages come from scripts/taxonomy-labels.psv, written by the Sargs team.
Usage: python3 scripts/build-taxonomy.py [fideslang-version]
"""
import ast, glob, json, os, subprocess, sys, tempfile, zipfile

VERSION = sys.argv[1] if len(sys.argv) > 1 else "3.1.4"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = ["en", "lv", "lt", "et", "uk", "ru"]
# GDPR Article 9(1) special categories among the default keys.
SPECIAL = ["user.biometric", "user.authorization.biometric", "user.demographic.political_opinion",
           "user.demographic.race_ethnicity", "user.demographic.religious_belief",
           "user.demographic.sexual_orientation", "user.health_and_medical"]

def taxonomy_items(source):
    items = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            kw = {k.arg: k.value for k in node.keywords if k.arg}
            if isinstance(kw.get("fides_key"), ast.Constant):
                items.append({f: ast.literal_eval(kw[f]) for f in ("fides_key", "name", "parent_key") if f in kw})
    return items

def main():
    work = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", work, f"fideslang=={VERSION}"], check=True)
    wheel = zipfile.ZipFile(glob.glob(os.path.join(work, "*.whl"))[0])
    read = lambda name: wheel.read(f"fideslang/default_taxonomy/{name}.py").decode()
    labels = {}
    for line in open(os.path.join(ROOT, "scripts", "taxonomy-labels.psv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            parts = line.rstrip("\n").split("|")
            labels[parts[0]] = dict(zip(LANGS, parts[1:]))
    special = lambda key: any(key == s or key.startswith(s + ".") for s in SPECIAL)
    out = {
        "source": f"fideslang {VERSION} default taxonomy (ethyca/fideslang, CC BY 4.0); labels written by the Sargs team",
        "data_categories": [{"key": c["fides_key"], "parent": c.get("parent_key"), "name": c["name"],
                             "special": special(c["fides_key"]), "labels": labels[c["fides_key"]]}
                            for c in taxonomy_items(read("data_categories"))],
        "data_uses": [{"key": u["fides_key"], "parent": u.get("parent_key"), "name": u["name"]}
                      for u in taxonomy_items(read("data_uses"))],
        "data_subjects": [{"key": s["fides_key"], "name": s["name"], "labels": labels["@" + s["fides_key"]]}
                          for s in taxonomy_items(read("data_subjects"))],
    }
    target = os.path.join(ROOT, "Sources", "SargsCore", "Resources", "taxonomy", "fideslang.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(out['data_categories'])} categories, {len(out['data_uses'])} uses, {len(out['data_subjects'])} subjects")

if __name__ == "__main__":
    main()
