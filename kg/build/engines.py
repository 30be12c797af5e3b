"""Where documents are read: in this process, in N worker processes, or on a Dask cluster.

Every engine takes a stream of documents and gives back, in input order, batches of
(record, triples): each document's record (kg.build.worker.DocumentRecord) and its named graph's
triples as N-Triples terms, parsed from the N-Quads the worker sent. Only a few partitions
are in flight at a time, so memory stays bounded however long the stream is.

    engine = make_engine(settings, jobs=2)                           # processes on this machine
    engine = make_engine(settings, jobs=2, scheduler="local")        # a Dask LocalCluster
    engine = make_engine(settings, scheduler="tcp://10.0.0.5:8786")  # an existing Dask cluster
"""

from __future__ import annotations

import itertools
import logging
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from kg.build.worker import DocumentRecord, PartitionResult, Settings, parse_partition, read_partition, read_stream
from kg.document import Document
from kg.errors import DataError, UsageError

Batch = list[tuple[DocumentRecord, list[tuple[str, str, str]]]]
# Documents per partition sent to a worker process: small enough that a crash loses little
# and the driver's window of partitions in flight stays small, large enough for nlp.pipe.
PARTITION = 8
DASK_PARTITION = 16
DASK_MEMORY = "2GiB"  # per LocalCluster worker: the model and a partition need well under half


class InlineEngine:
    """Everything in this process: one nlp.pipe over the stream, each document handed on as it is done."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.workers: dict[str, int] = {}  # none: the model is this process's

    def run(self, documents: Iterable[Document]) -> Iterator[Batch]:
        for record, nquads in read_stream(documents, self.settings):
            yield parse_partition(nquads, [record])


class ProcessEngine:
    """`jobs` worker processes on this machine (fresh interpreters, each loading the model once)."""

    def __init__(self, settings: Settings, jobs: int, partition: int = PARTITION):
        self.settings, self.jobs, self.partition = settings, jobs, partition
        self.workers: dict[str, int] = {}  # host:pid -> times that process loaded a model

    def run(self, documents: Iterable[Document]) -> Iterator[Batch]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        parts = partitions(documents, self.partition)
        first = next(parts, None)
        if first is None:
            return
        # spawn, not fork: the driver may hold threads and open databases a fork would copy mid-state.
        pool = ProcessPoolExecutor(
            self.jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=worker_process_start,
            initargs=(os.getpid(),),
        )
        finished = False
        try:
            submit = lambda part: pool.submit(read_partition, part, self.settings)  # noqa: E731
            for result in in_order(submit, itertools.chain([first], parts), 2 * self.jobs):
                yield check(result, self.settings, self.workers)
            finished = True
        except BrokenProcessPool:
            raise DataError(
                "a worker process died (out of memory?); run the same command again to resume, or use fewer --jobs"
            ) from None
        finally:
            if not finished:
                # Stopped (Ctrl-C, an error): the partitions in flight are not wanted, so their
                # workers are stopped now rather than left to finish. The executor has no public
                # way to do this before Python 3.14's terminate_workers().
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.terminate()
            pool.shutdown(wait=finished, cancel_futures=True)


class DaskEngine:
    """Partitions of documents as tasks on a Dask cluster: `scheduler` is tcp://HOST:PORT, or
    "local" for a LocalCluster of `jobs` worker processes on this machine."""

    def __init__(self, settings: Settings, scheduler: str, jobs: int = 1, partition: int = DASK_PARTITION):
        self.settings, self.scheduler, self.jobs, self.partition = settings, scheduler, jobs, partition
        self.workers: dict[str, int] = {}  # host:pid -> times that process loaded a model

    def run(self, documents: Iterable[Document]) -> Iterator[Batch]:
        parts = partitions(documents, self.partition)
        first = next(parts, None)
        if first is None:
            return
        cluster, client = self._connect()
        try:
            threads = max(1, sum(client.nthreads().values()))
            submit = lambda part: client.submit(read_partition, part, self.settings, pure=False)  # noqa: E731
            for result in in_order(submit, itertools.chain([first], parts), 2 * threads):
                yield check(result, self.settings, self.workers)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _connect(self):
        # Dask logs every worker start, stop and cancelled task; a build's output is its summary.
        # Set before Dask is imported, here and (through the environment) in the cluster's processes.
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--scheduler needs Dask; install it with: pip install 'kg[dask]'") from None
        logging.getLogger("distributed").setLevel(logging.ERROR)
        cluster = None
        if self.scheduler == "local":
            # Ctrl-C is the driver's to handle: processes started while SIGINT is ignored keep
            # ignoring it, so the cluster's workers do not each print a traceback for it.
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                cluster = LocalCluster(
                    n_workers=self.jobs,
                    threads_per_worker=1,  # spaCy and the extractor hold the GIL: one document at a time per process
                    processes=True,
                    memory_limit=DASK_MEMORY,
                    dashboard_address=None,
                )
            finally:
                signal.signal(signal.SIGINT, previous)
            address = cluster
        else:
            address = self.scheduler
        try:
            client = Client(address, timeout="20s")
        except (OSError, TimeoutError) as err:
            if cluster is not None:
                cluster.close()
            raise UsageError(
                f"--scheduler {self.scheduler}: cannot reach the Dask scheduler ({err}); "
                "start one with `dask scheduler` and check the address"
            ) from None
        if not client.nthreads():
            client.wait_for_workers(1, timeout=60)
        return cluster, client


def make_engine(settings: Settings, jobs: int = 1, scheduler: str | None = None, partition: int | None = None):
    """The engine a build asked for: Dask given a scheduler, else processes for jobs > 1, else this process.
    `partition` documents go to a worker at a time (default: PARTITION, or DASK_PARTITION on Dask)."""
    if jobs < 1:
        raise UsageError(f"--jobs {jobs}: give at least 1")
    if scheduler is not None:
        if scheduler != "local" and not scheduler.startswith(("tcp://", "tls://", "inproc://", "ws://", "wss://")):
            raise UsageError(f"--scheduler {scheduler!r}: give local or the scheduler's address, e.g. tcp://HOST:8786")
        return DaskEngine(settings, scheduler, jobs, partition or DASK_PARTITION)
    if jobs > 1:
        return ProcessEngine(settings, jobs, partition or PARTITION)
    return InlineEngine(settings)


def worker_process_start(driver: int) -> None:
    """In each --jobs process: Ctrl-C is the driver's to handle (it stops the workers), and a
    worker whose driver is gone (killed outright) exits instead of waiting forever for work."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == driver:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="kg-driver-watch", daemon=True).start()


def partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while part := list(itertools.islice(iterator, size)):
        yield part


def in_order(submit: Callable, parts: Iterable, window: int) -> Iterator:
    """Results of `submit(part)` for each part, in order, with at most `window` in flight."""
    pending: deque = deque()
    for part in parts:
        pending.append(submit(part))
        while len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def check(result: PartitionResult, settings: Settings, workers: dict[str, int]) -> Batch:
    """A worker's partition as a batch for the spool, once its code is known to be the driver's."""
    workers[result.worker] = max(workers.get(result.worker, 0), result.model_loads)
    if result.fingerprint != settings.fingerprint:
        raise UsageError(
            f"the worker {result.worker} runs other kg code or ontology (fingerprint {result.fingerprint}, "
            f"here {settings.fingerprint}); install the same kg on every worker"
        )
    return parse_partition(result.nquads, result.documents)
