"""Issue 8: each client's query time over a sliding window (web/limits.QueryTimeBudget), on a fake clock."""

import pytest

from nukg.core.errors import TooManyRequests
from nukg.web.limits import QueryTimeBudget


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def budget(clock):
    return QueryTimeBudget(seconds=10, window=60, heavy_after=1, clock=clock)


def spend(budget, clock, client, seconds):
    """A query of ``client`` that ran ``seconds`` and ended now."""
    clock.now += seconds
    budget.record(client, seconds)


def test_a_new_client_is_light_and_admitted(budget):
    assert budget.admit("a") is False
    assert budget.used("a") == 0


def test_recorded_time_counts_until_it_leaves_the_window(budget, clock):
    spend(budget, clock, "a", 3)
    clock.now += 1
    assert budget.used("a") == pytest.approx(3)
    clock.now += 58.9
    assert budget.used("a") == pytest.approx(3)
    clock.now += 0.2
    assert budget.used("a") == 0


def test_a_client_that_used_some_time_is_heavy_then_refused_with_retry_after(budget, clock):
    spend(budget, clock, "a", 2)
    assert budget.admit("a") is True  # heavy: over heavy_after, under the budget
    spend(budget, clock, "a", 5)
    clock.now += 10
    spend(budget, clock, "a", 4)  # 11 s used, the oldest 2 s ended 19 s ago
    with pytest.raises(TooManyRequests) as refused:
        budget.admit("a")
    assert refused.value.status == 429
    assert refused.value.details["reason"] == "query-time budget"
    # 2 s leave the window 60 - 19 = 41 s from now, which brings the client under 10 s again
    assert refused.value.headers["Retry-After"] == "41"
    assert "11.0 s" in refused.value.message
    assert budget.admit("b") is False  # another client is not touched


def test_the_window_slides(budget, clock):
    spend(budget, clock, "a", 10)
    with pytest.raises(TooManyRequests):
        budget.admit("a")
    clock.now += 60
    assert budget.admit("a") is False
    assert budget.used("a") == 0


def test_forgotten_clients_leave_no_state(budget, clock):
    for n in range(100):
        spend(budget, clock, f"client-{n}", 0.01)
    clock.now += 61
    for n in range(100):
        budget.used(f"client-{n}")
    assert not budget._spent


def test_clients_that_never_come_back_are_swept(budget, clock):
    for n in range(QueryTimeBudget.SWEEP_EVERY - 1):
        budget.record(f"passer-{n}", 0.01)
    clock.now += 61
    budget.record("regular", 0.01)  # the sweep comes with the thousandth record
    assert list(budget._spent) == ["regular"]


def test_the_kept_total_follows_the_window_through_many_records():
    now = [0.0]
    budget = QueryTimeBudget(seconds=1e9, window=10.0, heavy_after=1e9, clock=lambda: now[0])
    for step in range(5000):  # a record every 0.01 s, 0.002 s each: 1000 of them in any window
        now[0] = step * 0.01
        budget.record("batch", 0.002)
    in_window = sum(1 for step in range(5000) if step * 0.01 > now[0] - 10.0)
    assert budget.used("batch") == pytest.approx(in_window * 0.002)
    now[0] += 10.0
    assert budget.used("batch") == 0.0
    budget.record("batch", 0.5)
    assert budget.used("batch") == pytest.approx(0.5)


def test_a_busy_client_keeps_one_record_a_second(budget, clock):
    for _ in range(5000):  # 5,000 queries of 2 ms each, 0.1 ms apart: 10 s of query time in 10.5 s
        clock.now += 0.0021
        budget.record("a", 0.002)
    assert len(budget._spent["a"]) <= 12
    assert budget.used("a") == pytest.approx(10)
    clock.now += 60 - 10.5 + 1  # the first second's queries have left the window, the last ones have not
    assert 0 < budget.used("a") < 10
    clock.now += 10.5
    assert budget.used("a") == 0
