#!/usr/bin/env python3
"""Fit the weights of the built-in categories on the development parts of every labelled set.

The cue groups of src/classifier/data/categories.json are written by hand, one group per
family of wording (requests, imperatives, comparatives, ...). This script fits a handful of
numbers per category -- one weight per group, a bias, two sentiment weights, and, on the sets
that come with star ratings, two rating weights -- and writes them into that file. Nothing is
fitted per word: a set's brands, handles or app names cannot get a weight of their own.

How the weights are fitted (the model is the classifier's, src/classifier/model.rs):
  * each sentence of a text is scored alone (bias + sentiment + the text's context groups + the
    cue and guard groups that matched in the sentence); the text gets its best sentence with
    evidence (a cue), and a text without evidence is never reported, so it is left out of the
    fit (a positive one stays a miss in every figure);
  * the sets are pooled, each weighted to count as at most 1,000 rows (a small set as many rows as
    it has, a set that only gives negatives for a category half of that), so that no set's
    wording dominates; L2-regularised logistic
    regression by cyclic coordinate descent, cue weights kept >= 0.1 (they stay evidence) and
    guard weights <= 0, then the sentence each text is scored by is chosen again with the new
    weights, a few rounds;
  * the bias is shifted so that 0.5 is the threshold that maximises the mean F1 over the sets
    (weighted as in the fit), and weights are rounded to one decimal;
  * the fit starts from the file's weights, so it is repeated from its own result until it
    settles (fit_settled), and a refit from the file written reproduces it.

Sets (../shared/evaldata, development parts; see SETS below for which label of which set informs
which category) and this repository's own example files (tests/data/categories).

usage: python3 scripts/fit_categories.py [--check | --report]   (Python 3 standard library only)
  (none)    fit and write the weights into categories.json
  --check   write nothing; exit 1 if the file's weights differ from a fresh fit (CI runs this)
  --report  also print 5-fold cross-validated and leave-one-set-out figures per set (slow)
"""
import json
import os
import subprocess
import sys

import categories_file
import fitting

ROOT = fitting.ROOT
# Where cargo builds (CARGO_TARGET_DIR, relative to the repository, or target/).
TARGET = os.path.join(ROOT, os.environ.get("CARGO_TARGET_DIR", "target"))
EXE = os.path.join(TARGET, "release", "examples", "category_features")

# The categories whose weights are fitted here (praise, new_use and policy have no public data:
# their weights are set by hand and checked on tests/data/categories).
FITTED = ["problem", "complaint", "idea", "question", "tip", "competitor"]
L2 = 0.002      # per unit of sample weight: lambda = 2 for every 1,000 rows' weight
ROUNDS = 4      # re-choosing each text's best sentence
SWEEPS = 60     # coordinate descent sweeps per round
CUE_MIN = 0.1   # a cue keeps a positive weight: it stays evidence
SET_WEIGHT = 1000  # the most rows a set counts as
REPO_WEIGHT = 500  # the rows this repository's example files count as

# Weights set by hand and held while the others are fitted, each with its reason: guards whose
# wording is too rare in the sets to be fitted, written for the near misses of the team's examples.
HAND_SET = {
    ("problem", "idiom"): (-3.0, "failure words in idioms (breaks the bank, crash course, bugs me): too rare in the sets to fit"),
    ("complaint", "sarcasm"): (1.5, "sarcasm (thanks for nothing, love how...) is too rare in the complaints set to fit; "
                                   "kept from the release before, where it was set by hand"),
    ("tip", "to_the_makers"): (-3.0, "advice to the makers (you should add...) is an idea, not a tip; the sets that label tips "
                                     "hardly contain it (the developer forum's requests are not used for tip)"),
}

