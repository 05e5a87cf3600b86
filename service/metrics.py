"""The service's metrics (prometheus-client): the ESV answers sent by status, the requests refused by
the error code of their answer, the seconds from a request's arrival to its answer, the database's
errors by kind, and the days left of the OCMW's own certificates (read when scraped).

With ``--workers N`` every worker process keeps its counts in files of a private folder that ``ocmw
serve`` makes and removes (prometheus-client's multiprocess mode, ``shared_metrics``): whichever
worker answers the scrape adds up every worker's."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from sqlalchemy import Engine, event
from sqlalchemy.engine import ExceptionContext

from esv.codes import ErrorCode, Status

if TYPE_CHECKING:
    from cryptography import x509

    from exchange.responder import Answer

METRICS_FOLDER = "PROMETHEUS_MULTIPROC_DIR"
"""Where the worker processes keep their counts, when there are several (prometheus-client's multiprocess mode)."""
REGISTRY = CollectorRegistry(auto_describe=True)
"""The counts of this process."""
ANSWERS = Counter("ocmw_esv_answers", "ESV answers sent, by the status of the answer.", ["status"], registry=REGISTRY)
REFUSALS = Counter(
    "ocmw_esv_refusals", "ESV requests refused, by the error code of the answer.", ["reason"], registry=REGISTRY
)
ANSWER_SECONDS = Histogram(
    "ocmw_esv_answer_seconds",
    "Seconds from the arrival of an ESV request to its answer.",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=REGISTRY,
)
DATABASE_ERRORS = Counter(
    "ocmw_database_errors", "Errors the database gave, by the kind of error.", ["kind"], registry=REGISTRY
)
for _status in Status:  # every series from the start, at 0: a rate is then known before the first answer
    ANSWERS.labels(_status.value)
for _code in ErrorCode:
    REFUSALS.labels(_code.value)


class AnswerMetrics:
    """The responder's ``exchange.endpoint.Observer``: each answer counted by status, each refusal by
    reason, and its time."""

    def answered(self, answer: Answer, seconds: float) -> None:
        ANSWERS.labels(answer.status.value).inc()
        if answer.error_code is not None:
            REFUSALS.labels(answer.error_code.value).inc()
        ANSWER_SECONDS.observe(seconds)


def count_database_errors(engine: Engine) -> None:
    """Every error ``engine``'s database gives (a connection refused, a lock, a constraint) counted by kind."""
    event.listen(engine, "handle_error", _counted)


def _counted(context: ExceptionContext) -> None:
    DATABASE_ERRORS.labels(type(context.original_exception).__name__).inc()


class _CertificateDays(Collector):
    """The days left of the OCMW's own certificates, read when scraped."""

    def __init__(self, certificates: Callable[[], dict[str, x509.Certificate]]) -> None:
        self.certificates = certificates

    def collect(self) -> Iterator[Metric]:
        family = GaugeMetricFamily(
            "ocmw_certificate_days_left", "Whole days until the OCMW's own certificate expires.", labels=["certificate"]
        )
        from esv.keys import days_left  # the signatures' stack, when first scraped

        for use, certificate in self.certificates().items():
            family.add_metric([use], days_left(certificate))
        yield family


class _ThisProcess(Collector):
    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


def exposition(certificates: Callable[[], dict[str, x509.Certificate]]) -> bytes:
    """The metrics in Prometheus's text format: every worker's counts (or this process's, when it
    is the only one) and the certificates' days left."""
    registry = CollectorRegistry()
    folder = os.environ.get(METRICS_FOLDER)
    if folder:
        MultiProcessCollector(registry, path=folder)  # type: ignore[no-untyped-call]
    else:
        registry.register(_ThisProcess())
    registry.register(_CertificateDays(certificates))
    return generate_latest(registry)


@contextmanager
def shared_metrics(workers: int) -> Iterator[None]:
    """With several worker processes, a folder of their own (readable by this user only) where each
    keeps its counts, named in ``METRICS_FOLDER`` before they start (each loads prometheus-client
    after), and removed when the service stops. The process that starts them counts nothing."""
    if workers == 1:
        yield
        return
    folder = tempfile.mkdtemp(prefix="ocmw-metrics-")
    os.environ[METRICS_FOLDER] = folder
    try:
        yield
    finally:
        del os.environ[METRICS_FOLDER]
        shutil.rmtree(folder, ignore_errors=True)
