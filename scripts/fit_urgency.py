#!/usr/bin/env python3
"""Fit the built-in urgency model's weights (src/risk/data/risk.json, risk.urgency).

The urgency cue groups are written by hand; this script fits, on the development part of
../shared/evaldata/urgency_mooc_posts (help-seeking forum posts coded 1-7 for how soon someone
should answer), the bias, the two sentiment weights, one weight per urgency cue group and the
weights of the categories common in help-seeking text (problem, complaint, question, praise), by
L2-regularised logistic regression against the coders' urgency scaled to [0, 1]. Every weight is
kept on the side its meaning gives it (a calm cue cannot come out urgent), so the set's quirks
cannot turn a cue around. The risk flags' weights, the categories that help-seeking posts
rarely carry and the intensity weight are hand-set (HAND_SET, each with its reason) and enter
the fit as fixed offsets.

It reports 5-fold cross-validated Pearson r and the F1 of "urgent" (coded above 4) at the best
threshold, then fits on all rows, shifts the bias so that this threshold becomes 0.5 (the
documented "answer first" line), and writes the weights rounded to one decimal.

usage: python3 scripts/fit_urgency.py [--check]      (Python 3 standard library only)
  --check: write nothing; exit 1 if the file's weights differ from a fresh fit (CI runs this).
"""
import json
import math
import os
import subprocess
import sys

import fitting
import risk_file

# Weights not fitted, with the reason. Values are logit units per unit of input.
HAND_SET = {
    "label:safety": (3.0, "physical danger comes first; no help-seeking post in the set is a safety report"),
    "label:security": (2.5, "money or an account at stake; absent from the set"),
    "label:legal": (2.0, "absent from the set"),
    "label:escalation": (1.5, "absent from the set"),
    "label:churn": (1.0, "absent from the set"),
    "label:abuse": (0.5, "needs moderation soon but not a reply first; absent from the set"),
    "label:idea": (-0.3, "a request for later; the set's course suggestions would fit it at noise level"),
    "label:tip": (-0.3, "advice to others, no one waiting; rare in the set"),
    "label:new_use": (-0.5, "rare in the set"),
    "label:policy": (-0.3, "rare in the set"),
    "label:competitor": (0.0, "rare in the set; churn carries the urgent part"),
    "intensity": (0.5, "shouting in anger is urgent in customer posts; the set's help-seeking posts rarely shout "
                       "in anger, so the fit would leave it near zero"),
    "cue:calm": (-1.0, "on 0.2% of the set's posts, too rare to fit"),
    "cue:waiting": (0.8, "waiting and repeated contact are what customer care answers first; on the set's forum "
                         "posts they are rare and the fit gives 0.1; 0.8 costs 0.003 of cross-validated r"),
}

# The side each fitted weight must stay on (+1: only raises urgency, -1: only lowers it).
SIGNS = {
    "sentiment:negative": 1,
    "sentiment:positive": -1,
    "cue:discussion": -1,
    "label:praise": -1,
}


def features(texts):
    exe = os.path.join(fitting.ROOT, "target", "release", "examples", "urgency_features")
    p = subprocess.run([exe], input="\n".join(texts).encode() + b"\n", capture_output=True, check=True)
    return [json.loads(line) for line in p.stdout.decode().split("\n") if line]


def main():
    check = "--check" in sys.argv[1:]
    subprocess.run(["cargo", "build", "-q", "--release", "--example", "urgency_features"], cwd=fitting.ROOT, check=True)
    rows = fitting.read_tsv(os.path.join(fitting.EVAL, "urgency_mooc_posts", "posts.tsv"))
    coded = [float(r["urgency"]) for r in rows]
    urgent = [c > 4 for c in coded]
    targets = [(c - 1) / 6 for c in coded]
    inputs = features([r["text"] for r in rows])
    names = [i["name"] for i in inputs[0]]
    fitted = [n for n in names if n != "bias" and n not in HAND_SET]
    X = [[next(i["value"] for i in row if i["name"] == n) for n in fitted] for row in inputs]
    offsets = [sum(i["value"] * HAND_SET[i["name"]][0] for i in row if i["name"] in HAND_SET) for row in inputs]
    signs = [SIGNS.get(n, 1) for n in fitted]

    def fit_predict(fold):
        test = set(fold)
        train = [i for i in range(len(X)) if i not in test]
        w, b = fitting.fit_logistic([X[i] for i in train], [targets[i] for i in train], [offsets[i] for i in train], signs)
        return ((i, b + offsets[i] + sum(wi * xi for wi, xi in zip(w, X[i]))) for i in fold)

    logits = fitting.cross_validated(fitting.folds(len(X)), fit_predict)
    probs = [fitting.sigmoid(logits[i]) for i in range(len(X))]
    f1, threshold = fitting.best_threshold(urgent, probs)
    p, r, f = fitting.prf(urgent, [q >= threshold for q in probs])
    print(f"urgency_mooc_posts, 5-fold cross-validated: r={fitting.pearson(probs, coded):.3f}; "
          f"urgent (>4) at threshold {threshold:.2f}: P={p:.3f} R={r:.3f} F1={f:.3f}")

    w, b = fitting.fit_logistic(X, targets, offsets, signs)
    shift = -fitting.logit(threshold)
    print(f"  bias {b + shift:+.1f}  (fitted {b:+.2f}, shifted {shift:+.2f} to put the threshold at 0.5)")
    weights = dict(zip(fitted, w))
    for n in names[1:]:
        if n in HAND_SET:
            print(f"  {n:22} {HAND_SET[n][0]:+.1f}  hand-set: {HAND_SET[n][1]}")
        else:
            print(f"  {n:22} {weights[n]:+.1f}")
    weights.update({n: v for n, (v, _why) in HAND_SET.items()})

    config = risk_file.load()
    u = config["risk"]["urgency"]
    one = lambda x: round(x, 1) + 0.0  # noqa: E731 (one decimal, no -0.0)
    u["bias"] = one(b + shift)
    u["sentiment"] = {"negative": one(weights["sentiment:negative"]), "positive": one(weights["sentiment:positive"])}
    for group in u["cues"]:
        group["weight"] = one(weights["cue:" + group["name"]])
    u["labels"] = {label: one(weights["label:" + label]) for label in u["labels"]}
    u["intensity"] = one(weights["intensity"])

    new = risk_file.dump(config)
    with open(risk_file.PATH, encoding="utf-8") as f:
        old = f.read()
    if check:
        if new != old:
            print(f"{risk_file.PATH} differs from a fresh fit: run scripts/fit_urgency.py and commit the result", file=sys.stderr)
            sys.exit(1)
        print("risk.json: the fitted urgency weights regenerate identically")
    elif new != old:
        risk_file.save(config)
        print(f"wrote {risk_file.PATH}")
    else:
        print("risk.json unchanged")


if __name__ == "__main__":
    main()
