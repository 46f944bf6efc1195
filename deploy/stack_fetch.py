"""Fetch the Kafka and Elasticsearch servers from Maven Central into a cache, once.

    mvn dependency:copy-dependencies ──▶ <cache>/kafka-<version>/lib/*.jar   (+ .complete)
    mvn dependency:copy (zip)        ──▶ <cache>/elasticsearch-<version>/  (+ .complete)
    Maven's own downloads            ──▶ <cache>/m2/  (never the user's ~/.m2)

A folder counts as fetched only when its `.complete` marker exists, so an interrupted fetch is
redone instead of half-used. With the markers present nothing calls mvn: a warm start is only
the JVM start-up.
"""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from claimwatch.transforms.errors import StackError

DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
ES_ARTIFACT = "org.elasticsearch.distribution.integ-test-zip:elasticsearch"
# Kafka's own distribution logs through slf4j 1.7 + reload4j; the broker jar declares neither.
SLF4J_BINDING = ("org.slf4j", "slf4j-reload4j", "1.7.36")
_MARKER = ".complete"

_KAFKA_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.claimwatch</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId>
      <version>{kafka_version}</version>
    </dependency>
    <dependency>
      <groupId>{binding_group}</groupId><artifactId>{binding_artifact}</artifactId>
      <version>{binding_version}</version>
    </dependency>
  </dependencies>
</project>
"""


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _mvn(args: list[str], cache: Path, cwd: Path) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise StackError(
            "mvn is not on PATH: the launcher fetches Kafka and Elasticsearch from Maven "
            "Central with it (apt-get install maven), or use deploy/docker-compose.yml"
        )
    command = [mvn, "-B", "-q", f"-Dmaven.repo.local={cache / 'm2'}", *args]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise StackError(
            f"mvn failed ({result.returncode}) running {' '.join(args[:2])}:\n{tail}\n"
            "is Maven Central reachable and the version right?"
        )


def kafka_lib(cache: Path, version: str) -> Path:
    """The folder holding the Kafka broker's runtime classpath, fetched if missing."""
    home = cache / f"kafka-{version}"
    lib = home / "lib"
    if (home / _MARKER).exists():
        return lib
    _progress(f"fetching Kafka {version} and its runtime dependencies with mvn (once)…")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kafka-pom-", dir=cache) as scratch:
        work = Path(scratch)
        group, artifact, binding_version = SLF4J_BINDING
        (work / "pom.xml").write_text(
            _KAFKA_POM.format(
                kafka_version=version,
                binding_group=group,
                binding_artifact=artifact,
                binding_version=binding_version,
            )
        )
        staging = work / "lib"
        _mvn(
            [
                f"{DEPENDENCY_PLUGIN}:copy-dependencies",
                "-DincludeScope=runtime",
                f"-DoutputDirectory={staging}",
            ],
            cache,
            work,
        )
        if not any(staging.glob("kafka_2.13-*.jar")):
            raise StackError(f"mvn fetched no kafka_2.13 jar into {staging}")
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        shutil.move(str(staging), lib)
    (home / _MARKER).write_text(version + "\n")
    return lib


def elasticsearch_home(cache: Path, version: str) -> Path:
    """The unpacked Elasticsearch integ-test distribution, fetched and unpacked if missing."""
    home = cache / f"elasticsearch-{version}"
    if (home / _MARKER).exists():
        return home
    _progress(f"fetching Elasticsearch {version} (integ-test-zip) with mvn (once)…")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="es-zip-", dir=cache) as scratch:
        work = Path(scratch)
        _mvn(
            [
                f"{DEPENDENCY_PLUGIN}:copy",
                f"-Dartifact={ES_ARTIFACT}:{version}:zip",
                f"-DoutputDirectory={work}",
            ],
            cache,
            work,
        )
        archive = work / f"elasticsearch-{version}.zip"
        unpacked = work / "unpacked"
        unzip_with_modes(archive, unpacked)
        roots = [p for p in unpacked.iterdir() if p.is_dir()]
        if len(roots) != 1 or not (roots[0] / "bin" / "elasticsearch").exists():
            raise StackError(f"{archive} does not look like an Elasticsearch distribution")
        shutil.rmtree(home, ignore_errors=True)
        shutil.move(str(roots[0]), home)
    (home / _MARKER).write_text(version + "\n")
    return home


def unzip_with_modes(archive: Path, target: Path) -> None:
    """Unzip keeping Unix permission bits (zipfile drops them; bin/ scripts need +x)."""
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            path = Path(zf.extract(info, target))
            mode = (info.external_attr >> 16) & 0o777
            if mode and not info.is_dir():
                path.chmod(mode | stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    for path in target.rglob("*"):
        if path.is_dir():  # readable and traversable by the unprivileged service user
            path.chmod(0o755)
