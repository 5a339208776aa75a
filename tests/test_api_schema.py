"""Property-based: schemathesis generates requests for every GET operation of the
OpenAPI schema; none may be a server error and every answer must fit the schema.

Operations are listed from the app's own schema at collection time; each test then
loads the schema from the real ASGI app over a fresh database with sample reports
(the ``app`` fixture, so it runs on every backend) and lets Hypothesis drive it.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from truce.app import Truce
from truce.config import Settings
from truce.serve.app import create_app
from truce.store.accounts import issue_api_token
from webtools import ingest_samples, user

EXAMPLES = 25  # bounded so the suite stays fast; raise it locally for a deeper search
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance,
          status_code_conformance]


def _get_operations() -> list[str]:
    """Paths of the GET operations in the app's OpenAPI schema (no database needed)."""
    spec = create_app(Truce(Settings.resolve(":memory:"))).openapi()
    return sorted(path for path, methods in spec["paths"].items() if "get" in methods)


@pytest.mark.parametrize("path", _get_operations())
def test_get_operation_never_fails_and_fits_the_schema(app: Truce, path: str) -> None:
    ingest_samples(app, ("2025-11-03-khan-younis-drone-strike-coastal-herald.md",
                         "2025-11-04-khan-younis-aid-point-shooting-levant-wire.md"))
    user(app, "amal", "analyst")  # so that analyst-only listings answer with data too
    headers = {"Authorization": f"Bearer {issue_api_token(app.store, 'amal')}"}
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(app))
    operation = schema[path]["GET"]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    def check(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=CHECKS, headers=headers)

    check()


def test_every_api_operation_is_in_the_schema() -> None:
    paths = _get_operations()
    for expected in ("/api/events", "/api/events/{event_id}", "/api/incidents/{incident_id}",
                     "/api/reports/{report_id}", "/api/compliance", "/api/timeline",
                     "/api/alerts", "/api/me", "/api/review/queue", "/api/audit"):
        assert expected in paths
