"""The cached Prism binary is used only when it runs; a broken one is built again.

A CI run once found a cache whose marker was there but whose executable died before writing a
byte ("Prism exited at start", empty log), which is what a truncated Go binary does. These
tests use small executables in a temporary cache: one that prints usage like Prism, one that
dies of SIGSEGV, and a real truncated copy of Prism when the real one is built.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from claimwatch.deploy.prism import PRISM_VERSION, binary_fault, cache_dir, prism_binary
from claimwatch.transforms.errors import StackError

RUNS = "#!/bin/sh\necho 'Usage of prism:'\n"
DIES = "#!/bin/sh\nkill -SEGV $$\n"


def cached(cache: Path, script: str) -> Path:
    home = cache / PRISM_VERSION
    binary = home / "bin" / "prism"
    binary.parent.mkdir(parents=True)
    binary.write_text(script)
    binary.chmod(0o755)
    (home / ".complete").write_text(PRISM_VERSION + "\n")
    return binary


def test_a_cached_binary_that_runs_is_used_without_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = cached(tmp_path, RUNS)
    monkeypatch.setenv("PATH", "/nonexistent")  # no go: a rebuild would fail loudly
    assert binary_fault(binary) is None
    assert prism_binary(tmp_path) == binary


def test_a_cached_binary_that_dies_at_start_is_dropped_and_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = cached(tmp_path, DIES)
    fault = binary_fault(binary)
    assert fault is not None and "SIGSEGV" in fault
    monkeypatch.setenv("PATH", "/nonexistent")
    # Without go the rebuild cannot happen, and says so; the broken cache is gone either way.
    with pytest.raises(StackError, match="go is not on PATH"):
        prism_binary(tmp_path)
    assert not binary.exists()
    assert not (tmp_path / PRISM_VERSION / ".complete").exists()


def test_a_truncated_copy_of_the_real_prism_is_told_from_the_real_one(tmp_path: Path) -> None:
    real = cache_dir() / PRISM_VERSION / "bin" / "prism"
    if not real.exists():
        pytest.skip("Prism is not built here (python -m claimwatch.deploy.prism build)")
    assert binary_fault(real) is None
    cut = tmp_path / "prism"
    with real.open("rb") as whole, cut.open("wb") as part:
        part.write(whole.read(os.path.getsize(real) // 2))
    shutil.copymode(real, cut)
    fault = binary_fault(cut)
    assert fault is not None and "killed by SIG" in fault
