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


def test_a_pages_readings_are_one_median_with_each_kept_and_any_fetch_of_plotly_counts():
    import bench_reader

    readings = [{"tbt_ms": tbt, "tbt_after_load_ms": tbt // 2, "longest_task_ms": tbt + 50, "plotly_fetched": fetched}
                for tbt, fetched in ((241, False), (46, True), (135, False))]
    combined = bench_reader.readings_combined(readings)
    assert combined["tbt_ms"] == 135
    assert combined["tbt_readings_ms"] == [241, 46, 135]
    assert combined["tbt_after_load_ms"] == 67
    assert combined["longest_task_ms"] == 291
    assert combined["plotly_fetched"] is True


def test_the_reader_table_shows_each_reading_beside_the_median_and_the_longest_single_one():
    import bench_reader

    page = {"page": "chapters/chronology.html", "charts": 1, "pictures_painted": 1, "pictures_painted_without_js": 1,
            "tbt_ms": 135, "tbt_readings_ms": [241, 46, 135], "plotly_fetched": False, "inp_ms": 40,
            "interactive_ms": 1500, "state": "drawn"}
    worst = {"all_pictures_painted": True, "all_pictures_painted_without_js": True, "tbt_ms": 135,
             "tbt_single_reading_ms": 241, "plotly_fetched_while_reading": False, "inp_ms": 40,
             "interactive_ms": 1500, "all_drawn": True}
    lines = bench_reader.to_markdown({"viewport": {"width": 412, "height": 823}, "cpu_slowdown": 4,
                                      "pages": [page], "worst": worst})
    assert any("| 135 ms (241, 46, 135) |" in line for line in lines)
    assert any(line.startswith("| total blocking time, opening and reading a page") and "| 135 ms | ≤ 200 ms: met |"
               in line for line in lines)
    assert any(line.startswith("| total blocking time, the longest single reading | 241 ms") for line in lines)


def test_a_pages_taps_are_medians_with_each_time_kept_and_any_chart_not_drawn_counts():
    import bench_reader

    taps = [{"inp_ms": 56, "state": "drawn", "interactive_ms": 3011},
            {"inp_ms": None, "state": "drawn", "interactive_ms": 1862},
            {"inp_ms": 64, "state": "drawn", "interactive_ms": 1809}]
    combined = bench_reader.taps_combined(taps)
    assert combined == {"inp_ms": 56, "state": "drawn", "interactive_ms": 1862,
                        "interactive_taps_ms": [3011, 1862, 1809]}
    assert bench_reader.taps_combined([*taps[:2], {**taps[2], "state": "failed"}])["state"] == "failed"
    quiet = [{"inp_ms": None, "state": "drawn", "interactive_ms": 900}] * 2 + [taps[0]]
    assert bench_reader.taps_combined(quiet)["inp_ms"] is None  # under Event Timing's 16 ms in most taps
    page = {"page": "ja/chapters/chronology.html", "charts": 1, "pictures_painted": 1,
            "pictures_painted_without_js": 1, "tbt_ms": 135, "plotly_fetched": False, **combined}
    worst = {"all_pictures_painted": True, "all_pictures_painted_without_js": True, "tbt_ms": 135,
             "plotly_fetched_while_reading": False, "inp_ms": 56, "interactive_ms": 1862, "all_drawn": True}
    lines = bench_reader.to_markdown({"viewport": {"width": 412, "height": 823}, "cpu_slowdown": 4,
                                      "pages": [page], "worst": worst})
    assert any("| 56 ms | 1,862 ms (3,011, 1,862, 1,809) |" in line for line in lines)
