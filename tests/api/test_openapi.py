"""The OpenAPI document: key security on /v1, an example for every body, every error with the error shape."""
import warnings

import pytest
from marshmallow import Schema

from service.api import examples, openapi

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/openapi.json").get_json()


def operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def resolve(spec, node):
    while "$ref" in node:
        kind, name = node["$ref"].split("/")[-2:]
        node = spec["components"][kind][name]
    return node


def test_every_v1_operation_needs_a_key_and_documents_401_429_503(spec):
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {"type": "http", "scheme": "bearer", "description": schemes["bearerAuth"]["description"]}
    assert schemes["apiKeyHeader"] == {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    seen = 0
    for path, method, operation in operations(spec):
        if path.startswith("/v1/"):
            seen += 1
            assert operation["security"] == [{"bearerAuth": []}, {"apiKeyHeader": []}], (method, path)
            assert {"401", "429", "503"} <= set(operation["responses"]), (method, path)
        else:
            assert "security" not in operation, (method, path)
    assert seen >= 9


def test_operations_with_a_body_document_400_413_415_422_and_roles_document_403(spec):
    for path, method, operation in operations(spec):
        responses = set(operation["responses"])
        if "requestBody" in operation:
            assert {"400", "413", "415", "422"} <= responses, (method, path)
        if path.startswith(("/v1/articles", "/v1/triage", "/v1/keys")):
            assert "403" in responses, (method, path)
        if "{" in path:
            assert "404" in responses, (method, path)


def test_every_error_response_has_the_error_schema_and_an_example_of_its_status(spec, app):
    from service.schemas import ErrorOut

    for path, method, operation in operations(spec):
        for status, response in operation["responses"].items():
            if status == "default" or status.startswith("2"):
                continue
            content = resolve(spec, response)["content"]["application/json"]
            schema = resolve(spec, content["schema"])
            assert "error" in schema["properties"], (method, path, status)
            example = content["example"]["error"]
            assert example["code"] and example["message"], (method, path, status)
            if status != "409":
                assert ErrorOut().validate(content["example"]) == {}
    assert set(openapi.ERRORS) == {400, 401, 403, 404, 409, 413, 415, 422, 429, 503}
    limited = resolve(spec, spec["paths"]["/v1/compare"]["post"]["responses"]["429"])
    assert {"Retry-After", "X-RateLimit-Reset"} <= set(limited["headers"])


def test_every_operation_has_an_example_response_and_every_body_an_example_request(spec):
    for path, method, operation in operations(spec):
        success = [r for s, r in operation["responses"].items() if s.startswith("2")]
        assert success and all("example" in resolve(spec, r)["content"]["application/json"] for r in success), \
            (method, path)
        if "requestBody" in operation:
            assert "example" in operation["requestBody"]["content"]["application/json"], (method, path)


def test_examples_are_valid_for_their_schemas():
    from service.api.jobs import JobOut
    from service.api.keys import KeyIn, KeyOut
    from service.api.store_schemas import (ArticleIn, ArticleOut, DecisionConflictOut, DecisionIn, StoryOut,
                                           TriageItemOut, TriagePage)
    from service.schemas import CompareRequest, CompareResponse, Health, Readiness

    pairs = [(CompareRequest, examples.COMPARE_REQUEST), (CompareResponse, examples.COMPARE_RESPONSE),
             (Health, examples.HEALTH), (Readiness, examples.READINESS), (ArticleIn, examples.ARTICLE_REQUEST),
             (ArticleOut, examples.ARTICLE_RESPONSE), (ArticleOut, examples.ARTICLE_UNCHANGED),
             (StoryOut, examples.STORY_RESPONSE), (TriagePage, examples.TRIAGE_PAGE),
             (TriageItemOut, examples.TRIAGE_ITEM), (DecisionIn, examples.DECISION_REQUEST),
             (TriageItemOut, examples.DECIDED_ITEM), (DecisionConflictOut, examples.DECISION_CONFLICT),
             (KeyIn, examples.KEY_REQUEST), (KeyOut, examples.KEY_CREATED), (KeyOut, examples.KEY_REVOKED),
             (JobOut, examples.JOB_QUEUED), (JobOut, examples.JOB_DONE)]
    for schema, example in pairs:
        assert issubclass(schema, Schema)
        assert schema().validate(example) == {}, schema.__name__


def test_the_compare_example_is_what_the_service_answers_to_its_request(client):
    response = client.post("/v1/compare", json=examples.COMPARE_REQUEST)
    assert response.status_code == 200
    body = response.get_json()
    assert len(examples.COMPARE_REQUEST["sources"]) == 2 and examples.COMPARE_RESPONSE["findings"]
    assert [(f["type"], f["slot"]) for f in body["findings"]] == \
        [(f["type"], f["slot"]) for f in examples.COMPARE_RESPONSE["findings"]]
    assert [c["text"] for c in body["claims"]] == [c["text"] for c in examples.COMPARE_RESPONSE["claims"]]


def test_schema_names_are_unique_and_apispec_does_not_warn(pipeline, tmp_path):
    import dataclasses

    from service import create_app

    settings = dataclasses.replace(pipeline.settings, database_url=f"sqlite:///{tmp_path / 's.db'}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app = create_app({"TESTING": True}, settings=settings, pipeline=pipeline)
        names = list(app.test_client().get("/openapi.json").get_json()["components"]["schemas"])
    assert not [w for w in caught if "apispec" in (w.filename or "") or "schema" in str(w.message).lower()]
    assert not [n for n in names if n[-1].isdigit()], names


def test_swagger_ui_is_served_from_the_installed_package_not_a_cdn(app):
    client = app.test_client()
    page = client.get("/docs").get_data(as_text=True)
    assert "cdn." not in page and "https://" not in page
    assert page.count("<script") == page.count("<script src=") == 2, "no inline script (the docs' CSP forbids it)"
    assert "SwaggerUIBundle" in client.get("/docs/start.js").get_data(as_text=True)
    for asset in ("swagger-ui.css", "swagger-ui-bundle.js"):
        assert f'"{openapi.SWAGGER_UI_ASSETS}{asset}"' in page
        response = client.get(openapi.SWAGGER_UI_ASSETS + asset)
        assert response.status_code == 200 and len(response.data) > 1000, asset
    assert client.get(openapi.SWAGGER_UI_ASSETS + "../__init__.py").status_code == 404
