"""Beam's EXTERNAL worker pool, listening on loopback only.

`python -m apache_beam.runners.worker.worker_pool_main --service_port=P` listens on every
interface ([::]:P), and whoever reaches it can have it run an SDK worker against their own
control endpoint, i.e. run any pickled code. This is the same servicer (one SDK worker
process per StartWorker, `python` from PATH) bound to 127.0.0.1, or to --host when the job
service runs on another machine.

    python -m claimwatch.deploy.worker_pool --service_port 50000 [--host 127.0.0.1]
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from types import FrameType


def serve(port: int, host: str = "127.0.0.1") -> None:
    """Serve until SIGTERM or SIGINT; then stop the server and the workers it started."""
    import grpc
    from apache_beam.portability.api import beam_fn_api_pb2_grpc
    from apache_beam.runners.worker.worker_pool_main import (
        BeamFnExternalWorkerPoolServicer,
        kill_process_gracefully,
    )
    from apache_beam.utils import thread_pool_executor

    server = grpc.server(
        thread_pool_executor.shared_unbounded_instance(),
        options=[("grpc.http2.max_pings_without_data", 0), ("grpc.http2.max_ping_strikes", 0)],
    )
    bound = server.add_insecure_port(f"{host}:{port}")
    if bound == 0:
        raise SystemExit(f"cannot listen on {host}:{port}")
    # Processes, as Beam's own pool does: SDK workers in threads would share one GIL.
    pool = BeamFnExternalWorkerPoolServicer(use_process=True, data_buffer_time_limit_ms=-1)
    beam_fn_api_pb2_grpc.add_BeamFnExternalWorkerPoolServicer_to_server(pool, server)
    server.start()
    logging.info("worker pool listening on %s:%s", host, bound)
    stopped = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stopped.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    stopped.wait()
    server.stop(grace=2).wait()
    for process in list(pool._worker_processes.values()):
        kill_process_gracefully(process, timeout=5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimwatch.deploy.worker_pool")
    parser.add_argument("--service_port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    serve(args.service_port, args.host)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
