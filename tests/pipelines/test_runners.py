"""Runner options: each runner named explicitly, with what it needs checked when loading."""

from __future__ import annotations

from pathlib import Path

import pytest
from claimwatch.pipelines.runners import beam_options, runner_args
from claimwatch.pipelines.settings import PipelineSettings, load_settings
from claimwatch.transforms.errors import ConfigError


def test_the_embedded_default_is_the_in_process_runner_never_the_direct_switcher() -> None:
    runner, options = beam_options(PipelineSettings())
    assert type(runner).__name__ == "FnApiRunner"
    assert options.get_all_options()["direct_num_workers"] == 1


def test_portable_runs_on_the_job_endpoint_with_an_external_worker_pool() -> None:
    settings = PipelineSettings(
        runner="portable",
        job_endpoint="127.0.0.1:8099",
        environment="EXTERNAL",
        environment_config="127.0.0.1:50000",
    )
    runner, options = beam_options(settings)
    assert type(runner).__name__ == "PortableRunner"
    assert runner_args(settings) == [
        "--runner=PortableRunner",
        "--job_endpoint=127.0.0.1:8099",
        "--environment_type=EXTERNAL",
        "--environment_config=127.0.0.1:50000",
    ]
    assert options.get_all_options()["job_endpoint"] == "127.0.0.1:8099"


def test_flink_gets_its_master_and_a_local_job_server_jar(tmp_path: Path) -> None:
    jar = tmp_path / "beam-runners-flink-1.19-job-server-2.77.0.jar"
    settings = PipelineSettings(
        runner="flink", flink_master="flink.internal:8081", flink_job_server_jar=jar
    )
    assert runner_args(settings) == [
        "--runner=FlinkRunner",
        "--flink_master=flink.internal:8081",
        f"--flink_job_server_jar={jar}",
        "--environment_type=LOOPBACK",
    ]


def test_dataflow_options_and_extra_beam_args_pass_through() -> None:
    settings = PipelineSettings(
        runner="dataflow",
        project="news-prod",
        region="europe-west1",
        temp_location="gs://news-prod-beam/tmp",
        beam_args=("--sdk_container_image=europe-docker.pkg.dev/news-prod/claimwatch:0.1.0",),
    )
    assert runner_args(settings) == [
        "--runner=DataflowRunner",
        "--project=news-prod",
        "--region=europe-west1",
        "--temp_location=gs://news-prod-beam/tmp",
        "--sdk_container_image=europe-docker.pkg.dev/news-prod/claimwatch:0.1.0",
    ]


@pytest.mark.parametrize(
    ("pipeline", "message"),
    [
        ("{runner: portable}", "runner portable needs job_endpoint"),
        ("{runner: portable, job_endpoint: 'http://x:1'}", "is not HOST:PORT"),
        (
            "{runner: portable, job_endpoint: 'localhost:8099', environment: EXTERNAL}",
            "environment EXTERNAL needs environment_config",
        ),
        ("{runner: portable, job_endpoint: 'localhost:8099', environment: PROCESS}", "LOOPBACK"),
        ("{runner: dataflow, project: p}", "runner dataflow needs region, temp_location"),
        ("{beam_args: ['runner=DirectRunner']}", "must look like --option=value"),
    ],
)
def test_a_runner_missing_what_it_needs_is_a_clear_config_error(
    tmp_path: Path, pipeline: str, message: str
) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(f"pipeline: {pipeline}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(config)
