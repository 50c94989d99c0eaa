"""claim archive: each stored claim's embedding under a never-reused sequence number

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('claim_vectors',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('claim_id', sa.String(length=40), nullable=False),
    sa.Column('model', sa.String(length=300), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], ),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('claim_id'),
    sqlite_autoincrement=True
    )


def downgrade() -> None:
    op.drop_table('claim_vectors')