# Forum classes of Tizard et al. (as in ../shared/tools/evaluate.py).
FORUM_PROBLEM = {"apparent bug", "unsatisfactory behaviour", "agreeing with the problem", "bug confirmation"}
FORUM_IDEA = {"feature request", "motivation fr", "agreeing with the request"}
FORUM_QUESTION = {"question on application", "help seeking", "information seeking", "is-uncertain",
                  "is-background", "requesting more information"}
FORUM_TIP = {"application guidance", "application guidance-uncertain", "attempted solution"}


# Each set: name, file (under ../shared/evaldata, or tests/data/categories for "repo:"), licence,
# and per category a function row -> True (positive), False (negative) or None (not used for it).
# A set gives negatives only where its positives are not that category's (a suggestion in a
# developer forum is a request: idea; in hotel reviews it is mostly advice to guests: tip; both
# sets' non-suggestions are neither). The metrics of ../shared/tools/evaluate.py are computed on
# the same rows (METRICS below).
SETS = [
    ("complaints", "complaints_twitter/complaints.tsv", "none stated (research data)", {
        "complaint": lambda r: r["label"] == "complaint",
        "problem": lambda r: False if r["label"] != "complaint" else None,
    }),
    ("maalej", "maalej_app_reviews/app_reviews_multilabel.tsv", "none stated (research data)", {
        "problem": lambda r: "Bug" in r["labels"].split(","),
        "idea": lambda r: "Feature" in r["labels"].split(","),
    }),
    ("suggestions_forum", "suggestion_semeval19/subtask_a_forum.tsv", "CC BY-NC-SA 4.0", {
        "idea": lambda r: r["label"] == "suggestion",
        "tip": lambda r: False if r["label"] != "suggestion" else None,
    }),
    ("suggestions_hotels", "suggestion_semeval19/subtask_b_hotels.tsv", "CC BY-NC-SA 4.0", {
        "tip": lambda r: r["label"] == "suggestion",
        "idea": lambda r: False if r["label"] != "suggestion" else None,
    }),
    ("comparisons", "comparative_compsent19/sentences.tsv", "none stated (research data)", {
        "competitor": lambda r: r["label"] in ("BETTER", "WORSE"),
    }),
    ("tweet_questions", "tweet_acts_tac/tweets.tsv", "BSD 2-Clause", {
        "question": lambda r: r["label"] == "question",
    }),
    ("clap", "app_reviews_clap/reviews.tsv", "none stated (research data)", {
        "problem": lambda r: r["label"] == "bug",
        "idea": lambda r: r["label"] == "feature",
    }),
    ("forum", "forum_sentences_tizard19/sentences.tsv", "CC BY", {
        "problem": lambda r: r["label"] in FORUM_PROBLEM,
        "idea": lambda r: r["label"] in FORUM_IDEA,
        "question": lambda r: r["label"] in FORUM_QUESTION,
        "tip": lambda r: r["label"] in FORUM_TIP,
    }),
    ("advice_parents", "advice_reddit/askparents.tsv", "MIT", {
        "tip": lambda r: r["label"] == "advice",
    }),
    ("advice_needadvice", "advice_reddit/needadvice.tsv", "MIT", {
        "tip": lambda r: r["label"] == "advice",
    }),
    ("repo_question", "repo:question.tsv", "this repository", {
        "question": lambda r: r["expected"] == "yes",
    }),
    ("repo_tip", "repo:tip.tsv", "this repository", {
        "tip": lambda r: r["expected"] == "yes",
    }),
    ("repo_competitor", "repo:competitor.tsv", "this repository", {
        "competitor": lambda r: r["expected"] == "yes",
    }),
]

