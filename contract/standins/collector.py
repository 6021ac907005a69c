"""An OpenTelemetry collector stand-in on loopback: takes OTLP/HTTP exports
(`POST /v1/traces`, protobuf), decodes them with `opentelemetry-proto`, and keeps
every span and every byte it was sent."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest, ExportTraceServiceResponse
from standins.loopback import JSONHandler, Loopback


@dataclass
class Span:
    trace_id: str
    span_id: str
    parent_id: str
    name: str
    kind: str
    attributes: dict
    status: str
    service: str
    resource: dict = field(default_factory=dict)


KINDS = {0: "unspecified", 1: "internal", 2: "server", 3: "client", 4: "producer", 5: "consumer"}
STATUSES = {0: "unset", 1: "ok", 2: "error"}


def _value(any_value):
    which = any_value.WhichOneof("value")
    return getattr(any_value, which) if which else None


class Collector(Loopback):
    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.raw: list[bytes] = []
        self.lock = threading.Lock()
        collector = self

        class Handler(JSONHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.path != "/v1/traces" or "protobuf" not in self.headers.get("Content-Type", ""):
                    return self._answer(404)
                request = ExportTraceServiceRequest()
                request.ParseFromString(body)
                with collector.lock:
                    collector.raw.append(body)
                    for resource_spans in request.resource_spans:
                        resource = {a.key: _value(a.value) for a in resource_spans.resource.attributes}
                        for scope in resource_spans.scope_spans:
                            for span in scope.spans:
                                collector.spans.append(Span(
                                    trace_id=span.trace_id.hex(), span_id=span.span_id.hex(), parent_id=span.parent_span_id.hex(),
                                    name=span.name, kind=KINDS[span.kind], attributes={a.key: _value(a.value) for a in span.attributes},
                                    status=STATUSES[span.status.code], service=resource.get("service.name", ""), resource=resource))
                self._answer(200, ExportTraceServiceResponse().SerializeToString(), content_type="application/x-protobuf")

        super().__init__(Handler)

    def trace(self, trace_id: str) -> list[Span]:
        with self.lock:
            return [s for s in self.spans if s.trace_id == trace_id]

    def wait_for(self, predicate, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"the collector did not see it in {timeout} s: {[(s.name, s.trace_id) for s in self.spans]}")
            time.sleep(0.05)

    @property
    def everything(self) -> bytes:
        with self.lock:
            return b"".join(self.raw)
