"""/openapi.json publishes the contract: every route, its success status and its error codes."""

from __future__ import annotations

import pytest

CONTRACT = {
    ("post", "/api/v1/auth/login"): ("200", {"400", "401", "403", "429"}),
    ("post", "/api/v1/auth/email-code"): ("202", {"400", "401", "429"}),
    ("post", "/api/v1/auth/verify"): ("200", {"400", "401", "429"}),
    ("post", "/api/v1/auth/logout"): ("204", {"401"}),
    ("get", "/api/v1/me"): ("200", {"401"}),
    ("post", "/api/v1/me/authenticator/enroll"): ("201", {"401", "409"}),
    ("post", "/api/v1/me/authenticator/verify"): ("200", {"400", "401", "409", "410", "429"}),
    ("post", "/api/v1/me/authenticator/disable"): ("200", {"400", "401", "409"}),
    ("get", "/api/v1/admin/users"): ("200", {"401", "403"}),
    ("get", "/api/v1/admin/users/{user_id}"): ("200", {"403", "404"}),
    ("post", "/api/v1/admin/users/{user_id}/authenticator/reset"): ("200", {"403", "404"}),
    ("get", "/api/v1/admin/audit"): ("200", {"403"}),
    ("get", "/api/v1/health"): ("200", set()),
    ("get", "/api/v1/time"): ("200", set()),
    ("get", "/api/v1/dev/outbox"): ("200", {"404"}),
}


@pytest.fixture
def schema(stub) -> dict:
    response = stub.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_every_contract_route_is_published_and_nothing_else(schema):
    published = {(m, p) for p, item in schema["paths"].items() for m in item}
    assert published == set(CONTRACT)


@pytest.mark.parametrize(("method", "path"), sorted(CONTRACT))
def test_statuses_are_documented(schema, method, path):
    success, errors = CONTRACT[(method, path)]
    responses = schema["paths"][path][method]["responses"]
    assert success in responses
    assert errors <= set(responses)
    assert "422" not in responses  # we answer 400, never FastAPI's validation shape
    for status in set(responses) - {success}:
        ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/ErrorEnvelope")


def test_error_codes_are_named(schema):
    verify = schema["paths"]["/api/v1/auth/verify"]["post"]["responses"]
    assert "invalid_code" in verify["401"]["description"]
    assert "invalid_mfa_token" in verify["401"]["description"]
    assert "Retry-After" in verify["429"]["headers"]


def test_no_framework_validation_schemas_leak(schema):
    components = schema["components"]["schemas"]
    assert "HTTPValidationError" not in components
    assert "ValidationError" not in components
    assert components["VerifyRequest"]["properties"]["code"]["pattern"] == "^[0-9]{6}$"


def test_session_routes_declare_bearer_auth(schema):
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert schema["paths"]["/api/v1/me"]["get"]["security"] == [{"HTTPBearer": []}]
