"""Upgrades: a database made at the first schema version (revision 0001) and filled as the commands of that
time filled it is brought to the current version holding everything it held, which the toolkit of today
reads: whose it is, the person's records with the contract PDF, her consent, the request sent with the
report received (its signature verified again), the request answered, and the audit log, still append-only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, insert, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import undefer

from esv import model
from esv.codes import AidCategory, AidKind, CalculationCode, DecisionKind, GpmiKind, Legislation
from esv.disclosure import GpmiContract, GpmiVersion
from storage import consents, records, tables
from storage.database import Migration, connect, head_revision, sessions, upgrade
from tests.command_world import KEYS, run
from tests.conftest import ESV_FIXTURES
from tests.exchange_world import BACKENDS, database

SOFIE = "92021416206"
CONTRACT_PDF = (ESV_FIXTURES / "contract-gpmi.pdf").read_bytes()
REPORT = (ESV_FIXTURES / "response-ok.signed.xml").read_bytes()
"""The CPAS de Liège's signed answer to request GENT-2026-000412, as the requester of that time stored it."""
AT = dt.datetime(2026, 11, 2, 8, 30, 4, tzinfo=dt.UTC)


def rows_of_the_first_schema() -> dict[str, list[dict[str, object]]]:
    """What ``ocmw db init``, ``db import``, ``consent record``, ``esv request`` and the responder wrote at
    revision 0001, table by table, in the columns of that schema only."""
    return {
        "ocmw_identity": [
            {"id": 1, "kbo": "0212345668", "name": "OCMW Gent", "phone": "09 266 99 11",
             "key_path": str(KEYS / "ocmw-gent.key.pem"), "cert_path": str(KEYS / "ocmw-gent.cert.pem"),
             "trust_path": str(KEYS / "trust")},
        ],
        "persons": [{"id": 1, "ssin": SOFIE, "last_name": "DE SMET", "first_name": "Sofie"}],
        "dossiers": [{"id": 1, "dossier_id": "GE-2021-0412", "person_id": 1}],
        "decisions": [
            {"id": 1, "dossier_id": 1, "number": 1, "kind": "grant", "legislation": "rmi_2002",
             "decision_date": dt.date(2021, 9, 20), "effective_date": dt.date(2021, 9, 1), "duration_months": 12,
             "judgment": False, "legal_motivation": "Art. 3 van de wet van 26 mei 2002."},
        ],
        "aids": [
            {"decision_id": 1, "position": 1, "kind": "living_wage", "category": 3,
             "monthly_amount": Decimal("1214.13"), "refunded_amount": None},
        ],
        "calculation_elements": [
            {"decision_id": 1, "position": 1, "code": "children", "amount": None, "label": "2"},
        ],
        "gpmi_contracts": [{"id": 1, "contract_id": "C-2021-0031", "dossier_id": 1}],
        "gpmi_versions": [
            {"contract_id": 1, "version": 1, "kind": "general", "start": dt.date(2021, 10, 1),
             "end": dt.date(2022, 9, 30), "validated_on": dt.date(2021, 10, 4),
             "pdf_filename": "gpmi-C-2021-0031-v1.pdf", "pdf": CONTRACT_PDF},
        ],
        "consents": [
            {"ssin": SOFIE, "from_date": dt.date(2026, 1, 1), "to_date": dt.date(2035, 12, 31), "granted": True,
             "recorded_at": AT, "revoked_at": None},
        ],
        "sent_requests": [
            {"request_id": "GENT-2026-000412", "responder_url": "http://127.0.0.1:8081/esv/requests", "ssin": SOFIE,
             "begin": dt.date(2025, 1, 1), "end": dt.date(2026, 10, 31), "created_at": AT, "status": "received",
             "attempts": 1, "last_error": None, "history": [{"at": AT.isoformat(), "status": "received"}],
             "request_xml": b"<EsvRequest/>", "received_at": AT, "responder_kbo": "0207654333",
             "responder_name": "CPAS de Liège", "signed_by": "CPAS de Liège ESV", "response_xml": REPORT,
             "archived": False},
        ],
        "answered_requests": [
            {"requester_fingerprint": "sha256:" + "ab" * 32, "request_id": "LIEGE-2026-000007",
             "requester_kbo": "0207654333", "requester_name": "CPAS de Liège", "signed_by": "CPAS de Liège ESV",
             "ssin": SOFIE, "begin": dt.date(2021, 1, 1), "end": dt.date(2022, 12, 31), "received_at": AT,
             "status": "ok", "error_code": None, "times_asked": 2, "response_xml": b"<EsvResponse/>",
             "archived": False},
        ],
        "audit_log": [
            {"at": AT, "actor": "beheerder (ocmw command)", "action": action, "ssin": ssin, "details": {}}
            for action, ssin in (("database_initialised", None), ("import_decisions", None),
                                 ("request_sent", SOFIE), ("answer_received", SOFIE))
        ],
    }  # fmt: skip


