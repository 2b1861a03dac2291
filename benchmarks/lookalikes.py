"""Issue 16 study: can the model keep other pink and white blossoms (plum, peach, magnolia) out of ``sakura/``?

    python benchmarks/lookalikes.py [--data ../shared/data] [--only weights,...,zoom,kernel]   # ~50 min

Every figure holds out every photo of one source at a time (``cv_groups``, as ``train``), with the bundled
recipe (one-vs-rest linear SVMs on block4+block5, region pooling) and review thresholds calibrated on the
held-out predictions as ``train`` calibrates them. Three families of changes, each swept so that the trade-off
between sakura/cosmos sorted right and other flowers moved shows, not one lucky point:

* ``weights``: the other flowers count W times in training (the SVMs' boundary pushed towards them).
* ``gate``: a second, sakura-only SVM against the hardest negatives (a cascade, as in hard-negative mining):
  the other flowers of the training sources, or the "other" photos the first SVM scores nearest sakura; a photo
  labelled sakura whose gate margin is below T goes to review instead.
* ``bilinear``: second-order pooling of block5_conv3 (bilinear CNN, Lin et al. 2015, the classic feature for
  fine-grained species): channels reduced by a PCA fitted on the training sources of each fold, the mean outer
  product over the 14 x 14 positions, signed square root, unit length; alone and beside the bundled features.
* ``regions``: the SVMs trained on the 3 x 3 regions too, not only on the whole photos (multiple-instance
  learning, as mi-SVM): every region of an "other" photo is one more negative (nine crops of each plum tree), and
  the 4 regions of a sakura or cosmos photo that a first fit scores highest for its class are positives; each
  region counts W of a photo. Read as the bundled model reads (``regions3x3/top4/0.5``).
* ``zoom``: each 3 x 3 cell cropped from the full-resolution photo and run through VGG16 at 224 x 224 (a 3x zoom,
  where petals and stalks show), extracted once in int8 into ``benchmarks/out/lookalike_zoom.npy`` (about 5
  minutes): SVMs on the zoomed cells (every cell of an "other" photo a negative at 1/9, the 4 cells a first fit
  scores best for a class photo positives at 1/4), read alone or mixed with the bundled margins; and a
  sakura-only gate on the zoomed cells against those of the other flowers.
* ``colour``: a colour histogram of the 224 x 224 photo the network sees (HSV, 12 x 4 x 4 bins, square root)
  beside the bundled features, times W (the photo's histogram added to each of its regions too).
* ``kernel``: RBF-kernel SVMs instead of linear ones on the same features (a non-linear head), swept over C and
  gamma, read as the bundled model reads.

Reads the features through the product's feature cache (as ``neither.py``) and block5_conv3 maps, extracted
once with TensorFlow float32 into ``benchmarks/out/lookalike_maps.npz`` (about 2 minutes).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from neither import with_regions  # noqa: E402

from sakura_sorter.model.bundle import bundled_model_dir, view_features  # noqa: E402
from sakura_sorter.model.calibration import calibrate_thresholds  # noqa: E402
from sakura_sorter.model.pooling import REGION_TOP, pool_margins, region_rows  # noqa: E402
from sakura_sorter.model.recipes import NEITHER_RECIPE, fit_bundle  # noqa: E402
from sakura_sorter.model.training_features import load_training_features  # noqa: E402
from sakura_sorter.model.validation import cv_groups  # noqa: E402

ORDER = ["cosmos", "other", "sakura"]
MAPS = REPO / "benchmarks" / "out" / "lookalike_maps.npz"
ZOOM = REPO / "benchmarks" / "out" / "lookalike_zoom.npy"


class Study:
    """The shipped training features with regions, their held-out groups and what each photo is."""

    def __init__(self, data_root: Path) -> None:
        data = load_training_features(bundled_model_dir())
        if data is None:
            raise SystemExit("the bundled model has no features.npz")
        self.data, self.root = data, data_root
        self.features = with_regions(data.names, data.labels, data_root)
        self.y = np.asarray(data.labels)
        subsets = np.asarray(data.subsets)
        self.groups = np.asarray(cv_groups(data.names, data.sources, data.labels, self.features))
        self.flowers = (self.y == "other") & (subsets != "everyday")
        self.ordinary = subsets == "everyday"
        self.classes = self.y != "other"
        self.scenes = np.array([any("whole scene" in k for k in ks) for ks in data.kinds]) & self.classes
        self.x = view_features(self.features, NEITHER_RECIPE.view)  # what the SVMs read, and its 3 x 3 regions
        parts = region_rows(self.features, NEITHER_RECIPE.view)
        assert parts is not None
        self.parts = parts

    def per_fold(self, fold: Callable[[np.ndarray], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
        """Run ``fold(test_mask)`` for each held-out group (2 processes) and put its arrays back in photo order."""
        from joblib import Parallel, delayed

        masks = [self.groups == g for g in np.unique(self.groups)]
        parts = Parallel(n_jobs=2)(delayed(fold)(m) for m in masks)
        out: dict[str, np.ndarray] = {}
        for mask, part in zip(masks, parts):
            for key, value in part.items():
                if key not in out:
                    out[key] = np.empty((len(self.y), *value.shape[1:]), dtype=value.dtype)
                out[key][mask] = value
        return out

    def read(self, coef: np.ndarray, b: np.ndarray, x: np.ndarray, parts: np.ndarray) -> np.ndarray:
        """Linear margins of photos ``x`` with their ``parts`` (regions), read as the bundled model reads them."""
        return pool_margins(x @ coef.T + b, parts @ coef.T + b, [c != "other" for c in ORDER], REGION_TOP)

    def report(self, name: str, margins: np.ndarray, keep: np.ndarray | None = None, width: int = 40) -> np.ndarray:
        """Print the figures of held-out ``margins`` (confidence slope fitted on them); returns the labels."""
        from sakura_sorter.model.confidence import fit_slope, margins_to_scores

        truth = np.array([ORDER.index(v) for v in self.y])
        scores = margins_to_scores(margins, fit_slope(margins, truth, len(ORDER)), len(ORDER))
        label = np.asarray(ORDER)[scores.argmax(1)]
        print(f"  {name:>{width}}: {self.line(label, scores.max(1), keep)}", flush=True)
        return label

    def line(self, label: np.ndarray, conf: np.ndarray, keep: np.ndarray | None = None) -> str:
        """The sorting figures at calibrated thresholds; ``keep`` False sends a photo to review."""
        limits = calibrate_thresholds(self.y, label, conf, ORDER, "other")
        need = np.array([limits[v] for v in label])
        moved = (conf >= need) & (label != "other")
        if keep is not None:
            moved &= keep
        right = moved & (label == self.y) & self.classes
        wrong = int((moved & (label != self.y) & self.classes).sum())
        review = ~moved & (label != "other") | (conf < need)
        return (
            f"right {right[self.classes].mean():6.1%}, wrong {wrong}, "
            f"scenes {right[self.scenes].mean():4.0%}, other flowers moved {moved[self.flowers].mean():5.1%}, "
            f"ordinary {int(moved[self.ordinary].sum())}, "
            f"review (flowers) {review[self.classes | self.flowers].mean():5.1%}"
        )


def flower_weights(s: Study) -> None:
    print("Other flowers counted W times in training:")
    for w in (1.0, 3.0, 10.0):
        weights = np.where(s.flowers, w, 1.0)

        def fold(test: np.ndarray, weights: np.ndarray = weights) -> dict[str, np.ndarray]:
            bundle = fit_bundle(s.features[~test], s.y[~test], NEITHER_RECIPE, weights=weights[~test])
            label, conf, _ = bundle.predict(s.features[test])
            return {"label": np.asarray(label, dtype="<U6"), "conf": conf}

        got = s.per_fold(fold)
        print(f"  W = {w:4.0f}: {s.line(got['label'], got['conf'])}", flush=True)


def gate(s: Study) -> None:
    from sklearn.svm import SVC

    x = view_features(s.features, NEITHER_RECIPE.view)
    regions = region_rows(s.features, NEITHER_RECIPE.view)
    assert regions is not None
    negatives = {
        "other flowers": lambda train, margin: s.flowers[train],
        "'other' with sakura margin > -1": lambda train, margin: (s.y[train] == "other") & (margin > -1),
        "'other' with sakura margin > -0.5": lambda train, margin: (s.y[train] == "other") & (margin > -0.5),
    }

    def fold(test: np.ndarray) -> dict[str, np.ndarray]:
        train = ~test
        bundle = fit_bundle(s.features[train], s.y[train], NEITHER_RECIPE)
        label, conf, _ = bundle.predict(s.features[test])
        w = bundle.weights
        j = bundle.classes.index("sakura")
        margin = x[train] @ w.coef[j] + w.intercept[j]
        out = {"label": np.asarray(label, dtype="<U6"), "conf": conf}
        for name, pick in negatives.items():
            rows = np.flatnonzero(train)[(s.y[train] == "sakura") | pick(train, margin)]
            side = (s.y[rows] == "sakura").astype(int)
            cw = {k: len(side) / (2.0 * max(1, int((side == k).sum()))) for k in (0, 1)}
            svm = SVC(kernel="linear", C=1.0, class_weight=cw).fit(x[rows], side)
            coef, b = svm.coef_.ravel(), svm.intercept_[0]
            mean = x[test] @ coef + b
            best = np.sort(regions[test] @ coef + b, axis=1)[:, -4:].mean(1)
            out[name] = 0.5 * mean + 0.5 * best  # read as the bundled model reads sakura
        return out

    got = s.per_fold(fold)
    label, conf = got["label"], got["conf"]
    print(f"Cascade: a photo labelled sakura needs gate margin >= T\n  {'no gate':>40}: {s.line(label, conf)}")
    for name in negatives:
        for t in (-0.5, -0.25, 0.0, 0.25, 0.5):
            keep = (label != "sakura") | (got[name] >= t)
            print(f"  {name + f', T = {t:+.2f}':>40}: {s.line(label, conf, keep)}", flush=True)


def block5_maps(s: Study) -> np.ndarray:
    if MAPS.is_file():
        return np.load(MAPS)["b5c3"]
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import tensorflow as tf

    from sakura_sorter.vision.photos import load_for_model

    weights = os.environ.get("SAKURA_SORTER_WEIGHTS") or str(
        s.root / "weights" / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
    )
    base = keras.applications.VGG16(include_top=False, weights=weights, input_shape=(224, 224, 3))
    model = keras.Model(base.input, base.get_layer("block5_conv3").output)
    run = tf.function(lambda t: model(keras.applications.vgg16.preprocess_input(tf.cast(t, tf.float32))))
    found = {p.name: p for p in s.root.rglob("*") if p.is_file()}
    maps = np.stack([run(load_for_model(found[n], 224)[None]).numpy()[0].astype(np.float16) for n in s.data.names])
    MAPS.parent.mkdir(parents=True, exist_ok=True)
    np.savez(MAPS, b5c3=maps)
    return maps


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.clip(np.linalg.norm(v, axis=-1, keepdims=True), 1e-12, None)


def bilinear(s: Study) -> None:
    maps = block5_maps(s)
    n, h, w, c = maps.shape
    flat = maps.reshape(n, h * w, c).astype(np.float32)
    # each photo's sum of outer products over its positions, per group, so each fold's PCA skips its group
    group_names = np.unique(s.groups)
    scatter = {g: np.einsum("npi,npj->ij", flat[s.groups == g], flat[s.groups == g]) for g in group_names}
    total = sum(scatter.values())
    base = view_features(s.features, NEITHER_RECIPE.view)

    print("Second-order pooling of block5_conv3 (the SVMs read the whole photo: no region pooling):")
    for d, with_base in ((0, True), (32, False), (32, True), (64, False), (64, True)):

        def fold(test: np.ndarray, d: int = d, with_base: bool = with_base) -> dict[str, np.ndarray]:
            from sklearn.svm import SVC

            x = base
            if d:
                held = sum(scatter[g] for g in np.unique(s.groups[test]))
                _, vecs = np.linalg.eigh(total - held)
                z = flat @ vecs[:, ::-1][:, :d].astype(np.float32)
                gram = np.einsum("npi,npj->nij", z, z) / (h * w)
                rows, cols = np.triu_indices(d)
                upper = gram[:, rows, cols]
                x = _unit(np.sign(upper) * np.sqrt(np.abs(upper)))
                x = np.hstack([base, x]) if with_base else x
            margins = np.zeros((int(test.sum()), len(ORDER)))
            for j, cls in enumerate(ORDER):
                side = (s.y[~test] == cls).astype(int)
                cw = {k: len(side) / (2.0 * max(1, int((side == k).sum()))) for k in (0, 1)}
                svm = SVC(kernel="linear", C=1.0, class_weight=cw).fit(x[~test], side)
                margins[:, j] = svm.decision_function(x[test])
            return {"margins": margins}

        got = s.per_fold(fold)["margins"]
        from sakura_sorter.model.confidence import fit_slope, margins_to_scores

        scores = margins_to_scores(got, fit_slope(got, np.array([ORDER.index(v) for v in s.y]), 3), 3)
        label = np.asarray(ORDER)[scores.argmax(1)]
        name = (
            f"bilinear d={d}" + (" + bundled features" if with_base else "")
            if d
            else "bundled features, read as a mean"
        )
        print(f"  {name:>40}: {s.line(label, scores.max(1))}", flush=True)


def _ovr(rows: np.ndarray, labels: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One-vs-rest linear SVMs (C=1), each side balanced by its total weight: (coef, intercept) in ORDER.

    Not the product's ``OneVsRestSVC``, which balances the sides by their counts: here a region counts a fraction
    of a photo, so nine regions of a plum tree must weigh as one photo in the balance too. With every weight 1
    (the ``colour`` step) both are the same."""
    from sklearn.svm import SVC

    coefs, intercepts = [], []
    for cls in ORDER:
        side = labels == cls
        scale = np.where(side, weights.sum() / (2 * weights[side].sum()), weights.sum() / (2 * weights[~side].sum()))
        svm = SVC(kernel="linear", C=1.0).fit(rows, side.astype(int), sample_weight=weights * scale)
        coefs.append(svm.coef_.ravel())
        intercepts.append(svm.intercept_[0])
    return np.array(coefs), np.array(intercepts)


