"""`screen --executor dask`: the same worker function as partitions on a Dask LocalCluster, the same output."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from engine.batch import distributed
from engine.intake.sample import write_sample

from helpers import ROOT, make_rows, write_csv


def test_dask_executor_writes_exactly_what_the_local_workers_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(distributed, "PARTITION", 70)  # several partitions, in flight at once, out of step
    csv_in = write_csv(tmp_path / "apps.csv", make_rows(300, bad=20))
    jsonl_in = tmp_path / "apps.jsonl"
    write_sample(str(jsonl_in), 250, seed=9, invalid_share=0.05)
    for source, suffix, extra in ((csv_in, "csv", []), (jsonl_in, "jsonl", ["--detail", "summary"])):
        outputs = {}
        for executor in ("local", "dask"):
            out = tmp_path / f"{executor}.{suffix}"
            result = CliRunner().invoke(main, ["screen", str(source), "-o", str(out), "--workers", "2", "--quiet",
                                               "--executor", executor, "--rules", str(ROOT / "rules"), *extra])
            assert result.exit_code == 0, result.output
            outputs[executor] = out.read_text(encoding="utf-8-sig").splitlines()
        if suffix == "jsonl":  # the one field that differs between any two runs: the time of evaluation
            outputs = {k: [_untimed(line) for line in v] for k, v in outputs.items()}
        assert len(outputs["dask"]) > 250 if suffix == "csv" else len(outputs["dask"]) == 250
        assert outputs["dask"] == outputs["local"]


def _untimed(line: str) -> str:
    import re

    return re.sub(r'"evaluated_at": "[^"]*"', '"evaluated_at": ""', line)
