"""``sakura-sorter evaluate DATA_DIR``: accuracy of a model on labelled folders, with every mistake."""

from __future__ import annotations

import argparse
from pathlib import Path

from sakura_sorter.commands.common import MODEL_HELP, add_weights_options, extract_labelled_features, load_model
from sakura_sorter.commands.train import print_confusion


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "evaluate",
        help="measure a model on labelled folders",
        description="DATA_DIR holds one subfolder per class named as the model's classes; subfolders with "
        "other names are ignored. Prints accuracy, the confusion matrix and each misclassified photo.",
    )
    parser.add_argument("data_dir", type=Path, metavar="DATA_DIR", help="folder with one subfolder per class")
    parser.add_argument("--model", metavar="DIR", help=MODEL_HELP)
    add_weights_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import numpy as np

    from sakura_sorter.training import DatasetError, load_labelled_folder

    bundle = load_model(args)
    present = [c for c in bundle.classes if (args.data_dir / c).is_dir()]
    if not present:
        raise DatasetError(f"{args.data_dir} has no subfolder named after the model's classes ({bundle.classes}).")
    dataset = load_labelled_folder(args.data_dir, present) if len(present) > 1 else _one_class(args, present)
    features, labels, paths, skipped = extract_labelled_features(args, dataset.paths, dataset.labels)
    predicted, confidence, _scores = bundle.predict(features)
    truth = np.asarray(labels)
    correct = truth == np.asarray(predicted)
    print(f"accuracy = {correct.mean():.4f}  ({int(correct.sum())}/{len(correct)} photos)")
    matrix = [
        [int(((truth == t) & (np.asarray(predicted) == p)).sum()) for p in bundle.classes] for t in bundle.classes
    ]
    print_confusion(bundle.classes, matrix, "Confusion matrix (rows: true, columns: predicted)")
    wrong = [i for i in range(len(labels)) if not correct[i]]
    for i in sorted(wrong, key=lambda i: -confidence[i]):
        print(f"  misclassified: {paths[i]}: {labels[i]} -> {predicted[i]} (confidence {confidence[i]:.3f})")
    for path, error in skipped:
        print(f"  skipped: {path}: {error}")
    return 0


def _one_class(args: argparse.Namespace, present: list[str]):  # type: ignore[no-untyped-def]
    from sakura_sorter.imaging import find_photos
    from sakura_sorter.training import LabelledSet

    paths = find_photos(args.data_dir / present[0], recursive=True)
    return LabelledSet(args.data_dir, present, paths, present * len(paths))
