"""Readable element paths for messages: ``/SocialReport/Dossier[2]/Decision[1]/Number``."""

from __future__ import annotations

from lxml import etree


def element_path(node: etree._Element) -> str:
    """The element's path by local names, with a position where siblings share the name."""
    parts = []
    current: etree._Element | None = node
    while current is not None:
        name = etree.QName(current).localname
        parent = current.getparent()
        if parent is not None:
            namesakes = [sibling for sibling in parent if sibling.tag == current.tag]
            if len(namesakes) > 1:
                name += f"[{namesakes.index(current) + 1}]"
        parts.append(name)
        current = parent
    return "/" + "/".join(reversed(parts))