# The figures of the issue, as ../shared/tools/evaluate.py computes them: name, set, gold
# (row -> bool), the earshot labels that count as predicting it, and the metric ("f1", or
# "macro_f1" over both classes).
METRICS = [
    ("complaints", "complaints", lambda r: r["label"] == "complaint", {"complaint", "problem"}, "macro_f1"),
    ("maalej_bug", "maalej", lambda r: "Bug" in r["labels"].split(","), {"problem"}, "f1"),
    ("maalej_feature", "maalej", lambda r: "Feature" in r["labels"].split(","), {"idea"}, "f1"),
    ("suggestions_forum", "suggestions_forum", lambda r: r["label"] == "suggestion", {"idea", "tip"}, "f1"),
    ("suggestions_hotels", "suggestions_hotels", lambda r: r["label"] == "suggestion", {"idea", "tip"}, "f1"),
    ("comparisons", "comparisons", lambda r: r["label"] in ("BETTER", "WORSE"), {"competitor"}, "f1"),
    ("tweet_questions", "tweet_questions", lambda r: r["label"] == "question", {"question"}, "f1"),
    ("clap_bug", "clap", lambda r: r["label"] == "bug", {"problem"}, "f1"),
    ("clap_feature", "clap", lambda r: r["label"] == "feature", {"idea"}, "f1"),
    ("forum_problem", "forum", lambda r: r["label"] in FORUM_PROBLEM, {"problem"}, "f1"),
    ("forum_idea", "forum", lambda r: r["label"] in FORUM_IDEA, {"idea"}, "f1"),
    ("forum_question", "forum", lambda r: r["label"] in FORUM_QUESTION, {"question"}, "f1"),
    ("forum_tip", "forum", lambda r: r["label"] in FORUM_TIP, {"tip"}, "f1"),
    ("advice_parents", "advice_parents", lambda r: r["label"] == "advice", {"tip"}, "f1"),
    ("advice_needadvice", "advice_needadvice", lambda r: r["label"] == "advice", {"tip"}, "f1"),
]


# This repository's example files, measured like the public sets (not in the mean of the 15).
TEAM_METRICS = [
    ("repo_" + label, "repo_" + label, lambda r: r["expected"] == "yes", {label}, "f1")
    for label in ("question", "tip", "competitor")
]


def set_rows(file):
    if file.startswith("repo:"):
        path = os.path.join(ROOT, "tests", "data", "categories", file[len("repo:"):])
        return [{"expected": e, "text": t} for e, t in (l.split("\t", 1) for l in open(path, encoding="utf-8").read().split("\n")[1:] if l)]
    return fitting.read_tsv(os.path.join(fitting.EVAL, file))


def features(texts):
    """What the built-in categories see in each text (examples/category_features.rs): the
    categories' groups, and per text its sentiment and, per category, the context groups and
    each sentence's groups."""
    p = subprocess.run([EXE], input="\n".join(t.replace("\n", " ") for t in texts).encode() + b"\n",
                       capture_output=True, check=True)
    lines = p.stdout.decode().split("\n")
    header = json.loads(lines[0])["categories"]
    out = []
    for line in lines[1:]:
        if line:
            r = json.loads(line)
            out.append((r["s"][0], r["s"][1], {k: (ctx, sents) for k, ctx, sents in r["m"]}))
    assert len(out) == len(texts), (len(out), len(texts))
    return header, out


class Category:
    """One category's model: its groups (name, kind), and the weights being fitted."""

    def __init__(self, index, spec, groups):
        self.index = index
        self.label = spec["label"]
        self.names = [g[0] for g in groups]
        self.kinds = [g[1] for g in groups]
        self.evidence = {g for g, k in enumerate(self.kinds) if k == "cue"}
        self.context = {g for g, k in enumerate(self.kinds) if k == "context"}

    def weights_of(self, spec):
        w = {"bias": spec["bias"], "negative": spec["sentiment"]["negative"], "positive": spec["sentiment"]["positive"]}
        for g, group in enumerate(spec["cues"]):
            w[g] = group["weight"]
        return w


