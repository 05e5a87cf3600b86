"""The audit log as a chain: each line carries the hash of the line before it and its own
(``storage.chain``), and the chain's head records the last line. The lines already written are
chained here, in the order of their ids; the head cannot be deleted.

Revision ID: 0006_audit_chain
Revises: 0005_person_name
Create Date: 2026-12-07 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage import chain
from storage.append_only import AUDIT_LOG_REFUSAL, append_only, lifted, undeletable
from storage.tables import UtcDateTime

revision = "0006_audit_chain"
down_revision = "0005_person_name"
branch_labels = None
depends_on = None

HEAD_REFUSAL = "the head of the audit log's chain is never deleted"
LINES_AT_ONCE = 5_000

_lines = sa.table(
    "audit_log",
    sa.column("id", sa.Integer()),
    sa.column("at", UtcDateTime()),
    sa.column("actor", sa.Text()),
    sa.column("action", sa.String()),
    sa.column("ssin", sa.String()),
    sa.column("details", sa.JSON()),
    sa.column("previous_hash", sa.String()),
    sa.column("hash", sa.String()),
)
_head = sa.table(
    "audit_chain",
    sa.column("id", sa.Integer()),
    sa.column("last_id", sa.Integer()),
    sa.column("last_hash", sa.String()),
)


def upgrade() -> None:
    lifted("audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("previous_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    op.create_table(
        "audit_chain",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=True),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    last_id, last_hash = _chain_written_lines(op.get_bind())
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("previous_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
    op.execute(_head.insert().values(id=1, last_id=last_id, last_hash=last_hash))
    append_only("audit_log", AUDIT_LOG_REFUSAL)
    undeletable("audit_chain", HEAD_REFUSAL)


def _chain_written_lines(connection: sa.Connection) -> tuple[int | None, str]:
    """Every line written before the chain, chained in the order of their ids; the last line and its hash."""
    previous_id, previous = None, chain.GENESIS
    chained = (
        sa.update(_lines)
        .where(_lines.c.id == sa.bindparam("line"))
        .values(previous_hash=sa.bindparam("previous"), hash=sa.bindparam("digest"))
    )
    while True:
        after = _lines.c.id > previous_id if previous_id is not None else sa.true()
        rows = connection.execute(
            sa.select(_lines.c.id, _lines.c.at, _lines.c.actor, _lines.c.action, _lines.c.ssin, _lines.c.details)
            .where(after)
            .order_by(_lines.c.id)
            .limit(LINES_AT_ONCE)
        ).all()
        if not rows:
            return previous_id, previous
        hashes = []
        for row in rows:
            digest = chain.line_hash(
                previous, chain.canonical(chain.LineContent(row.at, row.actor, row.action, row.ssin, row.details))
            )
            hashes.append({"line": row.id, "previous": previous, "digest": digest})
            previous_id, previous = row.id, digest
        connection.execute(chained, hashes)


def downgrade() -> None:
    lifted("audit_chain", name="undeletable")
    op.drop_table("audit_chain")
    lifted("audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("hash")
        batch.drop_column("previous_hash")
    append_only("audit_log", AUDIT_LOG_REFUSAL)
