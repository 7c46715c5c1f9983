"""MCR_NATS_URL names one server or a cluster's nodes, separated by commas."""

import pytest
from mcr_core.bus.streams import nats_servers


def test_one_server_or_a_cluster():
    assert nats_servers("nats://nats:4222") == ["nats://nats:4222"]
    assert nats_servers("nats://a:4222, nats://b:4222,nats://c:4222") == [
        "nats://a:4222",
        "nats://b:4222",
        "nats://c:4222",
    ]


def test_an_empty_url_is_refused():
    with pytest.raises(ValueError, match="empty"):
        nats_servers(" , ")
