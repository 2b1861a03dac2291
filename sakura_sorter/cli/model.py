"""``sakura-sorter model``: show the active model and its card; choose another, or go back to the bundled one."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "model",
        help="show the active model; list, choose or reset models",
        description="Without options: the model that classify, sort and the window use (unless --model names "
        "another), with its card. Your models (taught or trained) live in your user data folder.",
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--list", action="store_true", help="list the bundled model and yours")
    what.add_argument("--use", metavar="NAME|DIR", help="make one of your models (or a model folder) the active one")
    what.add_argument("--reset", action="store_true", help="go back to the bundled model (yours are kept)")
    parser.add_argument("--card", action="store_true", help="print the whole card (JSON)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sakura_sorter.jobs.teaching import teaching_report
    from sakura_sorter.model import registry

    if args.reset:
        registry.reset()
        print("Your active model is now the bundled one.")
        return 0
    if args.use:
        from sakura_sorter.jobs import Jobs
        from sakura_sorter.model.bundle import load_bundle

        folder = Path(args.use)
        if (folder / "model.json").is_file():
            load_bundle(folder)  # a model that cannot be loaded is not installed
            name = registry.install(folder, "").name
        else:
            name = args.use
        entry = Jobs().use_model(name)  # loaded (and so checked) first, as the window does
        print(f"Your active model is now {entry.name!r} ({entry.folder}).")
        return 0
    entries = registry.list_models()
    if args.list:
        for e in entries:
            mark = "*" if e.active else " "
            print(f"{mark} {e.name:<28} {summary(e.card)}")
        return 0
    active = next(e for e in entries if e.active)
    print(f"Active model: {active.name} ({active.folder})")
    print(f"  {summary(active.card)}")
    taught = teaching_report()
    if taught.counts:
        print(f"  your teaching set: {sum(taught.counts.values())} label(s) {taught.counts} in {taught.path}")
    if args.card:
        print(json.dumps(active.card, indent=2, ensure_ascii=False))
    return 0


def summary(card: dict[str, Any]) -> str:
    data = card.get("training_data", {})
    counts = ", ".join(f"{k} {v}" for k, v in (data.get("counts") or {}).items())
    parts = [f"classes: {', '.join(card.get('classes', []))}", f"trained on {counts}"]
    if data.get("labels_from_the_person"):
        parts.append(f"{data['labels_from_the_person']} of them your labels")
    held = (card.get("metrics") or {}).get("source_held_out")
    if held:
        parts.append(
            f"sources held out: {held['class_photos_sorted_right']:.1%} of class photos sorted right, "
            f"{held['neither_sorted_into_a_class_folder']:.1%} of the others sorted into a class folder"
        )
    comparison = (card.get("metrics") or {}).get("comparison")
    if comparison:
        parts.append(f"taught: {comparison['old_all']:.1%} -> {comparison['new_all']:.1%} (cross-validation)")
    if card.get("created"):
        parts.append(f"made {card['created']}")
    return "; ".join(parts)