def regions(s: Study) -> None:
    x, parts = s.x, s.parts
    print(
        "SVMs trained on regions too (negatives: all 9 regions of 'other' photos; positives: a class photo's best 4):"
    )
    for negative, positive in (
        (0.0, 0.0),
        (1 / 9, 0.0),
        (1 / 3, 0.0),
        (1.0, 0.0),
        (0.0, 0.25),
        (1 / 9, 0.25),
        (1 / 3, 0.5),
    ):

        def fold(test: np.ndarray, negative: float = negative, positive: float = positive) -> dict[str, np.ndarray]:
            train = np.flatnonzero(~test)
            rows, labels, weights = [x[train]], [s.y[train]], [np.ones(len(train))]
            if positive:
                coef, b = _ovr(x[train], s.y[train], np.ones(len(train)))
            for i in train:
                if s.y[i] == "other" and negative:
                    rows.append(parts[i])
                    labels.append(np.full(len(parts[i]), "other"))
                    weights.append(np.full(len(parts[i]), negative))
                elif s.y[i] != "other" and positive:
                    j = ORDER.index(s.y[i])
                    top = np.argsort(parts[i] @ coef[j] + b[j])[-4:]
                    rows.append(parts[i][top])
                    labels.append(np.full(len(top), s.y[i]))
                    weights.append(np.full(len(top), positive))
            coef, b = _ovr(np.vstack(rows), np.concatenate(labels), np.concatenate(weights))
            return {"margins": s.read(coef, b, x[test], parts[test])}

        name = f"regions as negatives W = {negative:.2f}, as positives W = {positive:.2f}"
        s.report(name, s.per_fold(fold)["margins"], width=52)


