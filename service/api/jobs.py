"""POST /v1/jobs and GET /v1/jobs/{id}: a compare run outside the request worker, for stories too big to wait for.

The job is stored in the story store's database, which is the queue (service/store/jobs.py); `factcheck jobs
work` processes run it with the same pipeline. Any key may post a job, as for /v1/compare; a job is visible to
the key that posted it and to admin keys (404 to others).
"""
from __future__ import annotations

from flask import current_app, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from service.api import examples, openapi
from service.api.compare import check_limits
from service.auth import current_caller
from service.errors import ApiError
from service.schemas import CompareRequest, CompareResponse
from service.store import db, jobs as queue
from service.store.models import Job

blp = Blueprint("jobs", __name__, url_prefix="/v1", description="Asynchronous compares for big stories")


class JobError(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)


class JobOut(Schema):
    id = fields.String(required=True)
    status = fields.String(required=True, metadata={"enum": list(queue.STATUSES)})
    created_at = fields.DateTime(required=True)
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    attempts = fields.Integer(metadata={"description": "runs started (a job whose worker died is run again)"})
    report = fields.Nested(CompareResponse, metadata={"description": "when done: the /v1/compare answer"})
    error = fields.Nested(JobError, metadata={"description": "when failed: what a compare would have answered"})


def job_payload(job: Job) -> dict:
    out = {"id": job.id, "status": job.status, "created_at": job.created_at, "started_at": job.started_at,
           "finished_at": job.finished_at, "attempts": job.attempts}
    if job.status == "done" and job.result is not None:
        out["report"] = job.result
    if job.status == "failed" and job.error:
        out["error"] = job.error
    return out


@blp.route("/jobs")
class Jobs(MethodView):
    @openapi.requires_key(blp, *openapi.BODY_ERRORS)
    @blp.arguments(CompareRequest, example=examples.COMPARE_REQUEST)
    @blp.response(202, JobOut, example=examples.JOB_QUEUED,
                  description="Queued; poll the Location (GET /v1/jobs/{id}) until status is done or failed")
    def post(self, body):
        """Queue a compare of 2 to N articles (the /v1/compare body) and answer at once with the job."""
        check_limits(body["sources"], current_app.extensions["factcheck.settings"])
        caller = current_caller()
        session = db.session()
        job = queue.enqueue(session, request.get_json(), caller.key_id if caller else None)
        session.commit()
        return job_payload(job), 202, {"Location": url_for("jobs.JobById", job_id=job.id)}


@blp.route("/jobs/<job_id>")
class JobById(MethodView):
    @openapi.requires_key(blp, 404)
    @blp.response(200, JobOut, example=examples.JOB_DONE,
                  description="The job; when done its report is what /v1/compare answers for the same body")
    def get(self, job_id):
        """A job's status, and its report once done."""
        caller = current_caller()
        job = db.session().get(Job, job_id) if len(job_id) <= 32 else None
        if job is None or (caller.role != "admin" and job.api_key_id != caller.key_id):
            raise ApiError(f"No job {job_id!r}.", status=404, code="not_found")
        return job_payload(job)
