"""XMP sidecars (``photo.jpg.xmp``): add a label as a keyword without touching the photo.

The label goes into ``dc:subject`` (read by almost everything), ``lr:hierarchicalSubject``
(Lightroom) and ``digiKam:TagsList`` (digiKam). An existing sidecar is merged: every element,
attribute and namespace it had is kept; only missing ``rdf:li`` entries are added.
"""

from __future__ import annotations

import contextlib
import io
import xml.etree.ElementTree as ET
from pathlib import Path

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
X = "adobe:ns:meta/"
DC = "http://purl.org/dc/elements/1.1/"
LR = "http://ns.adobe.com/lightroom/1.0/"
DIGIKAM = "http://www.digikam.org/ns/1.0/"

#: (namespace, property, RDF container) that receive the label.
LABEL_PROPERTIES = ((DC, "subject", "Bag"), (LR, "hierarchicalSubject", "Bag"), (DIGIKAM, "TagsList", "Seq"))
_PREFIXES = {"x": X, "rdf": RDF, "dc": DC, "lr": LR, "digiKam": DIGIKAM}
_PACKET_BEGIN = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
_PACKET_END = '\n<?xpacket end="w"?>\n'


class XmpError(ValueError):
    """An existing sidecar that cannot be merged safely (so it is left untouched)."""


def sidecar_for(photo: Path) -> Path:
    """The sidecar this program writes: the photo's full name plus ``.xmp``."""
    return photo.with_name(photo.name + ".xmp")


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _parse(data: bytes) -> ET.Element:
    """Parse a sidecar, registering its own prefixes so they survive re-serialisation."""
    try:
        for _event, (prefix, uri) in ET.iterparse(io.BytesIO(data), events=("start-ns",)):
            if prefix and uri not in _PREFIXES.values():
                with contextlib.suppress(ValueError):  # reserved prefix such as ns0
                    ET.register_namespace(prefix, uri)
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise XmpError(f"existing XMP sidecar is not valid XML: {exc}") from exc


def _skeleton() -> ET.Element:
    root = ET.Element(_q(X, "xmpmeta"))
    rdf = ET.SubElement(root, _q(RDF, "RDF"))
    ET.SubElement(rdf, _q(RDF, "Description"), {_q(RDF, "about"): ""})
    return root


def _rdf_root(root: ET.Element) -> ET.Element:
    rdf = root if root.tag == _q(RDF, "RDF") else root.find(f".//{_q(RDF, 'RDF')}")
    if rdf is None:
        raise XmpError("existing XMP sidecar has no rdf:RDF element")
    return rdf


def _container(prop: ET.Element, kind: str) -> ET.Element:
    for name in ("Bag", "Seq", "Alt"):
        found = prop.find(_q(RDF, name))
        if found is not None:
            return found
    box = ET.SubElement(prop, _q(RDF, kind))
    if prop.text and prop.text.strip():  # a plain-text value: keep it as the first entry
        ET.SubElement(box, _q(RDF, "li")).text = prop.text.strip()
        prop.text = None
    return box


def labels_in(data: bytes) -> dict[str, list[str]]:
    """The entries of each label property, keyed by property name (for checks and tests)."""
    rdf = _rdf_root(_parse(data))
    found: dict[str, list[str]] = {}
    for ns, name, _kind in LABEL_PROPERTIES:
        entries: list[str] = []
        for prop in rdf.iter(_q(ns, name)):
            entries += [li.text or "" for li in prop.iter(_q(RDF, "li"))]
        found[name] = entries
    return found


def has_label(data: bytes, label: str) -> bool:
    """True when every label property already lists ``label``."""
    return all(label in entries for entries in labels_in(data).values())


def merge_label(data: bytes | None, label: str) -> bytes:
    """The sidecar bytes with ``label`` added (``data`` None = no sidecar yet)."""
    for prefix, uri in _PREFIXES.items():
        ET.register_namespace(prefix, uri)
    root = _skeleton() if data is None else _parse(data)
    rdf = _rdf_root(root)
    descriptions = rdf.findall(_q(RDF, "Description"))
    if not descriptions:
        descriptions = [ET.SubElement(rdf, _q(RDF, "Description"), {_q(RDF, "about"): ""})]
    for ns, name, kind in LABEL_PROPERTIES:
        prop = next((p for d in descriptions if (p := d.find(_q(ns, name))) is not None), None)
        if prop is None:
            prop = ET.SubElement(descriptions[0], _q(ns, name))
        box = _container(prop, kind)
        if label not in [li.text for li in box.findall(_q(RDF, "li"))]:
            ET.SubElement(box, _q(RDF, "li")).text = label
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return (_PACKET_BEGIN + body + _PACKET_END).encode("utf-8")


def remove_label(data: bytes, label: str, keep: dict[str, list[str]] | None = None) -> bytes | None:
    """The sidecar with ``label`` taken out of the label properties, everything else kept; None when no
    property lists it. ``keep`` (as :func:`labels_in` returns) names properties that held the label before
    it was added: there it stays. A container or property left empty by the removal goes too."""
    for prefix, uri in _PREFIXES.items():
        ET.register_namespace(prefix, uri)
    root = _parse(data)
    rdf = _rdf_root(root)
    changed = False
    for ns, name, _kind in LABEL_PROPERTIES:
        if keep and label in keep.get(name, []):
            continue
        for parent in list(rdf.iter()):
            for prop in [p for p in parent if p.tag == _q(ns, name)]:
                for box in list(prop):
                    matches = [li for li in box.findall(_q(RDF, "li")) if li.text == label]
                    for li in matches:
                        box.remove(li)
                    if matches and len(box) == 0:
                        prop.remove(box)
                    changed = changed or bool(matches)
                if len(prop) == 0 and not (prop.text or "").strip() and changed:
                    parent.remove(prop)
    if not changed:
        return None
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return (_PACKET_BEGIN + body + _PACKET_END).encode("utf-8")