def zoomed_cells(s: Study) -> np.ndarray:
    """(n, 9, 1024): block4+block5 averages of each 3 x 3 cell, cropped from the photo decoded at >= 672 pixels."""
    if ZOOM.is_file():
        return np.load(ZOOM)
    from PIL import Image

    from sakura_sorter.vision.feature_spec import AVG_DIM, BLOCK5_SIDE, REGION_CUTS
    from sakura_sorter.vision.photos import open_image
    from sakura_sorter.vision.settings import ExtractorSettings

    extractor = ExtractorSettings.resolve(None, "int8", 16).build()
    found = {p.name: p for p in s.root.rglob("*") if p.is_file()}
    cells = len(REGION_CUTS) ** 2
    out = np.zeros((len(s.data.names), cells, AVG_DIM), np.float32)
    for start in range(0, len(s.data.names), 16):  # 16 photos' cells a call: whole batches of 16
        crops = []
        for name in s.data.names[start : start + 16]:
            im = open_image(found[name], min_size=3 * 224)
            w, h = im.size
            for a, b in REGION_CUTS:
                for c, d in REGION_CUTS:
                    box = (c * w // BLOCK5_SIDE, a * h // BLOCK5_SIDE, d * w // BLOCK5_SIDE, b * h // BLOCK5_SIDE)
                    cell = im.crop(box)
                    crops.append(np.asarray(cell.resize((224, 224), Image.Resampling.BILINEAR), np.uint8))
        got = extractor.extract(np.stack(crops))[:, :AVG_DIM]
        out[start : start + len(crops) // cells] = got.reshape(-1, cells, AVG_DIM)
    ZOOM.parent.mkdir(parents=True, exist_ok=True)
    np.save(ZOOM, out)
    return out


def zoom(s: Study) -> None:
    from sklearn.svm import SVC

    from sakura_sorter.vision.feature_spec import LAYER_DIM

    raw = zoomed_cells(s).astype(np.float64)
    z = np.concatenate([_unit(raw[..., :LAYER_DIM]), _unit(raw[..., LAYER_DIM:])], axis=2)  # as the view scales
    x, parts = s.x, s.parts

    def fold(test: np.ndarray) -> dict[str, np.ndarray]:
        train = np.flatnonzero(~test)
        coef, b = _ovr(x[train], s.y[train], np.ones(len(train)))
        rows, labels, weights, gate_rows, gate_side = [], [], [], [], []
        for i in train:
            j = ORDER.index(s.y[i])
            top = np.argsort(parts[i] @ coef[j] + b[j])[-4:]
            cells = z[i] if s.y[i] == "other" else z[i][top]
            rows.append(cells)
            labels += [s.y[i]] * len(cells)
            weights += [1 / len(cells)] * len(cells)
            if s.y[i] == "sakura" or s.flowers[i]:
                gate_rows.append(cells)
                gate_side += [int(s.y[i] == "sakura")] * len(cells)
        zc, zb = _ovr(np.vstack(rows), np.array(labels), np.array(weights))
        gate = SVC(kernel="linear", C=1.0, class_weight="balanced").fit(np.vstack(gate_rows), np.array(gate_side))
        gate_scores = z[test] @ gate.coef_.ravel() + gate.intercept_[0]
        return {
            "bundled": s.read(coef, b, x[test], parts[test]),
            "zoom": _best_cells(z[test] @ zc.T + zb),
            "gate": np.sort(gate_scores, axis=1)[:, -4:].mean(1),
        }

    got = s.per_fold(fold)
    print("Zoomed 3 x 3 cells (each cropped from the full photo, 224 x 224):")
    label = s.report("bundled", got["bundled"], width=32)
    s.report("zoomed cells alone", got["zoom"], width=32)
    for mix in (0.25, 0.5):
        s.report(f"bundled + zoomed x {mix}", (1 - mix) * got["bundled"] + mix * got["zoom"], width=32)
    for t in (-0.5, 0.0, 0.25):
        keep = (label != "sakura") | (got["gate"] >= t)
        s.report(f"bundled, zoomed gate >= {t:+.2f}", got["bundled"], keep, width=32)


def _best_cells(scores: np.ndarray) -> np.ndarray:
    """Margins (n, classes) from margins of cells (n, cells, classes): the flower classes as the mean of their 4
    best cells, "other" as the mean of all (no whole-photo part: the cells are all there is)."""
    flower = np.array([c != "other" for c in ORDER])
    return np.where(flower, np.sort(scores, axis=1)[:, -4:].mean(axis=1), scores.mean(axis=1))


def colour(s: Study) -> None:
    from PIL import Image

    from sakura_sorter.vision.photos import load_for_model

    found = {p.name: p for p in s.root.rglob("*") if p.is_file()}
    hists = []
    for name in s.data.names:
        hsv = np.asarray(Image.fromarray(load_for_model(found[name], 224)).convert("HSV")).reshape(-1, 3).astype(int)
        bins = (hsv[:, 0] * 12 // 256) * 16 + (hsv[:, 1] * 4 // 256) * 4 + hsv[:, 2] * 4 // 256
        counts = np.bincount(bins, minlength=192).astype(float)
        hists.append(np.sqrt(counts / counts.sum()))
    hist = np.array(hists)
    ones = np.ones(len(s.y))
    print("A colour histogram beside the features, times W:")
    for w in (0.0, 0.5, 1.0, 2.0):
        x = np.hstack([s.x, w * hist])
        parts = np.concatenate([s.parts, np.repeat(w * hist[:, None, :], s.parts.shape[1], axis=1)], axis=2)

        def fold(test: np.ndarray, x: np.ndarray = x, parts: np.ndarray = parts) -> dict[str, np.ndarray]:
            coef, b = _ovr(x[~test], s.y[~test], ones[~test])
            return {"margins": s.read(coef, b, x[test], parts[test])}

        s.report(f"W = {w:.1f}", s.per_fold(fold)["margins"], width=12)


def _per_layer_unit(rows: np.ndarray) -> np.ndarray:
    """Each layer's half of ``rows`` (..., 1024) scaled to unit length, as the view scales a whole photo."""
    half = rows.shape[-1] // 2
    return np.concatenate([_unit(rows[..., :half]), _unit(rows[..., half:])], axis=-1)


def kernel(s: Study) -> None:
    """A non-linear head: one-vs-rest RBF SVMs on the features the linear ones read (each region scaled to unit
    length per layer, as a photo is, so it is scored as a photo would be), read as the bundled model reads."""
    from sklearn.svm import SVC

    parts = _per_layer_unit(s.parts)
    print("RBF-kernel SVMs instead of linear ones (gamma in units of 1 / the mean squared distance):")
    mean_sq = float(np.mean(np.sum((s.x[:200, None, :] - s.x[None, :200, :]) ** 2, axis=-1)))
    for c, g in ((1.0, 1.0), (10.0, 1.0), (10.0, 3.0), (100.0, 3.0), (10.0, 0.3)):

        def fold(test: np.ndarray, c: float = c, g: float = g) -> dict[str, np.ndarray]:
            train = ~test
            n_test, n_parts = int(test.sum()), parts.shape[1]
            mean, regions = np.zeros((n_test, len(ORDER))), np.zeros((n_test, n_parts, len(ORDER)))
            for j, cls in enumerate(ORDER):
                side = (s.y[train] == cls).astype(int)
                cw = {k: len(side) / (2.0 * max(1, int((side == k).sum()))) for k in (0, 1)}
                svm = SVC(kernel="rbf", C=c, gamma=g / mean_sq, class_weight=cw).fit(s.x[train], side)
                mean[:, j] = svm.decision_function(s.x[test])
                regions[:, :, j] = svm.decision_function(parts[test].reshape(-1, parts.shape[2])).reshape(
                    n_test, n_parts
                )
            return {"margins": pool_margins(mean, regions, [k != "other" for k in ORDER], REGION_TOP)}

        s.report(f"RBF C = {c:g}, gamma = {g:g}", s.per_fold(fold)["margins"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--only", default="weights,gate,bilinear,regions,colour,zoom,kernel")
    args = parser.parse_args()
    study = Study(args.data)
    print(
        f"{len(study.y)} photos, {len(set(study.groups))} held-out groups; {int(study.flowers.sum())} other flowers, "
        f"{int(study.scenes.sum())} whole scenes of sakura/cosmos"
    )
    steps = {
        "weights": flower_weights,
        "gate": gate,
        "bilinear": bilinear,
        "regions": regions,
        "colour": colour,
        "zoom": zoom,
        "kernel": kernel,
    }
    for name in args.only.split(","):
        steps[name](study)
    return 0


if __name__ == "__main__":
    sys.exit(main())
