"""``bench relay``'s machinery at tiny scale so it cannot rot (no timings asserted)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bench.bench_relay import RelayBenchConfig, report, run_relay

TINY = RelayBenchConfig(
    devices=8, burst_devices=6, workers=2, burst_rate=40.0, burst_s=1.0, paced_s=1.0
)


@pytest.mark.slow
def test_relay_bench_on_sqlite_both_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    runs = []
    for lean in (False, True):
        where = tmp_path / str(lean)
        where.mkdir()
        runs.append(run_relay(TINY, where, "sqlite", lean, paced=lean))
    for run in runs:
        assert run.sent == 40 and run.delivered == run.sent  # every one delivered once
        assert run.msg_s > 0 and run.cpu_s > 0 and run.rss_ready_kib > run.rss_idle_kib > 0
    paced = runs[1]
    assert paced.devices == 8 and paced.paced_sent == 200 and len(paced.paced) == 200

    report(TINY, runs)
    out = capsys.readouterr().out
    assert "max delivered msg/s, sqlite" in out and "RSS per connected device" in out


@pytest.mark.slow
def test_relay_bench_on_two_postgresql_nodes(tmp_path: Path) -> None:
    run = run_relay(TINY, tmp_path, "postgresql x2", True, paced=False)
    assert run.sent == 40 and run.delivered == run.sent
    assert run.cpu_s > 0


def test_relay_bench_options() -> None:
    argv = "--quick --backends=sqlite,postgresql --burst-rate=3000 --burst-devices=100"
    cfg = RelayBenchConfig.of([*argv.split(), "--baseline=/somewhere/main"])
    assert cfg.backends == ("sqlite", "postgresql") and cfg.burst_rate == 3000.0
    assert cfg.burst_devices == 100 and cfg.baseline_path == "/somewhere/main"
    assert cfg.devices == 100  # --quick still applies


@pytest.mark.slow
def test_relay_bench_baseline_from_another_tree(tmp_path: Path) -> None:
    """``--baseline=DIR`` runs DIR's relay (here this tree again) with its current path."""
    tree = str(Path(__file__).resolve().parents[2])
    run = run_relay(replace(TINY, baseline_path=tree), tmp_path, "sqlite", False, paced=False)
    assert run.sent == 40 and run.delivered == run.sent
