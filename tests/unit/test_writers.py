"""CappedBuffer, grouped(), write_rdf() and rdf_bytes() (nukg.core.writers)."""

import pyoxigraph as ox
import pytest
from rdflib import Graph

from nukg.core.errors import InternalError, ResultTooLarge
from nukg.core.formats import DOCUMENT, GRAPH, HTML, RESULTS, TURTLE, by_name
from nukg.core.namespaces import NUK, NUO, PREFIX_IRIS
from nukg.core.terms import rdflib_graph
from nukg.core.writers import CappedBuffer, grouped, rdf_bytes, write_rdf

A, B = ox.NamedNode(str(NUK.a)), ox.NamedNode(str(NUK.b))
P, Q = ox.NamedNode(str(NUO.p)), ox.NamedNode(str(NUO.q))
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")

# a's and b's triples interleaved: a writer that does not group prints each subject twice
INTERLEAVED = [
    ox.Triple(A, P, ox.Literal("1")),
    ox.Triple(B, P, ox.Literal("1")),
    ox.Triple(A, Q, ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ox.Triple(B, Q, ox.Literal("zwei", language="de")),
]


# --- CappedBuffer ---------------------------------------------------------------------------


def test_capped_buffer_accepts_up_to_the_limit():
    out = CappedBuffer(10)
    assert out.write(b"12345") == 5
    assert out.write(bytearray(b"67890")) == 5
    assert out.getvalue() == b"1234567890"
    assert out.size == 10
    assert not out.exceeded


def test_capped_buffer_refuses_past_the_limit():
    out = CappedBuffer(10)
    out.write(b"12345678")
    with pytest.raises(ResultTooLarge) as caught:
        out.write(b"abc")
    assert out.exceeded
    assert "10 bytes" in str(caught.value)
    assert caught.value.status == 422
    assert out.getvalue() == b"12345678"  # the refused chunk is not kept


def test_capped_buffer_refuses_a_single_write_larger_than_the_limit():
    out = CappedBuffer(3)
    with pytest.raises(ResultTooLarge):
        out.write(b"four")
    assert out.getvalue() == b""


def test_capped_buffer_zero_means_no_limit():
    out = CappedBuffer(0)
    chunk = b"x" * 1_000_000
    for _ in range(5):
        out.write(chunk)
    assert not out.exceeded
    assert len(out.getvalue()) == 5_000_000
    out.flush()  # a file-like no-op


def test_capped_buffer_default_has_no_limit():
    out = CappedBuffer()
    out.write(b"y" * 100_000)
    assert out.size == 100_000


# --- grouped --------------------------------------------------------------------------------


def test_grouped_sorts_by_subject_then_predicate():
    result = list(grouped(INTERLEAVED))
    assert [(t.subject, t.predicate) for t in result] == [(A, P), (A, Q), (B, P), (B, Q)]


def test_grouped_puts_named_subjects_before_blank_ones():
    blank = ox.BlankNode("aaa")
    triples = [ox.Triple(blank, P, ox.Literal("x")), ox.Triple(B, P, ox.Literal("y"))]
    assert [t.subject for t in grouped(triples)] == [B, blank]


def test_grouped_streams_past_at_most():
    triples = list(reversed(sorted(INTERLEAVED, key=lambda t: (t.subject.value, t.predicate.value))))
    streamed = list(grouped(iter(triples), at_most=2))
    assert streamed == triples  # kept as they came, nothing lost
    assert list(grouped(iter(triples), at_most=10)) != triples


# --- rdf_bytes ------------------------------------------------------------------------------


def test_turtle_parses_back_to_the_same_triples():
    body = rdf_bytes(INTERLEAVED, TURTLE, prefixes=PREFIX_IRIS)
    parsed = Graph().parse(data=body.decode("utf-8"), format="turtle")
    assert set(parsed) == set(rdflib_graph(INTERLEAVED))
    assert len(parsed) == len(INTERLEAVED)
    again = [q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]
    assert sorted(map(str, again)) == sorted(map(str, INTERLEAVED))


def test_turtle_uses_the_prefixes_given():
    body = rdf_bytes(INTERLEAVED, TURTLE, prefixes={"nuk": PREFIX_IRIS["nuk"]}).decode()
    assert f"@prefix nuk: <{PREFIX_IRIS['nuk']}>" in body
    assert "nuk:a" in body
    assert "@prefix nuo:" not in body


def test_turtle_describes_each_subject_once():
    body = rdf_bytes(INTERLEAVED, TURTLE, prefixes={"nuk": PREFIX_IRIS["nuk"]}).decode()
    # the objects are literals, so a subject appears only where it starts its group
    assert body.count("nuk:a") == 1
    assert body.count("nuk:b") == 1


def test_ntriples_is_not_grouped_but_complete():
    body = rdf_bytes(INTERLEAVED, by_name(GRAPH, "ntriples"), prefixes=PREFIX_IRIS).decode()
    lines = body.strip().splitlines()
    assert len(lines) == len(INTERLEAVED)
    assert lines[0].startswith(f"<{NUK.a}> <{NUO.p}>")
    assert lines[1].startswith(f"<{NUK.b}> <{NUO.p}>")


def test_document_turtle_is_written_too():
    body = rdf_bytes(INTERLEAVED, by_name(DOCUMENT, "turtle"), prefixes=PREFIX_IRIS)
    assert len(Graph().parse(data=body.decode(), format="turtle")) == len(INTERLEAVED)


def test_quads_in_a_quad_format():
    graph = ox.NamedNode("https://w3id.org/nato-ukraine-kg/graph/data")
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in INTERLEAVED]
    body = rdf_bytes(quads, by_name(GRAPH, "nquads"), prefixes=PREFIX_IRIS)
    assert set(ox.parse(body, format=ox.RdfFormat.N_QUADS)) == set(quads)


@pytest.mark.parametrize("fmt", [by_name(RESULTS, "json"), by_name(RESULTS, "csv"), HTML],
                         ids=["sparql-json", "csv", "html"])
def test_a_non_rdf_format_is_refused(fmt):
    with pytest.raises(InternalError) as caught:
        rdf_bytes(INTERLEAVED, fmt, prefixes=PREFIX_IRIS)
    assert fmt.label in str(caught.value)
    out = CappedBuffer()
    with pytest.raises(InternalError):
        write_rdf(INTERLEAVED, fmt, out, prefixes=PREFIX_IRIS)
    assert out.getvalue() == b""


def test_rdf_bytes_past_the_limit_is_result_too_large():
    many = [ox.Triple(A, LABEL, ox.Literal(f"label number {i}")) for i in range(200)]
    full = rdf_bytes(many, TURTLE, prefixes=PREFIX_IRIS)
    with pytest.raises(ResultTooLarge):
        rdf_bytes(many, TURTLE, prefixes=PREFIX_IRIS, limit=len(full) // 2)
    assert rdf_bytes(many, TURTLE, prefixes=PREFIX_IRIS, limit=len(full)) == full
    assert rdf_bytes(many, TURTLE, prefixes=PREFIX_IRIS, limit=0) == full


def test_write_rdf_fills_the_buffer():
    out = CappedBuffer()
    write_rdf(INTERLEAVED, TURTLE, out, prefixes=PREFIX_IRIS)
    assert out.getvalue() == rdf_bytes(INTERLEAVED, TURTLE, prefixes=PREFIX_IRIS)
    assert out.size == len(out.getvalue())
