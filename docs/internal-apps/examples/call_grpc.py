"""Call a service over gRPC as an internal app: the tier assignments of the caller's region.

    MCR_INSIGHT_TARGET=127.0.0.1:50052 MCR_DEV_KEY=~/.mcr/keys/dev-signing-key.pem \
        python call_grpc.py

In production, replace `DevelopmentKey` with the region's provider:
`ClientCredentials(issuer, client_id, client_secret)`.
"""

import asyncio
import os
from pathlib import Path

from mcr.insight.v1 import insight_service_pb2 as insight
from mcr.insight.v1 import insight_service_pb2_grpc
from mcr_client import ApiError, DevelopmentKey, connect


async def main(key: Path) -> None:
    tokens = DevelopmentKey(
        key,
        employee_id=os.environ.get("MCR_EMPLOYEE", "e-1001"),
        region=os.environ.get("MCR_REGION", "cn-south"),
        org_unit=os.environ.get("MCR_ORG_UNIT", "/cn-south/enterprise/team-1"),
    )
    async with connect(os.environ["MCR_INSIGHT_TARGET"], tokens, deadline_seconds=5) as channel:
        stub = insight_service_pb2_grpc.InsightServiceStub(channel)
        page = await stub.ListTierAssignments(insight.ListTierAssignmentsRequest(page_size=100))
        for assignment in page.tier_assignments:
            print(f"{assignment.name} tier {assignment.tier}")
        try:  # a refusal names the field and says why
            await stub.GetTierAssignment(insight.GetTierAssignmentRequest(name="not-a-name"))
        except ApiError as refused:
            print(f"refused: {refused}")


asyncio.run(main(Path(os.environ["MCR_DEV_KEY"]).expanduser()))
