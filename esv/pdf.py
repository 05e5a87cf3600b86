"""The PDF rule: the ``Contract`` of a GPMI part is a real PDF, of the declared size and digest."""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict

from pypdf import PdfReader

PDF_HEADER = b"%PDF-"


def contract_problems(pdf: bytes, *, declared_size: int, declared_sha256: str) -> list[str]:
    """Every way the decoded contract differs from what its attributes declare or from a PDF."""
    problems = []
    if len(pdf) != declared_size:
        problems.append(f"the contract is {len(pdf):,} bytes but its size attribute says {declared_size:,}")
    digest = hashlib.sha256(pdf).hexdigest()
    if digest != declared_sha256.lower():
        problems.append(f"the SHA-256 of the contract is {digest}, not the declared {declared_sha256}")
    problem = _remembered_pdf_problem(digest, pdf)
    if problem:
        problems.append(problem)
    return problems


_VERDICTS: OrderedDict[str, str | None] = OrderedDict()
_VERDICTS_KEPT = 256
_lock = threading.Lock()


def _remembered_pdf_problem(digest: str, pdf: bytes) -> str | None:
    """``pdf_problem``, read once per distinct PDF (by its SHA-256): a responder sends the same
    contract in many answers, and checking it costs more than the rest of an answer."""
    with _lock:
        if digest in _VERDICTS:
            _VERDICTS.move_to_end(digest)
            return _VERDICTS[digest]
    verdict = pdf_problem(pdf)
    with _lock:
        _VERDICTS[digest] = verdict
        while len(_VERDICTS) > _VERDICTS_KEPT:
            _VERDICTS.popitem(last=False)
    return verdict


def pdf_problem(pdf: bytes) -> str | None:
    """Why ``pdf`` is not a readable PDF, or ``None`` when pypdf can read it."""
    if not pdf.startswith(PDF_HEADER):
        return f"the contract is not a PDF: it does not start with %PDF- (it starts with {pdf[:8]!r})"
    try:
        pages = len(PdfReader(io.BytesIO(pdf), strict=False).pages)
    except Exception as error:  # damaged input makes pypdf raise many kinds, not only PyPdfError
        return f"the contract PDF cannot be read, it is damaged or truncated ({type(error).__name__}: {error})"
    if pages == 0:
        return "the contract PDF has no pages"
    return None
