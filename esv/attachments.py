"""The GPMI contract PDFs carried by a document, and saving them without harm."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from esv.model import Document, EsvResponse, Gpmi, SocialReport

_UNSAFE = re.compile(r"[^\w.\- ]+")


def gpmi_parts(document: Document) -> Iterator[tuple[str, Gpmi]]:
    """``(dossier id, Gpmi)`` for every dossier of the document that carries a contract."""
    report = document.social_report if isinstance(document, EsvResponse) else document
    if not isinstance(report, SocialReport):
        return
    for dossier in report.dossiers:
        if isinstance(dossier.gpmi, Gpmi):
            yield dossier.dossier_id, dossier.gpmi


def safe_filename(gpmi: Gpmi) -> str:
    """The contract's own file name without any folder part or unusual character, ending in .pdf."""
    name = _UNSAFE.sub("_", Path(gpmi.contract.filename.replace("\\", "/")).name).strip(" .")
    if not name:
        name = f"gpmi-{gpmi.contract_id}-v{gpmi.version}"
    return name if name.lower().endswith(".pdf") else f"{name}.pdf"


def save_contract(gpmi: Gpmi, directory: Path) -> Path:
    """Write the contract PDF into ``directory`` (readable by its owner only); never overwrite a file."""
    directory.mkdir(parents=True, exist_ok=True)
    name = Path(safe_filename(gpmi))
    target = directory / name
    counter = 1
    while True:
        try:
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            if target.read_bytes() == gpmi.contract.content:
                return target
            target = directory / f"{name.stem}-{counter}{name.suffix}"
            counter += 1
    with os.fdopen(descriptor, "wb") as file:
        file.write(gpmi.contract.content)
    return target
