"""The benchmark's own helpers (scripts/bench.py): a command that fails is reported, not a traceback."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import bench


def test_a_timed_command_that_fails_stops_the_benchmark_with_what_it_printed():
    command = [sys.executable, "-c", "print('the last words'); raise SystemExit(3)"]
    with pytest.raises(SystemExit) as stopped:
        bench.timed(command)
    message = str(stopped.value.code)
    assert "the last words" in message
    assert message.splitlines()[-1].endswith("failed (exit status 3); nothing was measured")


def test_a_timed_command_gives_its_seconds():
    assert 0 < bench.timed([sys.executable, "-c", "pass"]) < 60


def test_the_machine_processor_time_grows_with_work():
    before = bench.machine_cpu_seconds()
    if before is None:
        pytest.skip("no /proc/stat here")
    sum(number * number for number in range(3_000_000))
    assert bench.machine_cpu_seconds() > before
