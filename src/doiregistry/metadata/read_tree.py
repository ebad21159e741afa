"""Namespace-blind access to the elements of a parsed DataCite document.

DataCite's reader ignores namespaces entirely: a document in the kernel-4
namespace, in kernel-3, with a ``datacite:`` prefix, with a misspelt
namespace or with none at all is read the same way. These helpers look
children and attributes up by *local* name, so the field readers never deal
with namespaces.

Text is taken the way DataCite's XML-to-hash step takes it: the element's own
text nodes (not those of nested elements) joined together. An element is
*blank* when it has no attributes, no child elements and only whitespace.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

Element = etree._Element


def local_name(element: Element) -> str:
    """The element's tag without namespace; ``""`` for comments and the like."""
    tag: object = element.tag
    if not isinstance(tag, str):  # an unresolved entity reference
        return ""
    return tag.rsplit("}", 1)[-1]


def _element_children(element: Element) -> Iterator[Element]:
    for node in element:
        if isinstance(node.tag, str):
            yield node


def children(element: Element | None, name: str) -> list[Element]:
    """Direct child elements called ``name`` (any namespace), in order."""
    if element is None:
        return []
    return [node for node in _element_children(element) if local_name(node) == name]


def child(element: Element | None, name: str) -> Element | None:
    """The first direct child element called ``name``, or ``None``."""
    found = children(element, name)
    return found[0] if found else None


def nested(element: Element | None, wrapper: str, name: str) -> list[Element]:
    """Elements ``name`` inside every ``wrapper`` child, e.g. ``creators/creator``."""
    result: list[Element] = []
    for container in children(element, wrapper):
        result.extend(children(container, name))
    return result


def has_children(element: Element) -> bool:
    """Whether the element contains any child element."""
    return any(True for _ in _element_children(element))


def attr(element: Element | None, name: str) -> str | None:
    """Attribute value by local name (``lang`` finds ``xml:lang``), or ``None``."""
    if element is None:
        return None
    for key, value in element.attrib.items():
        key_text = key if isinstance(key, str) else key.decode()
        if key_text.rsplit("}", 1)[-1] == name:
            return value if isinstance(value, str) else value.decode()
    return None


def own_text(element: Element) -> str:
    """The element's own text nodes joined (text of nested elements excluded)."""
    parts = [element.text or ""]
    parts.extend(node.tail or "" for node in element)
    return "".join(parts)


def is_blank(element: Element) -> bool:
    """True for an element without attributes, child elements or visible text."""
    return not element.attrib and not has_children(element) and not own_text(element).strip()


def text_or_none(element: Element | None) -> str | None:
    """The element's own text, or ``None`` when the element is missing or blank."""
    if element is None or is_blank(element):
        return None
    value = own_text(element)
    return value if value.strip() else None
