"""Proto <-> domain for insight analyses and service strategies."""

from __future__ import annotations

import copy
from dataclasses import asdict

from google.protobuf import json_format
from mcr.insight.v1 import (
    analysis_pb2,
)
from mcr_core.protobuf import optional_timestamp as timestamp

from mcr_insight.analyses.domain import (
    ANALYSIS_KINDS,
    AnalysisVersion,
    ConclusionStatus,
    ServiceSolution,
    ServiceStrategy,
    conclusions_in,
)
from mcr_insight.domain import CUSTOMER_PREFIX

# ---------------------------------------------------------------------------------------------
# Insight analyses and service strategies
# ---------------------------------------------------------------------------------------------

_STATUS_PREFIX = "CONCLUSION_STATUS_"


def _conclusions(content: dict, convert) -> dict:
    for _, conclusion in conclusions_in(content):
        convert(conclusion)
    return content


def analysis_content_from_proto(message: analysis_pb2.InsightAnalysis) -> tuple[str, dict]:
    """The content's field and the content as plain data, statuses as the domain's words;
    output-only fields are dropped."""
    field = message.WhichOneof("content") or ""
    if not field:
        return "", {}
    content = json_format.MessageToDict(getattr(message, field), preserving_proto_field_name=True)

    def read(conclusion: dict) -> None:
        conclusion.pop("verify_time", None)
        status = conclusion.pop("status", "").removeprefix(_STATUS_PREFIX).lower()
        if status and status != "unspecified":
            conclusion["status"] = ConclusionStatus(status)

    return field, _conclusions(content, read)


def analysis_to_proto(a: AnalysisVersion) -> analysis_pb2.InsightAnalysis:
    content = copy.deepcopy(dict(a.content))

    def write(conclusion: dict) -> None:
        conclusion["status"] = _STATUS_PREFIX + str(conclusion["status"]).upper()

    message = analysis_pb2.InsightAnalysis(
        name=a.name,
        version=a.version,
        open_hypotheses=a.open_hypotheses,
        etag=a.etag,
        update_time=timestamp(a.update_time),
        updated_by=a.updated_by,
    )
    json_format.ParseDict(_conclusions(content, write), getattr(message, ANALYSIS_KINDS[a.kind]))
    return message


def strategy_from_proto(message: analysis_pb2.ServiceStrategy) -> ServiceStrategy:
    return ServiceStrategy(
        customer_id="",
        customer_demands=tuple(d.strip() for d in message.customer_demands),
        why_customer_chooses_us=message.why_customer_chooses_us.strip(),
        core_values=tuple(v.strip() for v in message.core_values),
        strategic_control_points=tuple(p.strip() for p in message.strategic_control_points),
        solutions=tuple(
            ServiceSolution(s.demand.strip(), s.solution.strip(), s.profit_model.strip())
            for s in message.solutions
        ),
    )


def strategy_to_proto(s: ServiceStrategy) -> analysis_pb2.ServiceStrategy:
    return analysis_pb2.ServiceStrategy(
        name=f"{CUSTOMER_PREFIX}{s.customer_id}/serviceStrategy",
        customer_demands=list(s.customer_demands),
        why_customer_chooses_us=s.why_customer_chooses_us,
        core_values=list(s.core_values),
        strategic_control_points=list(s.strategic_control_points),
        solutions=[analysis_pb2.ServiceSolution(**asdict(item)) for item in s.solutions],
        version=s.version,
        etag=s.etag,
        update_time=timestamp(s.update_time),
        updated_by=s.updated_by,
    )
