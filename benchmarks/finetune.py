"""Issue 16 study: does fine-tuning VGG16's last convolution teach it a new source's plum and peach from sakura?

    python benchmarks/finetune.py [--data ../shared/data] [--folds 5] [--epochs 4] [--lr 1e-4]   # ~15 min (4 epochs)
    python benchmarks/finetune.py --layers 3     # all of block5 (three convolutions) from block4_pool maps
    python benchmarks/finetune.py --lookalike-head --flower-weight 2   # other flowers a class of the head

Every reading of the ImageNet features tried so far (``lookalikes.py``) trades three to four sakura or cosmos
for each look-alike kept out. Fine-tuning changes the features themselves. The cheapest fine-tuning that does:
``block5_conv3`` (2.4 M weights, from its ImageNet values) and a 3-class soft-max head, trained on the
``block5_conv2`` maps of the training photos (extracted once with TensorFlow float32 into
``benchmarks/out/finetune_b5c2.npy``, about 5 minutes; mirrored maps as augmentation), classes balanced. Whole
sources are held out (grouped k-fold over the same groups as ``train``): in each fold the layer is trained
without the held-out sources, the block5 half of the features (whole photo and regions) is computed again with
it, and the product's own recipe (one-vs-rest linear SVMs, region pooling) is refitted on the training
sources and read on the held-out ones, against the bundled features on the same folds. ``--layers 3`` trains
all three block5 convolutions (7.1 M weights) on cached ``block4_pool`` maps instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from lookalikes import Study  # noqa: E402

from sakura_sorter.model.recipes import NEITHER_RECIPE, fit_bundle  # noqa: E402
from sakura_sorter.vision.extractor import AVG_DIM, LAYER_DIM, pool_maps  # noqa: E402
from sakura_sorter.vision.feature_spec import BLOCK5_SIDE  # noqa: E402

OUT = REPO / "benchmarks" / "out"
TUNED = ("block5_conv1", "block5_conv2", "block5_conv3")
INPUT_LAYER = {1: "block5_conv2", 2: "block5_conv1", 3: "block4_pool"}
MAPS = {1: OUT / "finetune_b5c2.npy", 2: OUT / "finetune_b5c1.npy", 3: OUT / "finetune_b4pool.npy"}


def vgg16(root: Path) -> Any:
    import keras

    weights = os.environ.get("SAKURA_SORTER_WEIGHTS") or str(
        root / "weights" / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
    )
    return keras.applications.VGG16(include_top=False, weights=weights, input_shape=(224, 224, 3))


def input_maps(s: Study, base: Any, layers: int) -> np.ndarray:
    """The maps (n, 14, 14, 512) entering the ``layers`` tuned convolutions, float16, extracted once."""
    path, name = MAPS[layers], INPUT_LAYER[layers]
    if path.is_file():
        return np.load(path)
    import keras
    import tensorflow as tf

    from sakura_sorter.vision.photos import load_for_model

    model = keras.Model(base.input, base.get_layer(name).output)
    run = tf.function(lambda t: model(keras.applications.vgg16.preprocess_input(tf.cast(t, tf.float32))))
    found = {p.name: p for p in s.root.rglob("*") if p.is_file()}
    out = np.empty((len(s.data.names), 14, 14, 512), np.float16)
    for i in range(0, len(out), 16):
        batch = np.stack([load_for_model(found[n]) for n in s.data.names[i : i + 16]])
        out[i : i + len(batch)] = run(batch).numpy().astype(np.float16)
        print(f"\r  {name} maps: {i + len(batch)}/{len(out)}", end="", flush=True)
    print()
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    return out


def block5_features(conv3_out: np.ndarray) -> np.ndarray:
    """The block5 half of the features, whole photo then each region, from ``block5_conv3`` outputs (n, 14, 14, c):
    max-pooled to 7 x 7 (``block5_pool``) and pooled by the extractor's own ``pool_maps``. (n, 1 + regions, c)."""
    import tensorflow as tf

    pooled = tf.nn.max_pool2d(conv3_out, 2, 2, "VALID")
    assert pooled.shape[1] == BLOCK5_SIDE
    return pool_maps(tf, [pooled]).numpy().reshape(len(conv3_out), -1, conv3_out.shape[-1])


def with_block5(features: np.ndarray, block5: np.ndarray) -> np.ndarray:
    """``features`` (n, FEATURE_DIM) with the block5 half of the averages and of every region replaced."""
    out = np.array(features, dtype=np.float32, copy=True)
    for k in range(block5.shape[1]):
        start = k * AVG_DIM + LAYER_DIM
        out[:, start : start + LAYER_DIM] = block5[:, k]
    return out


