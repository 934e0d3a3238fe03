"""Hostile input at every route: wrong types, huge strings, nested junk, non-JSON, odd unicode.
Whatever arrives, the answer is never a 500 and every error is the contract's envelope."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROUTES = [
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/email-code"),
    ("POST", "/api/v1/auth/verify"),
    ("POST", "/api/v1/auth/logout"),
    ("GET", "/api/v1/me"),
    ("POST", "/api/v1/me/authenticator/enroll"),
    ("POST", "/api/v1/me/authenticator/verify"),
    ("POST", "/api/v1/me/authenticator/disable"),
    ("GET", "/api/v1/admin/users"),
    ("GET", "/api/v1/admin/users/2"),
    ("POST", "/api/v1/admin/users/2/authenticator/reset"),
    ("GET", "/api/v1/admin/audit"),
    ("GET", "/api/v1/health"),
    ("GET", "/api/v1/time"),
    ("GET", "/api/v1/dev/outbox"),
]
FIELDS = ["email", "password", "mfa_token", "method", "code"]
BIG = ["x" * 70_000, "é" * 40_000, "\U0001f600" * 20_000, "1" * 5000, "\x00" * 1000]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-8",
    "application/problem+json",
    "text/plain",
    "application/x-www-form-urlencoded",
    None,
]

unicode_text = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=50
)  # includes lone surrogates, controls, full-width digits
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**30)
    | st.floats()
    | unicode_text
    | st.sampled_from(BIG)
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | unicode_text, children, max_size=4)
    ),
    max_leaves=12,
)
field_bodies = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=5)
# Right field names and types, hostile strings: these get past validation into the domain.
hostile_strings = unicode_text | st.sampled_from(
    [
        *BIG,
        "\ud800",
        "a\udfff@acme.test",
        "１２３４５６",
        "123456\n",
        "app",
        "email",
        "alice@acme.test",
        "Sigma-demo-1",
        "000000",
        "' OR 1=1 --",
        "%s%n",
        "\u202e",
    ]
)
# Numbers at the edges of what SQLite (64-bit) and Python's int parser take.
edge_numbers = st.sampled_from(
    [
        str(2**63 - 1),
        str(2**63),
        str(2**64),
        "-" + str(2**63 + 1),
        "9" * 5000,
        "0",
        "-0",
        "1e3",
        "0x10",
        "١٢",
        "１",
    ]
) | st.integers(min_value=2**62, max_value=2**66).map(str)
typed_bodies = st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS, hostile_strings))


def encode(value) -> bytes:
    # allow_nan: NaN/Infinity are what a sloppy client sends; ensure_ascii keeps surrogates.
    return json.dumps(value).encode()


bodies = (
    typed_bodies.map(encode)
    | field_bodies.map(encode)
    | json_values.map(encode)
    | st.binary(max_size=300)
    | st.sampled_from([b"[" * 5000, b"{" * 5000, b'{"a":' * 3000, b"\xff\xfe{}", b""])
)


def assert_contract_answer(response) -> None:
    assert response.status_code < 500, response.text[:300]
    if response.status_code == 204:
        assert response.content == b""
        return
    assert response.headers["content-type"].startswith("application/json")
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}
        assert set(body["error"]) == {"code", "message"}
        assert isinstance(body["error"]["code"], str) and body["error"]["code"]


@pytest.fixture
def admin_token(stub) -> str:
    return stub.sign_in_by_email("admin@acme.test")


FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(
    route=st.sampled_from(ROUTES),
    body=bodies,
    content_type=st.sampled_from(CONTENT_TYPES),
    with_session=st.booleans(),
)
def test_hostile_bodies_never_cause_a_500(
    stub, admin_token, route, body, content_type, with_session
):
    method, path = route
    headers = {"content-type": content_type} if content_type else {}
    if with_session:
        headers["Authorization"] = f"Bearer {admin_token}"
    response = stub.client.request(method, path, content=body, headers=headers)
    assert_contract_answer(response)


@FUZZ
@given(
    segment=unicode_text | edge_numbers | st.sampled_from(["%00", "..", "%2F", "2/x"]),
    query=st.dictionaries(st.sampled_from(["to", "limit"]), unicode_text | edge_numbers),
)
def test_hostile_paths_and_queries_never_cause_a_500(stub, admin_token, segment, query):
    auth = {"Authorization": f"Bearer {admin_token}"}
    segment = quote(segment.encode("utf-8", "surrogatepass"), safe="")
    for path in (
        f"/api/v1/admin/users/{segment}",
        f"/api/v1/admin/users/{segment}/authenticator/reset",
    ):
        method = "POST" if path.endswith("reset") else "GET"
        assert_contract_answer(stub.client.request(method, path, headers=auth))
    params = {k: v.encode("utf-8", "surrogatepass") for k, v in query.items()}
    for path in ("/api/v1/admin/audit", "/api/v1/dev/outbox"):
        assert_contract_answer(stub.client.get(path, params=params, headers=auth))


@FUZZ
@given(header=st.binary(max_size=200) | st.binary(max_size=200).map(lambda b: b"Bearer " + b))
def test_hostile_authorization_headers_are_401(stub, header):
    header = header.replace(b"\r", b"").replace(b"\n", b"").replace(b"\x00", b"")
    response = stub.client.get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert_contract_answer(response)