def instances(cat, set_name, rows, feats, label_of, weight):
    """The fit's view of one set's rows for `cat`: (set, gold, weight, negative, positive,
    context groups, candidate sentences) for every row that the set labels for the category."""
    out = []
    for r, (neg, pos, matched) in zip(rows, feats):
        y = label_of(r)
        if y is None:
            continue
        ctx, sents = matched.get(cat.index, ([], []))
        cands = [tuple(s) for s in sents if any(g in cat.evidence for g in s)]
        out.append((set_name, bool(y), weight, neg, pos, tuple(ctx), cands))
    return out


def sentence_score(w, groups):
    return sum(w[g] for g in groups)


def best_sentence(w, cands):
    return max(cands, key=lambda s: sentence_score(w, s))


def rating_features(stars):
    """The classifier's rating features of a 1-5 star rating (model.rs, rating_features)."""
    return max(0.0, min(1.0, (3.0 - stars) / 2.0)), max(0.0, min(1.0, (stars - 3.0) / 2.0))


def logit(w, inst, extra=0.0):
    _, _, _, neg, pos, ctx, cands = inst[:7]
    if not cands:
        return None
    if len(inst) > 7 and inst[7] is not None:
        low, high = rating_features(inst[7])
        extra += w.get("rated", 0.0) + w.get("low", 0.0) * low + w.get("high", 0.0) * high
    return (w["bias"] + w["negative"] * neg + w["positive"] * pos + sum(w[g] for g in ctx)
            + sentence_score(w, best_sentence(w, cands)) + extra)


def fit(cat, insts, init):
    """Fits `cat`'s weights on `insts` (those with evidence), starting from `init`."""
    w = dict(init)
    used = [i for i in insts if i[6]]
    total = sum(i[2] for i in used)
    lam = L2 * total
    held = {g for g, name in enumerate(cat.names) if (cat.label, name) in HAND_SET}
    for g in held:
        w[g] = HAND_SET[(cat.label, cat.names[g])][0]
    keys = ["bias", "negative", "positive"] + [g for g in range(len(cat.names)) if g not in held]
    chosen = None
    for _ in range(ROUNDS):
        picks = [best_sentence(w, i[6]) for i in used]
        if picks == chosen:
            break
        chosen = picks
        # Collapsed rows: (active groups, negative, positive, gold) -> summed weight.
        rows = {}
        for inst, s in zip(used, picks):
            feats = tuple(sorted(set(inst[5]) | set(s)))
            key = (feats, round(inst[3], 2), round(inst[4], 2), inst[1])
            rows[key] = rows.get(key, 0.0) + inst[2]
        rows = list(rows.items())
        X = [k[0] for k, _ in rows]
        neg = [k[1] for k, _ in rows]
        pos = [k[2] for k, _ in rows]
        y = [1.0 if k[3] else 0.0 for k, _ in rows]
        a = [v for _, v in rows]
        active = {j: [] for j in range(len(cat.names))}
        for i, feats in enumerate(X):
            for g in feats:
                active[g].append(i)
        z = [w["bias"] + w["negative"] * neg[i] + w["positive"] * pos[i] + sum(w[g] for g in X[i]) for i in range(len(rows))]
        for _ in range(SWEEPS):
            for key in keys:
                if key == "bias":
                    idx, val = range(len(rows)), None
                elif key == "negative":
                    idx, val = range(len(rows)), neg
                elif key == "positive":
                    idx, val = range(len(rows)), pos
                else:
                    idx, val = active[key], None
                g = h = 0.0
                for i in idx:
                    x = 1.0 if val is None else val[i]
                    if x == 0.0:
                        continue
                    p = fitting.sigmoid(z[i])
                    g += a[i] * (p - y[i]) * x
                    h += a[i] * p * (1 - p) * x * x
                if key != "bias":
                    g += lam * w[key]
                    h += lam
                if h <= 0:
                    continue
                new = w[key] - g / h
                if key not in ("bias", "negative", "positive"):
                    kind = cat.kinds[key]
                    if kind == "cue":
                        new = max(CUE_MIN, new)
                    elif kind == "guard":
                        new = min(0.0, new)
                new = max(-8.0, min(8.0, new))
                delta = new - w[key]
                if delta:
                    w[key] = new
                    for i in idx:
                        z[i] += delta * (1.0 if val is None else val[i])
    return w


