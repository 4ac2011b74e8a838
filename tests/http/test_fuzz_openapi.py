"""schemathesis drives every operation of the OpenAPI document (issue 10) with generated requests.

The app runs in-process over the real data.  Each operation gets a bounded number of examples
(``EXAMPLES``, with no time limit per example: the bound is the count).  Every answer must:
not be a server error; have a status code, a content type and headers the document declares; have
a body that validates against the declared schema (so every error, whatever its status, is in the
one error shape); and a request the schema says is invalid must be refused with a 4xx.  A request
the schema allows may still be refused (a query that does not parse, a slug that names nothing):
that is the protocol, not a failure.
"""

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks
from support.settings import real_app

EXAMPLES = 30
APP = real_app()


@schemathesis.serializer("application/sparql-query")
def _query_body(ctx, value):
    """A SPARQL query sent as the body is its text in UTF-8."""
    return str(value).encode("utf-8")


SCHEMA = schemathesis.openapi.from_wsgi("/api/openapi.json", APP)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]


@SCHEMA.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_every_operation_answers_as_documented(case):
    case.call_and_validate(checks=CHECKS)


@SCHEMA.include(path_regex="^/api/queries/").parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_a_named_query_takes_every_value_its_parameters_allow(case):
    """The parameters' schemas say exactly what the API takes: a value they allow is answered (2xx)."""
    case.call_and_validate(checks=[*CHECKS, checks.positive_data_acceptance])
