"""The pool and a query process talk through nukg.store.wire: jobs and replies arrive whole, in any size."""

import socket
import threading

import pytest

from nukg.core.errors import QuerySyntaxError
from nukg.store.wire import JOB_READ, read_job, read_reply, send_error, send_job, send_reply


@pytest.fixture
def pair():
    ours, theirs = socket.socketpair()
    yield ours.fileno(), theirs.fileno()
    ours.close()
    theirs.close()


@pytest.mark.parametrize("size", [0, 10, JOB_READ - 100, JOB_READ, 3 * JOB_READ + 7])
def test_a_job_of_any_size_arrives_whole(pair, size):
    ours, theirs = pair
    job = ("ASK {} #" + "x" * size, "ASK", None, "results", "json", None, ["urn:x:g"], {"n": 1})
    sender = threading.Thread(target=send_job, args=(ours, job))  # a large job fills the socket's buffer
    sender.start()
    assert read_job(theirs) == job
    sender.join()


def test_jobs_one_after_the_other_are_read_one_at_a_time(pair):
    ours, theirs = pair
    for n in range(3):
        send_job(ours, ("ASK {}", n))
        assert read_job(theirs) == ("ASK {}", n)


def test_a_closed_socket_is_the_end_of_the_jobs():
    ours, theirs = socket.socketpair()
    with theirs:
        ours.close()
        with pytest.raises(EOFError):
            read_job(theirs.fileno())


@pytest.mark.parametrize("size", [0, 5, 1_000_000])
def test_a_reply_arrives_whole_and_its_size_is_reserved_first(pair, size):
    ours, theirs = pair
    body = b"y" * size
    sender = threading.Thread(target=send_reply, args=(theirs, True, body))
    sender.start()
    reserved = []
    ok, value, release = read_reply(ours, lambda n: reserved.append(n) or (lambda: None))
    sender.join()
    assert (ok, value, reserved) == (True, body, [size])
    assert release is not None


def test_an_error_crosses_whole(pair):
    ours, theirs = pair
    send_error(theirs, QuerySyntaxError("bad", position={"line": 1, "column": 2, "offset": 1}))
    ok, error, release = read_reply(ours, lambda n: pytest.fail("no room is reserved for an error"))
    assert not ok and release is None
    assert isinstance(error, QuerySyntaxError) and error.message == "bad" and error.details["position"]["line"] == 1
