import io
import os
import pty
import subprocess
import sys

from claimwatch.pipelines.progress import ProgressBar


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_bar_shows_done_total_rate_and_eta() -> None:
    out, clock = io.StringIO(), Clock()
    bar = ProgressBar(out, enabled=True, clock=clock, width=10)
    bar.update(0, 1000)
    clock.now += 10
    bar.update(500, 1000)
    last = out.getvalue().split("\r")[-1]
    assert last.startswith("[#####-----] 500/1,000 articles  50.0/s  ETA 0:00:10")
    clock.now += 10
    bar.update(1000, 1000)
    bar.close()
    assert out.getvalue().split("\r")[-1].startswith("[##########] 1,000/1,000 articles")
    assert out.getvalue().endswith("\n")


def test_rate_counts_only_work_done_since_the_bar_started() -> None:
    # A run that resumes at 4,000 of 5,000 must not claim it did 4,000 in its first second.
    out, clock = io.StringIO(), Clock()
    bar = ProgressBar(out, enabled=True, clock=clock, width=10)
    bar.update(4000, 5000)
    clock.now += 2
    bar.update(4100, 5000)
    assert "50.0/s  ETA 0:00:18" in out.getvalue().split("\r")[-1]


def test_unknown_rate_shows_no_eta_and_total_never_below_done() -> None:
    bar = ProgressBar(io.StringIO(), enabled=True, width=4)
    assert bar.line(0, 10, 0.0).endswith("ETA --:--:--")
    assert bar.line(12, 10, 0.0).startswith("[####] 12/12")


def test_quiet_when_not_a_terminal() -> None:
    out = io.StringIO()  # not a TTY
    bar = ProgressBar(out)
    bar.update(5, 10)
    bar.close()
    assert out.getvalue() == ""


def test_draws_on_a_real_terminal() -> None:
    leader, follower = pty.openpty()
    with os.fdopen(follower, "w") as tty:
        bar = ProgressBar(tty)
        assert bar.enabled
        bar.update(1, 2)
        bar.close()
    assert b"1/2 articles" in os.read(leader, 4096)
    os.close(leader)


CLI = [sys.executable, "-m", "claimwatch.pipelines.cli", "run", "--once"]


def test_run_once_draws_the_bar_on_a_terminal(tmp_path) -> None:
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [*CLI, "--data-dir", str(tmp_path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is gone
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    assert proc.wait(timeout=300) == 0
    text = screen.decode("utf-8", "replace")
    assert "\r[" + "#" * 30 + "] 15/15 articles" in text
    assert "batch 1:" not in text  # the bar stands in for the per-batch line


def test_run_once_keeps_plain_lines_when_not_a_terminal(tmp_path) -> None:
    done = subprocess.run(
        [*CLI, "--data-dir", str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "batch 1: 15 records processed, 0 left" in done.stderr
    assert "\r" not in done.stderr and "[#" not in done.stderr