# The sets scored by macro-F1 over both classes (the others by the F1 of the positive class).
MACRO_F1_SETS = {"complaints"}


def best_shift(w, insts):
    """The logit threshold that maximises the mean over the sets that have positives of each
    set's metric (F1, or macro-F1 for MACRO_F1_SETS), each set weighted as in the fit (by its
    rows, up to SET_WEIGHT)."""
    zs = [(i[0], i[1], logit(w, i)) for i in insts]
    sets = sorted({s for s, y, _ in zs if y})
    # Per set: its gold labels and logits (None: no evidence, never reported).
    per_set = {name: ([y for s, y, _ in zs if s == name], [z for s, _, z in zs if s == name]) for name in sets}
    size = {name: REPO_WEIGHT if name.startswith("repo_") else min(SET_WEIGHT, len(per_set[name][0]))
            for name in sets}

    def score(t):
        total = 0.0
        for name in sets:
            gold, z = per_set[name]
            pred = [x is not None and x >= t for x in z]
            f = fitting.macro_f1(gold, pred) if name in MACRO_F1_SETS else fitting.prf(gold, pred)[2]
            total += size[name] * f
        return total

    # Logit thresholds from -3 to 3 in steps of 0.05; of equal means, the lowest.
    return fitting.best_cut([step / 20 for step in range(-60, 61)], score, tol=1e-9)[1]


def fit_and_shift(cat, insts, init):
    w = fit(cat, insts, init)
    w["bias"] -= best_shift(w, insts)
    return {k: round(v, 1) + 0.0 for k, v in w.items()}


def fit_settled(cat, insts, init, most=10):
    """fit_and_shift, repeated from its own result until it gives back the weights it started
    from, so that the file is a fixed point and a refit from it (--check) reproduces it. The fit
    starts from the weights it is given and re-chooses each text's best sentence, so a refit
    can move a weight by a rounding step and move it back the next time; of such a cycle the
    least (by weights in a fixed order) is kept, which the cycle reaches from any of its
    members."""
    seen = []
    w = fit_and_shift(cat, insts, init)
    while w not in seen and len(seen) < most:
        seen.append(w)
        w = fit_and_shift(cat, insts, w)
    cycle = seen[seen.index(w):] if w in seen else [w]
    return min(cycle, key=lambda x: tuple(x[k] for k in sorted(x, key=str)))


def load():
    """Every set's rows and features, and each fitted category's instances."""
    config = categories_file.load()
    data = {}
    header = None
    for name, file, _licence, labels in SETS:
        rows = set_rows(file)
        header, feats = features([r["text"] for r in rows])
        data[name] = (rows, feats)
    cats = {}
    for k, h in enumerate(header):
        if h["label"] in FITTED:
            spec = next(c for c in config["categories"] if c["label"] == h["label"])
            cats[h["label"]] = (Category(k, spec, h["groups"]), spec)
    return config, data, cats


def category_instances(cat, data, keep=lambda set_name, i: True):
    """`cat`'s instances over every set that labels it; `keep(set, row)` selects rows."""
    out = []
    for name, _file, _licence, labels in SETS:
        if cat.label not in labels:
            continue
        rows, feats = data[name]
        sel = [i for i in range(len(rows)) if keep(name, i)]
        has_pos = any(labels[cat.label](rows[i]) for i in sel)
        # Each set counts as up to SET_WEIGHT rows: a large set as many as a middling one, a
        # small one as many rows as it has; one that gives only negatives half of that.
        weight = min(1.0, SET_WEIGHT / max(1, len(sel))) * (1.0 if has_pos else 0.5)
        if _file.startswith("repo:"):
            # This repository's examples define the label (their near misses were written for
            # it): they count as a full set.
            weight = REPO_WEIGHT / max(1, len(sel))
        out += instances(cat, name, [rows[i] for i in sel], [feats[i] for i in sel], labels[cat.label], weight)
    return out


