"""The first schema: records, requests, answers, audit log (append-only: triggers refuse changes).

Revision ID: 0001
Revises:
Create Date: 2026-11-23 06:10:29.991446
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.append_only import AUDIT_LOG_REFUSAL, append_only

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answered_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("requester_fingerprint", sa.String(length=95), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.Column("requester_kbo", sa.String(length=10), nullable=False),
        sa.Column("requester_name", sa.String(length=100), nullable=False),
        sa.Column("signed_by", sa.Text(), nullable=False),
        sa.Column("ssin", sa.String(length=11), nullable=True),
        sa.Column("begin", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error_code", sa.String(length=30), nullable=True),
        sa.Column("times_asked", sa.Integer(), nullable=False),
        sa.Column("response_xml", sa.LargeBinary(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("requester_fingerprint", "request_id"),
    )
    with op.batch_alter_table("answered_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answered_requests_ssin"), ["ssin"], unique=False)

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("ssin", sa.String(length=11), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_ssin"), ["ssin"], unique=False)

    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ssin", sa.String(length=11), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=False),
        sa.Column("to_date", sa.Date(), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consents_ssin"), ["ssin"], unique=False)

    op.create_table(
        "ocmw_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kbo", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=True),
        sa.Column("key_path", sa.Text(), nullable=True),
        sa.Column("cert_path", sa.Text(), nullable=True),
        sa.Column("trust_path", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ssin", sa.String(length=11), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ssin"),
    )
    op.create_table(
        "sent_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.Column("responder_url", sa.Text(), nullable=False),
        sa.Column("ssin", sa.String(length=11), nullable=False),
        sa.Column("begin", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.Column("request_xml", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("responder_kbo", sa.String(length=10), nullable=True),
        sa.Column("responder_name", sa.String(length=100), nullable=True),
        sa.Column("signed_by", sa.Text(), nullable=True),
        sa.Column("response_xml", sa.LargeBinary(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_id"),
    )
    with op.batch_alter_table("sent_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sent_requests_ssin"), ["ssin"], unique=False)
        batch_op.create_index(batch_op.f("ix_sent_requests_status"), ["status"], unique=False)

    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id"),
    )
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossiers_person_id"), ["person_id"], unique=False)

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("legislation", sa.String(length=20), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("duration_months", sa.Integer(), nullable=True),
        sa.Column("judgment", sa.Boolean(), nullable=False),
        sa.Column("legal_motivation", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id", "number"),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decisions_dossier_id"), ["dossier_id"], unique=False)

    op.create_table(
        "gpmi_contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.String(length=64), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contract_id"),
    )
    with op.batch_alter_table("gpmi_contracts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gpmi_contracts_dossier_id"), ["dossier_id"], unique=False)

    op.create_table(
        "aids",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("category", sa.Integer(), nullable=True),
        sa.Column("monthly_amount", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("refunded_amount", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("aids", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aids_decision_id"), ["decision_id"], unique=False)

    op.create_table(
        "calculation_elements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("calculation_elements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calculation_elements_decision_id"), ["decision_id"], unique=False)

    op.create_table(
        "gpmi_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("validated_on", sa.Date(), nullable=True),
        sa.Column("pdf_filename", sa.String(length=200), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["gpmi_contracts.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contract_id", "version"),
    )
    with op.batch_alter_table("gpmi_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_gpmi_versions_contract_id"), ["contract_id"], unique=False)

    append_only_audit_log()


def append_only_audit_log() -> None:
    """The database itself refuses to change or delete a line of the audit log."""
    append_only("audit_log", AUDIT_LOG_REFUSAL)


def downgrade() -> None:
    with op.batch_alter_table("gpmi_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gpmi_versions_contract_id"))

    op.drop_table("gpmi_versions")
    with op.batch_alter_table("calculation_elements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calculation_elements_decision_id"))

    op.drop_table("calculation_elements")
    with op.batch_alter_table("aids", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aids_decision_id"))

    op.drop_table("aids")
    with op.batch_alter_table("gpmi_contracts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gpmi_contracts_dossier_id"))

    op.drop_table("gpmi_contracts")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decisions_dossier_id"))

    op.drop_table("decisions")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossiers_person_id"))

    op.drop_table("dossiers")
    with op.batch_alter_table("sent_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sent_requests_status"))
        batch_op.drop_index(batch_op.f("ix_sent_requests_ssin"))

    op.drop_table("sent_requests")
    op.drop_table("persons")
    op.drop_table("ocmw_identity")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consents_ssin"))

    op.drop_table("consents")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_ssin"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))
        batch_op.drop_index(batch_op.f("ix_audit_log_action"))

    op.drop_table("audit_log")
    with op.batch_alter_table("answered_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answered_requests_ssin"))

    op.drop_table("answered_requests")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
