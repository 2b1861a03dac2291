"""Keep the window's translation sources up to date: ``python tests/tools/translations.py``.

Finds every translatable string of ``sakura_sorter/gui`` with Python's ``ast`` (``pyside6-lupdate`` misses
calls whose count is an expression), and merges them into ``translations/sakura_sorter_ja.ts`` (every
message) and ``sakura_sorter_en.ts`` (the messages with a count, for English plurals). Existing translations
are kept; new messages are marked unfinished; messages no longer in the code are dropped. The ``.qm`` files
are built from these ``.ts`` files when the package is built (``setup.py``).

Recognised calls: ``translate("Context", "text"[, disambiguation[, n]])`` (also ``QCoreApplication.translate``),
``self.tr("text"[, disambiguation[, n]])`` in a class (the context is the class name), and ``_tr("text"[, n])``
in a module whose ``_tr`` calls ``translate("Context", ...)``.
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

GUI = Path(__file__).resolve().parents[2] / "sakura_sorter" / "gui"
TS_DIR = GUI / "translations"


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    where: str


def _text(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _module_context(tree: ast.Module) -> str | None:
    """The context of a module's ``_tr`` helper: the first argument of the ``translate`` call inside it."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "_tr":
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and _callee(call) == "translate" and call.args:
                    return _text(call.args[0])
    return None


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def extract(path: Path) -> list[Message]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    helper = _module_context(tree)
    found: list[Message] = []

    def visit(node: ast.AST, cls: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call):
                name, args = _callee(child), child.args
                where = f"{path.relative_to(GUI).as_posix()}:{child.lineno}"
                has_n = any(k.arg == "n" for k in child.keywords)
                if name == "translate" and len(args) >= 2 and _text(args[0]) and _text(args[1]):
                    found.append(Message(_text(args[0]) or "", _text(args[1]) or "", len(args) >= 4 or has_n, where))
                elif name == "tr" and isinstance(child.func, ast.Attribute) and cls and args and _text(args[0]):
                    found.append(Message(cls, _text(args[0]) or "", len(args) >= 3 or has_n, where))
                elif name == "_tr" and helper and args and _text(args[0]):
                    found.append(Message(helper, _text(args[0]) or "", len(args) >= 2 or has_n, where))
            visit(child, cls)

    visit(tree, None)
    return found


def extract_all() -> list[Message]:
    """Every message of the window, in source order, each (context, source) once."""
    seen: dict[tuple[str, str], Message] = {}
    for path in sorted(GUI.rglob("*.py")):
        for message in extract(path):
            key = (message.context, message.source)
            if key in seen and message.numerus and not seen[key].numerus:
                seen[key] = message
            seen.setdefault(key, message)
    return list(seen.values())


def read_ts(path: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> translation forms (empty forms for unfinished ones)."""
    if not path.exists():
        return {}
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished":
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            out[(name, message.findtext("source") or "")] = forms
    return out


def write_ts(path: Path, language: str, messages: list[Message], known: dict[tuple[str, str], list[str]]) -> int:
    """Write the ``.ts`` file; returns how many messages are unfinished."""
    root = ET.Element("TS", version="2.1", language=language)
    contexts: dict[str, ET.Element] = {}
    unfinished = 0
    for m in messages:
        if m.context not in contexts:
            contexts[m.context] = ET.SubElement(root, "context")
            ET.SubElement(contexts[m.context], "name").text = m.context
        element = ET.SubElement(contexts[m.context], "message", numerus="yes") if m.numerus else None
        element = element if element is not None else ET.SubElement(contexts[m.context], "message")
        ET.SubElement(element, "location", filename=f"../{m.where.split(':')[0]}", line=m.where.split(":")[1])
        ET.SubElement(element, "source").text = m.source
        forms = known.get((m.context, m.source))
        translation = ET.SubElement(element, "translation")
        if not forms:
            translation.set("type", "unfinished")
            unfinished += 1
            forms = [""]
        if m.numerus:
            for form in forms:
                ET.SubElement(translation, "numerusform").text = form
        else:
            translation.text = forms[0]
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return unfinished


def main() -> int:
    messages = extract_all()
    ja = TS_DIR / "sakura_sorter_ja.ts"
    en = TS_DIR / "sakura_sorter_en.ts"
    missing_ja = write_ts(ja, "ja_JP", messages, read_ts(ja))
    missing_en = write_ts(en, "en_US", [m for m in messages if m.numerus], read_ts(en))
    print(f"{len(messages)} messages; unfinished: {missing_ja} Japanese, {missing_en} English plurals")
    return 0


if __name__ == "__main__":
    sys.exit(main())