@pytest.fixture(params=BACKENDS)
def first_schema(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """A database at revision 0001, filled."""
    with database(request.param, tmp_path) as url:
        engine = connect(url, create=True)
        assert upgrade(engine, to="0001") == Migration(None, "0001")
        schema = MetaData()
        schema.reflect(engine)
        with engine.begin() as connection:
            for table, rows in rows_of_the_first_schema().items():
                connection.execute(insert(schema.tables[table]), rows)  # a column 0001 did not have would fail
        yield url, engine
        engine.dispose()


def test_a_database_of_the_first_schema_upgraded_holds_everything_it_held(first_schema: tuple[str, Engine]) -> None:
    url, engine = first_schema
    assert upgrade(engine) == Migration("0001", head_revision())
    with sessions(engine)() as session:
        identity = records.own_identity(session)
        assert (identity.kbo, identity.name, identity.phone, identity.trust_path) == (
            "0212345668", "OCMW Gent", "09 266 99 11", str(KEYS / "trust"),
        )  # fmt: skip
        assert (identity.directory_url, identity.tls_cert_path, identity.retention_months) == (None, None, None)
        held = records.person_records(session, SOFIE)
        assert held is not None
        assert held.person == model.Person(ssin=SOFIE, last_name="DE SMET", first_name="Sofie")
        [dossier] = held.dossiers
        assert dossier.dossier_id == "GE-2021-0412"
        assert dossier.decisions == [
            model.Decision(
                number=1, kind=DecisionKind.GRANT, legislation=Legislation.RMI_2002,
                decision_date=dt.date(2021, 9, 20), effective_date=dt.date(2021, 9, 1), duration_months=12,
                judgment=False, legal_motivation="Art. 3 van de wet van 26 mei 2002.",
                aid=(model.Aid(kind=AidKind.LIVING_WAGE, category=AidCategory(3), monthly_amount=Decimal("1214.13"),
                               refunded_amount=None),),
                calculation_elements=(model.CalculationElement(code=CalculationCode.CHILDREN, amount=None, label="2"),),
            )
        ]  # fmt: skip
        assert dossier.contracts == [
            GpmiContract(
                contract_id="C-2021-0031",
                versions=(GpmiVersion(version=1, kind=GpmiKind.GENERAL, start=dt.date(2021, 10, 1),
                                      end=dt.date(2022, 9, 30), validated_on=dt.date(2021, 10, 4)),),
            )
        ]  # fmt: skip
        assert records.contract_pdf(session, "C-2021-0031", 1).content == CONTRACT_PDF
        consent = consents.active_consent(session, SOFIE, dt.date(2026, 12, 1))
        assert consent is not None and consent.granted
        sent = session.scalars(select(tables.SentRequest).options(undefer(tables.SentRequest.response_xml))).one()
        assert (sent.status, sent.response_xml, sent.history) == ("received", REPORT, [
            {"at": AT.isoformat(), "status": "received"}
        ])  # fmt: skip
        assert (sent.last_failure, sent.lookup_id, sent.responder_name_fr, sent.received_at) == (None, None, None, AT)
        answered = session.scalars(select(tables.AnsweredRequest)).one()
        assert (answered.request_id, answered.times_asked, answered.requester_name_fr) == ("LIEGE-2026-000007", 2, None)
        lines = session.scalars(select(tables.AuditEntry.action).order_by(tables.AuditEntry.id)).all()
        assert lines == ["database_initialised", "import_decisions", "request_sent", "answer_received"]
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log"))

    shown = run("esv", "show", "1", "--db", url)
    assert shown.exit_code == 0, shown.output
    assert "DE SMET" in shown.stdout and "CPAS de Liège" in shown.stdout
    listed = run("esv", "requests", "--db", url)
    assert "01/01/2021" in listed.stdout and "2 keer gevraagd" in listed.stdout


def test_db_init_on_a_database_of_the_first_schema_says_what_it_migrated(first_schema: tuple[str, Engine]) -> None:
    url, _ = first_schema
    result = run("db", "init", "--db", url)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{url}: ready, the database of OCMW Gent (KBO 0212.345.668)",
        f"  schema upgraded from 0001 to {head_revision()}",
    ]
    again = run("db", "init", "--db", url)
    assert again.stdout.splitlines() == [f"{url}: ready, the database of OCMW Gent (KBO 0212.345.668)"]
    engine = connect(url)
    with sessions(engine)() as session:
        upgraded = session.scalars(select(tables.AuditEntry).where(tables.AuditEntry.action == "schema_upgraded")).one()
    engine.dispose()
    assert upgraded.details == {"before": "0001", "after": head_revision()}


@pytest.mark.parametrize("backend", BACKENDS)
def test_references_the_directory_took_are_removed_by_the_upgrade_and_those_owed_kept(
    backend: str, tmp_path: Path
) -> None:
    with database(backend, tmp_path) as url:
        engine = connect(url, create=True)
        upgrade(engine, to="0007_list_indexes")
        owed = {"ssin": SOFIE, "begin": dt.date(2021, 9, 1), "end": None, "withdraw": False, "created_at": AT}
        with engine.begin() as connection:
            connection.execute(
                text(
                    'INSERT INTO pending_references (ssin, begin, "end", withdraw, created_at, sent_at) '
                    "VALUES (:ssin, :begin, :end, :withdraw, :created_at, :sent_at)"
                ),
                [owed | {"sent_at": AT}, owed | {"ssin": "85073003328", "sent_at": None}],
            )
        assert upgrade(engine) == Migration("0007_list_indexes", head_revision())
        with sessions(engine)() as session:
            assert session.scalars(select(tables.PendingReference.ssin)).all() == ["85073003328"]
        engine.dispose()
