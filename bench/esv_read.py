"""Benchmark of the ESV read path and of build + sign, side by side with xmlschema.

    python bench/esv_read.py [--seconds 3]

Two documents: a social report of 10 dossiers x 5 decisions carrying a 1 MB contract PDF, and the
same with a 20 MB PDF. For each it prints documents per second of

- the toolkit's full read path: safe parse, XSD (lxml), rules, PDF check, model (``esv.document.read``);
- the peer a software house would otherwise use: ``xmlschema``'s ``validate`` + ``to_dict``;
- build + sign (model -> checked XML -> enveloped RSA-SHA256 signature -> bytes);

and the peak memory of one read, measured in a fresh process as the growth of its resident set.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import io
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import numpy as np
from pypdf import PdfWriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from esv.codes import AidCategory, AidKind, CalculationCode, DecisionKind, GpmiKind, Legislation  # noqa: E402
from esv.document import build, build_tree, read, serialize  # noqa: E402
from esv.model import (  # noqa: E402
    Aid,
    CalculationElement,
    Consent,
    ContractPdf,
    Decision,
    Dossier,
    Gpmi,
    Ocmw,
    Person,
    SocialReport,
)
from esv.schemafile import schema_path  # noqa: E402
from esv.signing import SigningIdentity, sign  # noqa: E402


def pdf_of_size(megabytes: float) -> bytes:
    """A real PDF of about that size: the shipped contract with an incompressible scan attached."""
    writer = PdfWriter(clone_from=ROOT / "fixtures" / "esv" / "contract-gpmi.pdf")
    scan = np.random.default_rng(7).bytes(int(megabytes * 1_000_000))
    writer.add_attachment("scan.bin", scan)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def report(pdf: bytes) -> SocialReport:
    decisions = tuple(
        Decision(
            number=number,
            kind=DecisionKind.GRANT,
            legislation=Legislation.RMI_2002,
            decision_date=dt.date(2025, number, 10),
            effective_date=dt.date(2025, number, 1),
            duration_months=6,
            judgment=False,
            legal_motivation="Art. 3 en 14 van de wet van 26 mei 2002." * 5,
            aid=(Aid(kind=AidKind.LIVING_WAGE, category=AidCategory.SINGLE, monthly_amount=Decimal("1325.07")),),
            calculation_elements=(
                CalculationElement(code=CalculationCode.CHILDREN, label="1"),
                CalculationElement(code=CalculationCode.MAINTENANCE_RECEIVED, amount=Decimal("120.00")),
            ),
        )
        for number in range(1, 6)
    )
    consent = Consent(from_date=dt.date(2026, 1, 1), to_date=dt.date(2026, 12, 31), granted=True)
    gpmi = Gpmi(
        contract_id="C-1",
        version=3,
        kind=GpmiKind.GENERAL,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        validated_on=dt.date(2025, 1, 10),
        consent=consent,
        contract=ContractPdf.of("contract.pdf", pdf),
    )
    person = Person(ssin="92021416206", last_name="DE SMET", first_name="Sofie")
    dossiers = tuple(
        Dossier(
            dossier_id=f"D-{index}", main_beneficiary=person, decisions=decisions, gpmi=gpmi if index == 0 else None
        )
        for index in range(10)
    )
    return SocialReport(
        created_on=dt.date(2026, 11, 2), ocmw=Ocmw(kbo="0207654333", name="CPAS de Liège"), dossiers=dossiers
    )


def rate(action: Callable[[], object], seconds: float) -> float:
    """Calls per second of ``action``, over at least ``seconds`` (and at least two calls)."""
    action()
    count, start = 0, time.perf_counter()
    while count < 2 or time.perf_counter() - start < seconds:
        action()
        count += 1
    return count / (time.perf_counter() - start)


def memory_status(field: str) -> int:
    """A field of /proc/self/status (VmRSS, VmHWM), in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def peak_growth(mode: str, path: Path) -> int:
    """Peak resident-set growth of one read of ``path``, in a fresh process."""
    output = subprocess.run(
        [sys.executable, __file__, "--measure", mode, str(path)], check=True, capture_output=True, text=True
    ).stdout
    return int(output.strip())


def measure(mode: str, path: Path) -> None:
    """Child process: print the peak growth of the resident set during one read."""
    import xmlschema

    peer = xmlschema.XMLSchema(str(schema_path()))
    small = path.with_name("small.xml")
    read(small)  # warm the compiled schema and imports, as a running service would be
    peer.to_dict(str(small))
    Path("/proc/self/clear_refs").write_text("5")  # the high-water mark starts again from here
    before = memory_status("VmRSS")
    if mode == "toolkit":
        read(path)
    else:
        peer.validate(str(path))
        peer.to_dict(str(path))
    print(memory_status("VmHWM") - before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent per figure")
    parser.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure[0], Path(args.measure[1]))
        return
    import xmlschema

    from tests.conftest import make_identity

    peer = xmlschema.XMLSchema(str(schema_path()))
    identity: SigningIdentity = make_identity("Bench", "rsa").signing
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "small.xml"
        small.write_bytes(build(dataclasses.replace(report(pdf_of_size(0.01)), dossiers=report(b"").dossiers[1:2])))
        print(
            f"{'document':<22}{'size':>9}  {'read/s':>8}  {'xmlschema/s':>11}  {'ratio':>6}  "
            f"{'build+sign/s':>12}  {'peak read':>10}  {'peak peer':>10}  {'peak/size':>9}"
        )
        for label, megabytes in (("10x5, 1 MB PDF", 1), ("10x5, 20 MB PDF", 20)):
            model = report(pdf_of_size(megabytes))
            path = Path(folder) / f"report-{megabytes}.xml"
            path.write_bytes(build(model))
            size = path.stat().st_size
            ours = rate(lambda path=path: read(path), args.seconds)
            theirs = rate(lambda path=path: (peer.validate(str(path)), peer.to_dict(str(path))), args.seconds)
            signing = rate(
                lambda model=model: serialize(sign(build_tree(model).getroot(), identity).getroottree(), pretty=False),
                args.seconds,
            )
            peak_ours, peak_theirs = peak_growth("toolkit", path), peak_growth("xmlschema", path)
            print(
                f"{label:<22}{size / 1e6:>7.1f}MB  {ours:>8.2f}  {theirs:>11.3f}  {ours / theirs:>5.1f}x  "
                f"{signing:>12.2f}  {peak_ours / 1e6:>8.1f}MB  {peak_theirs / 1e6:>8.1f}MB  {peak_ours / size:>8.2f}x"
            )


if __name__ == "__main__":
    main()
