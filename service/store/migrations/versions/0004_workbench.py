"""the reviewer's workbench: story facts, article sentences, finding positions, queue outlets and search, undo

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('facts', sa.JSON(), nullable=True))
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sentences', sa.JSON(), nullable=True))
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('slot', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('facts', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('positions', sa.JSON(), nullable=True))
    with op.batch_alter_table('triage_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('review_decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('triage_item_outlets',
    sa.Column('triage_item_id', sa.Integer(), nullable=False),
    sa.Column('outlet', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['triage_item_id'], ['triage_items.id'], ),
    sa.PrimaryKeyConstraint('triage_item_id', 'outlet')
    )
    with op.batch_alter_table('triage_item_outlets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_triage_item_outlets_outlet'), ['outlet'], unique=False)
    _backfill()


def _backfill() -> None:
    """Queue items stored before this revision get their outlets and search text from their findings' claims."""
    import json

    bind = op.get_bind()
    claims = {cid: (outlet, text) for cid, outlet, text in bind.execute(sa.text("SELECT id, outlet, text FROM claims"))}
    rows = bind.execute(sa.text("SELECT t.id, f.claim_ids, f.explanation FROM triage_items t "
                                "JOIN findings f ON f.id = t.finding_id")).all()
    for item_id, claim_ids, explanation in rows:
        if isinstance(claim_ids, str):
            claim_ids = json.loads(claim_ids)
        found = [claims[c] for c in claim_ids or () if c in claims]
        for outlet in sorted({o for o, _ in found}):
            bind.execute(sa.text("INSERT INTO triage_item_outlets (triage_item_id, outlet) VALUES (:i, :o)"),
                         {"i": item_id, "o": outlet})
        words = " ".join([t for _, t in found] + [explanation or ""])
        bind.execute(sa.text("UPDATE triage_items SET search_text = :s WHERE id = :i"),
                     {"s": " ".join(words.split()).casefold(), "i": item_id})


def downgrade() -> None:
    with op.batch_alter_table('triage_item_outlets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_triage_item_outlets_outlet'))
    op.drop_table('triage_item_outlets')
    with op.batch_alter_table('review_decisions', schema=None) as batch_op:
        batch_op.drop_column('undone_at')
    with op.batch_alter_table('triage_items', schema=None) as batch_op:
        batch_op.drop_column('search_text')
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_column('positions')
        batch_op.drop_column('facts')
        batch_op.drop_column('slot')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_column('sentences')
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_column('facts')
