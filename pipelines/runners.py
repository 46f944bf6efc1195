"""Which Beam runner runs the graph, and the exact options it gets.

    pipeline.runner ─▶ _RUNNERS[name] ─▶ (runner instance, ["--option=value", …])

Every runner is named explicitly: Beam's DirectRunner would first try to download Prism from
GitHub at run time, which hangs or fails where that is not reachable. Beam is imported only
when a pipeline is built, so loading settings never pays for it.

    embedded   Beam's in-process FnApiRunner (one worker; the default)
    portable   any Beam Job API endpoint: Prism, Beam's Flink or Spark job server
    flink      Beam's FlinkRunner (starts Beam's Flink job server from its jar)
    dataflow   Google Cloud Dataflow (needs apache-beam[gcp])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimwatch.transforms.errors import ConfigError

if TYPE_CHECKING:
    from apache_beam.options.pipeline_options import PipelineOptions
    from apache_beam.runners.runner import PipelineRunner
    from claimwatch.pipelines.settings import PipelineSettings

_HOST_PORT = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$")


def runner_problems(settings: PipelineSettings) -> list[str]:
    """What the chosen runner lacks, in words a config file's author can act on."""
    problems: list[str] = []
    if settings.runner == "portable":
        if not settings.job_endpoint:
            problems.append("runner portable needs job_endpoint: HOST:PORT of a Beam job service")
        elif not _HOST_PORT.match(settings.job_endpoint):
            problems.append(f"job_endpoint {settings.job_endpoint!r} is not HOST:PORT")
        if settings.environment == "EXTERNAL" and not settings.environment_config:
            problems.append(
                "environment EXTERNAL needs environment_config: HOST:PORT of a worker pool "
                "(python -m claimwatch.deploy.prism serve starts one)"
            )
        elif (
            settings.environment == "EXTERNAL"
            and settings.environment_config
            and not _HOST_PORT.match(settings.environment_config)
        ):
            problems.append(f"environment_config {settings.environment_config!r} is not HOST:PORT")
    if settings.runner == "dataflow":
        missing = [
            name for name in ("project", "region", "temp_location") if not getattr(settings, name)
        ]
        if missing:
            problems.append(f"runner dataflow needs {', '.join(missing)}")
    for arg in settings.beam_args:
        if not arg.startswith("--"):
            problems.append(f"beam_args entry {arg!r} must look like --option=value")
    return problems


def beam_options(settings: PipelineSettings) -> tuple[PipelineRunner, PipelineOptions]:
    """The runner instance and its options for one pipeline run."""
    from apache_beam.options.pipeline_options import PipelineOptions

    problems = runner_problems(settings)
    if problems:
        raise ConfigError("; ".join(problems))
    return _RUNNERS[settings.runner].make(), PipelineOptions(runner_args(settings))


def runner_args(settings: PipelineSettings) -> list[str]:
    """The Beam options alone: what the README documents and the tests check."""
    return [*_RUNNERS[settings.runner].args(settings), *settings.beam_args]


@dataclass(frozen=True, slots=True)
class _Runner:
    make: Callable[[], Any]
    args: Callable[[PipelineSettings], list[str]]


def _fn_api_runner() -> Any:
    from apache_beam.runners.portability.fn_api_runner.fn_runner import FnApiRunner

    return FnApiRunner()


def _portable_runner() -> Any:
    from apache_beam.runners.portability.portable_runner import PortableRunner

    return PortableRunner()


def _flink_runner() -> Any:
    from apache_beam.runners.portability.flink_runner import FlinkRunner

    return FlinkRunner()


def _dataflow_runner() -> Any:
    try:
        from apache_beam.runners.dataflow.dataflow_runner import DataflowRunner
    except ImportError as exc:
        raise ConfigError(
            "runner dataflow needs Beam's GCP extra: pip install 'apache-beam[gcp]==2.77.0'"
        ) from exc
    return DataflowRunner()


def _environment(settings: PipelineSettings) -> list[str]:
    args = [f"--environment_type={settings.environment}"]
    if settings.environment_config:
        args.append(f"--environment_config={settings.environment_config}")
    return args


def _portable_args(settings: PipelineSettings) -> list[str]:
    return [
        "--runner=PortableRunner",
        f"--job_endpoint={settings.job_endpoint}",
        *_environment(settings),
    ]


def _flink_args(settings: PipelineSettings) -> list[str]:
    args = ["--runner=FlinkRunner", f"--flink_master={settings.flink_master}"]
    if settings.flink_job_server_jar is not None:
        args.append(f"--flink_job_server_jar={settings.flink_job_server_jar}")
    return [*args, *_environment(settings)]


def _dataflow_args(settings: PipelineSettings) -> list[str]:
    return [
        "--runner=DataflowRunner",
        f"--project={settings.project}",
        f"--region={settings.region}",
        f"--temp_location={settings.temp_location}",
    ]


_RUNNERS: dict[str, _Runner] = {
    # One worker: its multi-worker modes run bundles in threads (one core under the GIL) or
    # in processes that each load spaCy again; more cores come from more claimwatch processes.
    "embedded": _Runner(_fn_api_runner, lambda settings: ["--direct_num_workers=1"]),
    "portable": _Runner(_portable_runner, _portable_args),
    "flink": _Runner(_flink_runner, _flink_args),
    "dataflow": _Runner(_dataflow_runner, _dataflow_args),
}