def train_convs(
    maps: np.ndarray, y: np.ndarray, weights: list[list[np.ndarray]], args: argparse.Namespace, flowers: np.ndarray
) -> list:
    """The last ``len(weights)`` block5 convolutions fine-tuned from ImageNet with a soft-max head on ``maps``;
    returns their tuned [kernel, bias] pairs. With ``--lookalike-head`` the head has a fourth class, the other
    flowers (``flowers``) apart from the ordinary photos, and ``--flower-weight`` weighs those photos more."""
    import keras

    convs = [keras.layers.Conv2D(512, 3, padding="same", activation="relu") for _ in weights]
    inputs = x = keras.Input((14, 14, 512))
    for conv in convs:
        x = conv(x)
    x = keras.layers.MaxPooling2D(2)(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    x = keras.layers.UnitNormalization()(x)
    names = np.where(flowers, "flower", y) if args.lookalike_head else np.asarray(y)
    order = sorted(set(names))
    outputs = keras.layers.Dense(len(order), activation="softmax")(keras.layers.Dropout(0.3)(x))
    model = keras.Model(inputs, outputs)
    for conv, pair in zip(convs, weights):
        conv.set_weights(pair)
    model.compile(optimizer=keras.optimizers.Adam(args.lr), loss="sparse_categorical_crossentropy")
    target = np.array([order.index(v) for v in names])
    counts = np.bincount(target, minlength=len(order))
    weight = (len(target) / (len(order) * counts))[target] * np.where(flowers, args.flower_weight, 1.0)
    both = np.concatenate([maps, maps[:, :, ::-1]])  # mirrored maps as augmentation
    model.fit(
        both.astype(np.float32), np.concatenate([target, target]), sample_weight=np.concatenate([weight, weight]),
        batch_size=32, epochs=args.epochs, shuffle=True, verbose=0,
    )  # fmt: skip
    return [conv.get_weights() for conv in convs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--layers", type=int, choices=(1, 2, 3), default=1, help="block5 convolutions tuned")
    parser.add_argument("--lookalike-head", action="store_true", help="other flowers a class of their own in the head")
    parser.add_argument("--flower-weight", type=float, default=1.0, help="other flowers count this many times")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from sklearn.model_selection import GroupKFold

    s = Study(args.data)
    base = vgg16(args.data)
    imagenet = [base.get_layer(name).get_weights() for name in TUNED[-args.layers :]]
    maps = input_maps(s, base, args.layers)

    def convs(weights: list[list[np.ndarray]], rows: np.ndarray) -> np.ndarray:
        import tensorflow as tf

        out = []
        for i in range(0, len(rows), 64):
            t = rows[i : i + 64].astype(np.float32)
            for kernel, bias in weights:
                t = tf.nn.relu(tf.nn.conv2d(t, kernel, 1, "SAME") + bias)
            out.append(t.numpy())
        return np.concatenate(out)

    again = block5_features(convs(imagenet, maps))
    cos = np.sum(again[:, 0] * s.features[:, LAYER_DIM:AVG_DIM], 1) / (
        np.linalg.norm(again[:, 0], axis=1) * np.linalg.norm(s.features[:, LAYER_DIM:AVG_DIM], axis=1)
    )
    source = INPUT_LAYER[args.layers]
    print(f"block5 averages recomputed from the {source} maps vs the cached features: min cosine {cos.min():.5f}")
    base_label = np.empty(len(s.y), dtype="<U6")
    base_conf, tuned_label, tuned_conf = np.zeros(len(s.y)), np.empty(len(s.y), dtype="<U6"), np.zeros(len(s.y))
    folds = GroupKFold(n_splits=args.folds).split(maps, s.y, s.groups)
    for k, (train, test) in enumerate(folds, 1):
        bundle = fit_bundle(s.features[train], s.y[train], NEITHER_RECIPE)
        label, conf, _ = bundle.predict(s.features[test])
        base_label[test], base_conf[test] = label, conf
        weights = train_convs(maps[train], s.y[train], imagenet, args, s.flowers[train])
        tuned = with_block5(s.features, block5_features(convs(weights, maps)))
        bundle = fit_bundle(tuned[train], s.y[train], NEITHER_RECIPE)
        label, conf, _ = bundle.predict(tuned[test])
        tuned_label[test], tuned_conf[test] = label, conf
        print(f"  fold {k}/{args.folds}: {len(test)} photos held out", flush=True)
    head = f", other flowers a class of their own, counted {args.flower_weight:g}x" if args.lookalike_head else ""
    print(f"{args.folds} folds over {len(set(s.groups))} groups, {args.epochs} epochs, lr {args.lr:g}{head}:")
    print(f"  {'bundled features':>32}: {s.line(base_label, base_conf)}")
    print(f"  {' + '.join(TUNED[-args.layers :]) + ' fine-tuned':>32}: {s.line(tuned_label, tuned_conf)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
