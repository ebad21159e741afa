"""Writing ``<titles>`` (for the resource and for related items).

A title is ``{title, titleType, lang}`` or a bare string.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from doiregistry.metadata.write_values import as_list, as_mapping, clean_text, controlled, language

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def write_titles(parent: etree._Element, ns: str, titles: Any, *, always: bool = True) -> None:
    """Append ``<titles>``; with ``always`` even when empty (mandatory for the resource)."""
    wrapper = etree.Element(f"{{{ns}}}titles")
    for item in as_list(titles):
        title = as_mapping(item, "title")
        if title is None:
            continue
        text = clean_text(title.get("title"))
        if text is None:
            continue
        element = etree.SubElement(wrapper, f"{{{ns}}}title")
        element.text = text
        title_type = controlled(title.get("titleType"), "titleType")
        if title_type is not None:
            element.set("titleType", title_type)
        lang = language(title.get("lang"))
        if lang is not None:
            element.set(XML_LANG, lang)
    if always or len(wrapper):
        parent.append(wrapper)
