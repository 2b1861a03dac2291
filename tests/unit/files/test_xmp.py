"""XMP sidecar merging keeps what was there and adds the label once."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sakura_sorter.files import xmp

LIGHTROOM_STYLE = b"""<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
     xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/" crs:Exposure2012="+0.35">
   <lr:hierarchicalSubject><rdf:Bag><rdf:li>places|Kyoto</rdf:li></rdf:Bag></lr:hierarchicalSubject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>"""


def test_sidecar_name() -> None:
    assert xmp.sidecar_for(Path("/a/IMG 1.JPG")) == Path("/a/IMG 1.JPG.xmp")


def test_new_sidecar_has_the_label_everywhere() -> None:
    labels = xmp.labels_in(xmp.merge_label(None, "桜"))
    assert labels == {"subject": ["桜"], "hierarchicalSubject": ["桜"], "TagsList": ["桜"]}


def test_merge_keeps_attributes_prefixes_and_entries() -> None:
    merged = xmp.merge_label(LIGHTROOM_STYLE, "sakura")
    assert xmp.labels_in(merged)["hierarchicalSubject"] == ["places|Kyoto", "sakura"]
    assert b'crs:Exposure2012="+0.35"' in merged  # prefix and value survive
    assert xmp.has_label(merged, "sakura") and not xmp.has_label(LIGHTROOM_STYLE, "sakura")
    assert xmp.merge_label(merged, "sakura") == merged  # idempotent


def test_plain_text_subject_becomes_a_bag_keeping_its_value() -> None:
    plain = (
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b'<rdf:Description rdf:about=""><dc:subject>flowers</dc:subject></rdf:Description></rdf:RDF>'
    )
    assert xmp.labels_in(xmp.merge_label(plain, "cosmos"))["subject"] == ["flowers", "cosmos"]


@pytest.mark.parametrize("broken", [b"<not xml", b"<root><child/></root>"])
def test_unmergeable_sidecars_are_refused(broken: bytes) -> None:
    with pytest.raises(xmp.XmpError):
        xmp.merge_label(broken, "sakura")


def test_exiftool_reads_merged_lightroom_sidecar(tmp_path: Path, exiftool: str) -> None:
    sidecar = tmp_path / "p.jpg.xmp"
    sidecar.write_bytes(xmp.merge_label(LIGHTROOM_STYLE, "sakura"))
    out = subprocess.run(
        [exiftool, "-s3", "-XMP:Subject", "-XMP:HierarchicalSubject", "-XMP-crs:Exposure2012", str(sidecar)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.splitlines() == ["sakura", "places|Kyoto, sakura", "+0.35"]
