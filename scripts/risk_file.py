"""Reading and writing src/risk/data/risk.json, the built-in risk flags, urgency model and routes.

The file is the same JSON format users load with `--config` (earshot::Config, its "risk"
section): the flags' cues and weights and the routes are written by hand; the urgency model's
weights are written by scripts/fit_urgency.py. `dump` lays the file out the same way every time
(one cue group per line, patterns in file order), so that a refitted file diffs cleanly.
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATH = os.path.join(ROOT, "src", "risk", "data", "risk.json")


def load(path=PATH):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _str(x):
    return json.dumps(x, ensure_ascii=False)


def _num(x):
    # Shortest text that reads back as the same float.
    return json.dumps(x)


def _groups(out, groups, indent):
    out.append(f'{indent}"cues": [')
    for gi, g in enumerate(groups):
        pats = ", ".join(_str(p) for p in g["patterns"])
        comma = "," if gi + 1 < len(groups) else ""
        out.append(f'{indent}  {{"name": {_str(g["name"])}, "weight": {_num(g["weight"])}, "patterns": [{pats}]}}{comma}')
    out.append(f"{indent}]")


def _sentiment(s):
    return f'{{"negative": {_num(s.get("negative", 0.0))}, "positive": {_num(s.get("positive", 0.0))}}}'


def dump(config):
    risk = config["risk"]
    out = ["{", f'  "comment": {_str(config["comment"])},', '  "risk": {', '    "flags": [']
    for fi, flag in enumerate(risk["flags"]):
        out.append("      {")
        out.append(f'        "label": {_str(flag["label"])},')
        out.append(f'        "description": {_str(flag["description"])},')
        out.append(f'        "bias": {_num(flag["bias"])},')
        out.append(f'        "sentiment": {_sentiment(flag.get("sentiment", {}))},')
        _groups(out, flag["cues"], "        ")
        out.append("      }" + ("," if fi + 1 < len(risk["flags"]) else ""))
    out.append("    ],")
    u = risk["urgency"]
    out.append('    "urgency": {')
    out.append(f'      "bias": {_num(u["bias"])},')
    out.append(f'      "sentiment": {_sentiment(u.get("sentiment", {}))},')
    _groups(out, u["cues"], "      ")
    out[-1] += ","
    labels = ", ".join(f"{_str(k)}: {_num(v)}" for k, v in u["labels"].items())
    out.append(f'      "labels": {{{labels}}},')
    out.append(f'      "intensity": {_num(u["intensity"])}')
    out.append("    },")
    out.append('    "routes": {')
    routes = list(risk["routes"].items())
    for ri, (label, teams) in enumerate(routes):
        comma = "," if ri + 1 < len(routes) else ""
        out.append(f'      {_str(label)}: [{", ".join(_str(t) for t in teams)}]{comma}')
    out.append("    }")
    out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"


def save(config, path=PATH):
    with open(path, "w", encoding="utf-8") as f:
        f.write(dump(config))