def predict(cat, w, data, name, idx):
    """Whether `cat` is reported for rows `idx` of set `name` under weights `w`."""
    rows, feats = data[name]
    out = []
    for i in idx:
        neg, pos, matched = feats[i]
        ctx, sents = matched.get(cat.index, ([], []))
        cands = [tuple(s) for s in sents if any(g in cat.evidence for g in s)]
        z = logit(w, (name, None, 0, neg, pos, tuple(ctx), cands))
        out.append(z is not None and z >= 0)
    return out


def figures(preds, data, metrics=None):
    """The METRICS (or `metrics`) from per-set, per-category predictions: {metric: (p, r, f1 or
    macro-F1)}."""
    return figures_of(preds, data, METRICS if metrics is None else metrics)


def figures_of(preds, data, metrics):
    """`metrics` from predictions {(set, category): [bool per row]} (a category without
    predictions predicts nothing)."""
    res = {}
    for metric, name, gold_of, ours, kind in metrics:
        rows, _ = data[name]
        gold = [gold_of(r) for r in rows]
        none = [False] * len(rows)
        pred = [any(preds.get((name, c), none)[i] for c in ours) for i in range(len(rows))]
        p, r, f = fitting.prf(gold, pred)
        if kind == "macro_f1":
            f = fitting.macro_f1(gold, pred)
        res[metric] = (p, r, f)
    return res


def scheme_predictions(cats, data, train_keep, test_sets_rows):
    """Predictions for the rows `test_sets_rows` ({set: [row indices]}) of models fitted on the
    rows `train_keep(set, row)` selects, and the categories that no selected row labels
    positively (no model: they are left out)."""
    preds, unfitted = {}, set()
    for label, (cat, spec) in cats.items():
        insts = category_instances(cat, data, train_keep)
        if not any(i[1] for i in insts):
            unfitted.add(label)
            continue
        w = fit_and_shift(cat, insts, cat.weights_of(spec))
        for name, idx in test_sets_rows.items():
            preds.setdefault((name, label), {}).update(zip(idx, predict(cat, w, data, name, idx)))
    return preds, unfitted


def report(cats, data, fitted):
    metric_sets = sorted({m[1] for m in METRICS + TEAM_METRICS})
    # In-sample, with the weights written.
    preds = {}
    for label, (cat, _spec) in cats.items():
        for name in metric_sets:
            rows, _ = data[name]
            preds[(name, label)] = predict(cat, fitted[label], data, name, range(len(rows)))
    fit_all = figures(preds, data, METRICS + TEAM_METRICS)
    # 5-fold cross-validation: folds by row within each set (seeded by the set's name), every set
    # in every fold.
    folds = {name: [set(f) for f in fitting.folds(len(data[name][0]), 5, seed=name)] for name, *_ in SETS}

    def fit_predict(k):
        test = {name: sorted(folds[name][k]) for name in metric_sets}
        p, _ = scheme_predictions(cats, data, lambda s, i: i not in folds[s][k], test)
        return (((name, label, i), v) for (name, label), rows in p.items() for i, v in rows.items())

    out_of_fold = fitting.cross_validated(range(5), fit_predict)
    cv = {}
    for (name, label, i), v in out_of_fold.items():
        cv.setdefault((name, label), {})[i] = v
    cv = figures({key: [v[i] for i in range(len(v))] for key, v in cv.items()}, data, METRICS + TEAM_METRICS)
    # Leave one set out: fit on every other set, measure on the one left out.
    loso, missing = {}, set()
    for name in metric_sets:
        p, unfitted = scheme_predictions(cats, data, lambda s, i, name=name: s != name,
                                         {name: list(range(len(data[name][0])))})
        loso.update(figures_for_set(p, data, name))
        # A figure whose category no other set labels has no held-out estimate.
        missing |= {m[0] for m in METRICS + TEAM_METRICS if m[1] == name and m[3] & unfitted}
    print("\n| figure | fitted on all (P / R / F1) | 5-fold cross-validated | left-out set |")
    print("|---|---|---|---|")
    for metric, *_ in METRICS + TEAM_METRICS:
        cells = [f"{v[metric][0]:.3f} / {v[metric][1]:.3f} / **{v[metric][2]:.3f}**" for v in (fit_all, cv, loso)]
        if metric in missing:
            cells[2] = "n/a (no other set labels it)"
        print(f"| {metric} | " + " | ".join(cells) + " |")
    fifteen = [m[0] for m in METRICS]
    for title, v in [("fitted on all", fit_all), ("cross-validated", cv)]:
        print(f"mean of the 15 figures, {title}: {sum(v[m][2] for m in fifteen) / 15:.3f}")
    kept = [m for m in fifteen if m not in missing]
    print(f"mean of the {len(kept)} left-out-set figures: {sum(loso[m][2] for m in kept) / len(kept):.3f}"
          f" (the same figures cross-validated: {sum(cv[m][2] for m in kept) / len(kept):.3f})")


