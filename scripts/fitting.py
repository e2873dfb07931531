"""Small, dependency-free pieces shared by the scripts that fit built-in weights
(scripts/fit_urgency.py, scripts/fit_categories.py): reading the evaluation sets, a bounded
logistic fit, cross-validation folds, and the figures they report and the thresholds they pick. Python 3 standard library only, so that CI needs nothing installed.
"""
import math
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.join(os.path.dirname(ROOT), "shared", "evaldata")


def read_tsv(path):
    """Rows of a tab-separated file with a header line, as dicts."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    head = lines[0].split("\t")
    return [dict(zip(head, line.split("\t"))) for line in lines[1:] if line]


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def logit(p):
    return math.log(p / (1.0 - p))


def fit_logistic(X, targets, offsets=None, signs=None, l2=1.0, iters=600, lr=1.0):
    """Weights w and bias b minimising the cross-entropy of sigmoid(b + w·x + offset) against
    targets in [0, 1] (soft targets allowed), plus l2/2·|w|²/n. `signs[i]` is +1 (w_i >= 0),
    -1 (w_i <= 0) or 0 (free): projected gradient descent keeps each weight on the side its
    meaning gives it, so that a set's quirks cannot turn a cue around."""
    n, d = len(X), len(X[0])
    offsets = offsets or [0.0] * n
    signs = signs or [0] * d
    w, b = [0.0] * d, 0.0
    for _ in range(iters):
        gw, gb = [l2 * wi / n for wi in w], 0.0
        for x, t, o in zip(X, targets, offsets):
            e = sigmoid(b + o + sum(wi * xi for wi, xi in zip(w, x))) - t
            gb += e / n
            for i, xi in enumerate(x):
                if xi:
                    gw[i] += e * xi / n
        w = [wi - lr * g for wi, g in zip(w, gw)]
        w = [max(wi, 0.0) if s > 0 else min(wi, 0.0) if s < 0 else wi for wi, s in zip(w, signs)]
        b -= lr * gb
    return w, b


def folds(n, k=5, seed=0):
    """k disjoint folds of range(n), shuffled with a fixed seed (any value random.Random takes:
    a set's name gives every set folds of its own)."""
    idx = list(range(n))
    random.Random(seed).shuffle(idx)
    return [idx[i::k] for i in range(k)]


def cross_validated(test_folds, fit_predict):
    """Out-of-fold predictions: for each fold, `fit_predict(fold)` fits without the fold and
    yields (key, prediction) pairs for it; returns them merged into one dict."""
    out = {}
    for fold in test_folds:
        out.update(fit_predict(fold))
    return out


def pearson(a, b):
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    sa = math.sqrt(sum((x - ma) ** 2 for x in a))
    sb = math.sqrt(sum((y - mb) ** 2 for y in b))
    return sum((x - ma) * (y - mb) for x, y in zip(a, b)) / (sa * sb) if sa and sb else 0.0


def prf_counts(tp, fp, fn):
    """Precision, recall and F1 from the counts of true positives, false positives and false
    negatives (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def prf(gold, pred):
    """Precision, recall and F1 of the positive class."""
    tp = sum(1 for t, p in zip(gold, pred) if t and p)
    fp = sum(1 for t, p in zip(gold, pred) if not t and p)
    fn = sum(1 for t, p in zip(gold, pred) if t and not p)
    return prf_counts(tp, fp, fn)


def macro_f1(gold, pred):
    """The mean of the F1 of the positive class and the F1 of the negative class."""
    return (prf(gold, pred)[2] + prf([not t for t in gold], [not p for p in pred])[2]) / 2


def best_cut(candidates, score, tol=0.0):
    """(score, candidate) of the candidate with the best `score(candidate)`; of scores within
    `tol` of each other, the one met first."""
    best = None
    for c in candidates:
        s = score(c)
        if best is None or s > best[0] + tol:
            best = (s, c)
    return best


def best_threshold(gold, probs, candidates=None):
    """(F1, threshold) of the threshold on probs that gives the best F1 (of equal F1s, the
    highest threshold)."""
    candidates = candidates or [i / 100 for i in range(5, 96)]
    return best_cut(sorted(candidates, reverse=True), lambda t: prf(gold, [p >= t for p in probs])[2])
