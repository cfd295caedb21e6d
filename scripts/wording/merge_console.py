#!/usr/bin/env python3
"""Merges the console's wording (scripts/wording/console_<lang>.json) into the six catalogues in
Sources/SargsCore/Resources/notice/<lang>.json. Run from the repository root after editing them.
"""
import json
import pathlib

here = pathlib.Path("scripts/wording")
root = pathlib.Path("Sources/SargsCore/Resources/notice")
english = json.loads((here / "console_en.json").read_text(encoding="utf-8"))
for language in ["en", "lv", "lt", "et", "uk", "ru"]:
    texts = json.loads((here / f"console_{language}.json").read_text(encoding="utf-8"))
    missing = set(english) - set(texts)
    if missing:
        raise SystemExit(f"console_{language}.json lacks {sorted(missing)}")
    path = root / f"{language}.json"
    catalogue = json.loads(path.read_text(encoding="utf-8"))
    for key in english:
        catalogue[key] = texts[key]
    path.write_text(json.dumps(catalogue, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"merged {len(english)} console keys into 6 catalogues")