def figures_for_set(preds, data, name):
    """The METRICS of set `name` only, from predictions ({(set, category): {row: bool}}) of
    all its rows."""
    rows, _ = data[name]
    full = {key: [v[i] for i in range(len(rows))] for key, v in preds.items() if key[0] == name}
    res = figures_of(full, data, [m for m in METRICS + TEAM_METRICS if m[1] == name])
    return res


# The sets that come with a star rating (and a title): the rating weights are fitted on them.
CONTEXT_SETS = {"maalej": ("stars", "title"), "clap": ("stars", None)}


def context_instances(cat, data, titles, use_title=True, use_rating=True):
    """`cat`'s instances of the sets with ratings, with each review's title sentences as more
    candidates and its stars (None without)."""
    out = []
    for name, _file, _licence, labels in SETS:
        if name not in CONTEXT_SETS or cat.label not in labels:
            continue
        stars_field, title_field = CONTEXT_SETS[name]
        rows, feats = data[name]
        weight = min(1.0, SET_WEIGHT / len(rows))
        for i, (r, (neg, pos, matched)) in enumerate(zip(rows, feats)):
            y = labels[cat.label](r)
            if y is None:
                continue
            ctx, sents = matched.get(cat.index, ([], []))
            ctx, sents = list(ctx), list(sents)
            if use_title and title_field and (name, i) in titles:
                tctx, tsents = titles[(name, i)].get(cat.index, ([], []))
                ctx += [g for g in tctx if g not in ctx]
                sents += tsents
            cands = [tuple(x) for x in sents if any(g in cat.evidence for g in x)]
            stars = float(r[stars_field]) if use_rating and r.get(stars_field, "").strip() else None
            out.append((name, bool(y), weight, neg, pos, tuple(ctx), cands, stars))
    return out


def title_features(data):
    """Per (set, row) with a title: the categories' matches in it."""
    keys, texts = [], []
    for name, (stars_field, title_field) in CONTEXT_SETS.items():
        if title_field:
            for i, r in enumerate(data[name][0]):
                if r.get(title_field, "").strip():
                    keys.append((name, i))
                    texts.append(r[title_field])
    _, feats = features(texts)
    return {k: f[2] for k, f in zip(keys, feats)}


