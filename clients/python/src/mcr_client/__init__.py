"""The MCR platform's client kit for internal apps (`pip install mcr-client`).

- `tokens`: where the bearer token comes from: a development key (`DevelopmentKey`), an OpenID
  Connect provider's client credentials (`ClientCredentials`), or a fixed token (`StaticToken`);
- `channels.connect(target, tokens)`: a gRPC channel that sends the token on every call, gives
  every call a deadline, retries what is safe to retry, and raises `ApiError`;
- `errors.ApiError`: a refused call with its `google.rpc` details decoded (which field, why);
- `events.subscribe(...)`: the events of the services, through the app's own durable consumer,
  from where it left off, or from a time or a stream sequence.

The generated stubs come with it: `from mcr.insight.v1 import insight_service_pb2_grpc`.
"""

from mcr_client.channels import connect
from mcr_client.errors import ApiError
from mcr_client.events import Event, subscribe
from mcr_client.tokens import ClientCredentials, DevelopmentKey, StaticToken

__all__ = [
    "ApiError",
    "ClientCredentials",
    "DevelopmentKey",
    "Event",
    "StaticToken",
    "connect",
    "subscribe",
]
