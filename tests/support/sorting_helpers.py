"""Plan and apply on real files in temporary folders without a model: write placeholder photos, make results,
sort them, read a CSV report back (shared by the file, CLI, window and kill tests)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from sakura_sorter.files.apply import apply_plan
from sakura_sorter.files.plan import make_plan
from sakura_sorter.results import PhotoResult

CLASSES = ("cosmos", "sakura")


def write(path: Path, size: int = 2048) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(os.urandom(size))
    return path


def result(path: Path, label: str = "sakura", confidence: float = 0.95, **kw: object) -> PhotoResult:
    scores = {label: confidence, next(c for c in CLASSES if c != label): 1 - confidence} if label in CLASSES else {}
    return PhotoResult(path=path, label=label, confidence=confidence, scores=scores, **kw)


def sort(folder: Path, results: list[PhotoResult], mode: str = "move", threshold: float = 0.8):
    plan = make_plan(folder, results, CLASSES, mode=mode, threshold=threshold)
    return plan, apply_plan(plan)


def read_report(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))


EXISTING_XMP = """<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>
<x:xmpmeta xmlns:x='adobe:ns:meta/'>
<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>
 <rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'
   xmlns:xmp='http://ns.adobe.com/xap/1.0/' xmlns:my='http://example.com/my/'>
  <dc:subject><rdf:Bag><rdf:li>spring</rdf:li></rdf:Bag></dc:subject>
  <xmp:Rating>4</xmp:Rating>
  <my:Note>keep me</my:Note>
 </rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end='w'?>"""