def fit_rating(insts, w):
    """The rating weights `rated`, `low` and `high` on `insts` (every other weight fixed):
    L2-regularised logistic regression by coordinate descent, then `rated` shifted so that 0.5
    is the threshold that maximises the mean F1 over the sets with ratings."""
    w = dict(w, rated=0.0, low=0.0, high=0.0)
    used = [i for i in insts if i[6] and i[7] is not None]
    lam = L2 * sum(i[2] for i in used)
    value = {"rated": lambda s: 1.0, "low": lambda s: rating_features(s)[0], "high": lambda s: rating_features(s)[1]}
    for _ in range(SWEEPS):
        for key in ("rated", "low", "high"):
            g = h = 0.0
            for inst in used:
                x = value[key](inst[7])
                if not x:
                    continue
                p = fitting.sigmoid(logit(w, inst))
                g += inst[2] * (p - inst[1]) * x
                h += inst[2] * p * (1 - p) * x * x
            w[key] -= (g + lam * w[key]) / (h + lam)
    w["rated"] -= best_shift(w, insts)
    return round(w["rated"], 1) + 0.0, round(w["low"], 1) + 0.0, round(w["high"], 1) + 0.0


def context_report(cats, data, fitted, titles):
    """The sets with ratings: each figure with the text alone, with the title, the rating, both."""
    print("\n| figure | text only | + title | + rating | + title and rating |")
    print("|---|---|---|---|---|")
    for metric, name, gold_of, ours, kind in METRICS:
        if name not in CONTEXT_SETS or len(ours) != 1:
            continue
        (label,) = ours
        cat = cats[label][0]
        cells = []
        for use_title, use_rating in [(False, False), (True, False), (False, True), (True, True)]:
            insts = [i for i in context_instances(cat, data, titles, use_title, use_rating) if i[0] == name]
            z = [logit(fitted[label], i) for i in insts]
            p, r, f = fitting.prf([i[1] for i in insts], [x is not None and x >= 0 for x in z])
            cells.append(f"{p:.3f} / {r:.3f} / **{f:.3f}**")
        print(f"| {metric} | " + " | ".join(cells) + " |")


def apply(config, label, w, cat):
    spec = next(c for c in config["categories"] if c["label"] == label)
    spec["bias"] = w["bias"]
    spec["sentiment"] = {"negative": w["negative"], "positive": w["positive"]}
    if w.get("rated") or w.get("low") or w.get("high"):
        spec["rating"] = {"rated": w["rated"], "low": w["low"], "high": w["high"]}
    else:
        spec.pop("rating", None)
    for g, group in enumerate(spec["cues"]):
        group["weight"] = w[g]


def main():
    args = sys.argv[1:]
    check = "--check" in args
    subprocess.run(["cargo", "build", "-q", "--release", "--example", "category_features"], cwd=ROOT, check=True)
    config, data, cats = load()
    fitted = {}
    titles = title_features(data)
    for label, (cat, spec) in cats.items():
        insts = category_instances(cat, data)
        w = fit_settled(cat, insts, cat.weights_of(spec))
        # Then, with every other weight fixed, the rating weights on the sets with ratings.
        context = context_instances(cat, data, titles)
        if context:
            w["rated"], w["low"], w["high"] = fit_rating(context, w)
        fitted[label] = w
        print(f"{label}: bias {w['bias']}, sentiment {w['negative']} / {w['positive']}"
              + (f", rating {w['rated']} / {w['low']} / {w['high']}" if context else "") + "; "
              + ", ".join(f"{cat.names[g]} {w[g]}" for g in range(len(cat.names))))
        apply(config, label, w, cat)
    if "--report" in args:
        report(cats, data, fitted)
        context_report(cats, data, fitted, titles)
    new = categories_file.dump(config)
    with open(categories_file.PATH, encoding="utf-8") as f:
        old = f.read()
    if check:
        if new != old:
            print(f"{categories_file.PATH} differs from a fresh fit: run scripts/fit_categories.py and commit the result", file=sys.stderr)
            sys.exit(1)
        print("categories.json: the fitted weights regenerate identically")
    elif new != old:
        categories_file.save(config)
        print(f"wrote {categories_file.PATH}")
    else:
        print("categories.json unchanged")


if __name__ == "__main__":
    main()
