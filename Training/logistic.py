"""Logistic regression over named features, as the shipped models are: fit, score, choose a cut on
out-of-fold publishers, and write the model file that Swift evaluates (`LogisticModel`).

An item is a dict with "evidence" (feature name -> value, as copydesk prints it), "y" (1, 0) and
"page" (a corpus.Page, whose publisher decides the fold).
"""
import corpus

MIN_SUPPORT = 10   # a cut is judged on at least this many out-of-fold items above it: fewer say nothing


def matrix(features, items):
    import numpy as np
    return np.array([[c["evidence"].get(n, 0.0) for n in features] for c in items], dtype=float)


def fit(features, items, C):
    """A scaler and an L2 logistic regression (inverse strength `C`) fitted on labelled items."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    X = matrix(features, items)
    scaler = StandardScaler().fit(X)
    model = LogisticRegression(C=C, max_iter=2000).fit(scaler.transform(X), [c["y"] for c in items])
    return scaler, model


def predict(features, fitted, items):
    scaler, model = fitted
    if not items:
        return []
    return list(model.predict_proba(scaler.transform(matrix(features, items)))[:, 1])


def choose_threshold(scores, ys, goal):
    """The cut that maximises tp - lam * fp over the items above it, lam = goal / (1 - goal): a
    finding is worth reporting while findings of its score are right at least `goal` of the time
    (the decision rule for that cost of a false alarm), so those above the cut are right more often.
    A sum over all the items above a cut moves little with one item more or less, where the lowest
    cut whose running precision reaches the goal can jump from the top of the scores to the bottom."""
    lam = goal / (1 - goal)
    pairs = sorted(zip(scores, ys), key=lambda t: -t[0])
    best, best_gain, gain = 1.0, 0.0, 0.0
    for i, (s, y) in enumerate(pairs):
        gain += 1 if y == 1 else -lam
        nxt = pairs[i + 1][0] if i + 1 < len(pairs) else -1
        if nxt == s:
            continue   # a cut cannot fall between equal scores
        if i + 1 >= MIN_SUPPORT and gain > best_gain:
            best, best_gain = s, gain
    return best


def out_of_fold(features, train, k, C):
    """Scores for `train` from models that never saw the item's publisher (inner folds)."""
    fold_of = corpus.folds([c["page"] for c in train], k)
    scores = {}
    for f in range(k):
        inner = [c for c in train if fold_of[c["page"].publisher] != f]
        held = [c for c in train if fold_of[c["page"].publisher] == f]
        if not held or len({c["y"] for c in inner}) < 2:
            continue
        for c, s in zip(held, predict(features, fit(features, inner, C), held)):
            scores[id(c)] = s
    return [(c, scores[id(c)]) for c in train if id(c) in scores]


def model_json(features, fitted, target, thresholds, goal, trained_on, heldout):
    """The model file: weights with the training scaling, thresholds per article format, provenance."""
    scaler, model = fitted
    feats = [{"name": n, "weight": round(float(w), 6), "mean": round(float(m), 6), "scale": round(float(s), 6)}
             for n, w, m, s in zip(features, model.coef_[0], scaler.mean_, scaler.scale_)]
    return {"target": target, "bias": round(float(model.intercept_[0]), 6), "features": feats,
            "thresholds": {f: round(t, 6) for f, t in thresholds.items()}, "precisionGoal": goal,
            "trainedOn": trained_on, "heldout": heldout}
