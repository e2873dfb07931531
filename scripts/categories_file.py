"""Reading and writing src/classifier/data/categories.json, the built-in feedback categories.

The file is the same JSON format users load with `--config` (earshot::Config): the cue
patterns are written by hand; the weights of the categories fitted by scripts/fit_categories.py
are written by that script. A cue group's "kind" (cue, guard or context) is written only when it is
not "cue"; a category's "rating" weights only when they are not zero. `dump` lays the file out the same way every time (one cue group per
line, patterns in file order), so a regenerated file diffs cleanly.
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATH = os.path.join(ROOT, "src", "classifier", "data", "categories.json")


def load(path=PATH):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _num(x):
    # Shortest text that reads back as the same float; integers without ".0" noise.
    return json.dumps(x)


def dump(config):
    out = ["{"]
    out.append(f'  "comment": {json.dumps(config["comment"], ensure_ascii=False)},')
    out.append('  "categories": [')
    cats = config["categories"]
    for ci, c in enumerate(cats):
        out.append("    {")
        out.append(f'      "label": {json.dumps(c["label"])},')
        out.append(f'      "description": {json.dumps(c["description"], ensure_ascii=False)},')
        out.append(f'      "bias": {_num(c["bias"])},')
        if c.get("threshold", 0.5) != 0.5:
            out.append(f'      "threshold": {_num(c["threshold"])},')
        s = c.get("sentiment", {})
        out.append(f'      "sentiment": {{"negative": {_num(s.get("negative", 0.0))}, "positive": {_num(s.get("positive", 0.0))}}},')
        r = c.get("rating", {})
        if r.get("rated", 0.0) or r.get("low", 0.0) or r.get("high", 0.0):
            out.append(f'      "rating": {{"rated": {_num(r.get("rated", 0.0))}, "low": {_num(r.get("low", 0.0))}, "high": {_num(r.get("high", 0.0))}}},')
        out.append('      "cues": [')
        for gi, g in enumerate(c["cues"]):
            # A pattern written twice in a group changes no score (a group counts once per
            # sentence) but is compiled and tried twice on every text.
            twice = sorted({p for p in g["patterns"] if g["patterns"].count(p) > 1})
            if twice:
                raise ValueError(f'{c["label"]}/{g["name"]}: patterns written twice: {twice}')
            pats = ", ".join(json.dumps(p, ensure_ascii=False) for p in g["patterns"])
            comma = "," if gi + 1 < len(c["cues"]) else ""
            kind = f', "kind": {json.dumps(g["kind"])}' if g.get("kind", "cue") != "cue" else ""
            out.append(f'        {{"name": {json.dumps(g["name"])}, "weight": {_num(g["weight"])}{kind}, "patterns": [{pats}]}}{comma}')
        out.append("      ]")
        out.append("    }" + ("," if ci + 1 < len(cats) else ""))
    out.append("  ]")
    out.append("}")
    return "\n".join(out) + "\n"


def save(config, path=PATH):
    with open(path, "w", encoding="utf-8") as f:
        f.write(dump(config))
