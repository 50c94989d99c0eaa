"""POST /v1/keys and DELETE /v1/keys/{id}: admins create and revoke API keys (also `factcheck keys …`)."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from service.auth import ROLES, create_key, current_caller, require_role, revoke_key
from service.api import examples, openapi
from service.errors import ApiError
from service.store import audit, db
from service.store.models import ApiKey, valid_id

blp = Blueprint("keys", __name__, url_prefix="/v1", description="API keys (admin)")


class KeyIn(Schema):
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    name = fields.String(load_default="", validate=validate.Length(max=200))


class KeyOut(Schema):
    id = fields.Integer(required=True)
    role = fields.String(required=True)
    name = fields.String()
    prefix = fields.String()
    key = fields.String(metadata={"description": "the key itself, shown only in the answer that creates it"})
    revoked = fields.Boolean()


@blp.route("/keys")
class Keys(MethodView):
    @require_role("admin")
    @openapi.requires_key(blp, *openapi.BODY_ERRORS, 403)
    @blp.arguments(KeyIn, example=examples.KEY_REQUEST)
    @blp.response(201, KeyOut, example=examples.KEY_CREATED)
    def post(self, body):
        """Create a key; the answer is the only place the key appears."""
        session = db.session()
        row, key = create_key(session, body["role"], body["name"])
        audit.record(session, "key_created", "api_key", row.id, current_caller().key_id, role=row.role, name=row.name)
        session.commit()
        return {"id": row.id, "role": row.role, "name": row.name, "prefix": row.prefix, "key": key, "revoked": False}


@blp.route("/keys/<int:key_id>")
class Key(MethodView):
    @require_role("admin")
    @openapi.requires_key(blp, 403, 404)
    @blp.response(200, KeyOut, example=examples.KEY_REVOKED)
    def delete(self, key_id):
        """Revoke a key; requests with it get 401 from then on."""
        session = db.session()
        row = session.get(ApiKey, key_id) if valid_id(key_id) else None
        if row is None:
            raise ApiError(f"No key {key_id}.", status=404, code="not_found")
        revoke_key(session, row)
        audit.record(session, "key_revoked", "api_key", key_id, current_caller().key_id)
        session.commit()
        return {"id": row.id, "role": row.role, "name": row.name, "prefix": row.prefix, "revoked": True}
