"""One gRPC service served by the servicers of its areas.

A service whose contract has several areas (insight's tiers, sandbox, monitoring...) keeps one
servicer class per area beside the area's use cases; the service's own servicer only says which
areas serve it. `serve_areas` binds each RPC of the service descriptor to the one area servicer
that defines it, and refuses at start-up an RPC that no area, or two, would serve.
"""

from __future__ import annotations

from google.protobuf.descriptor import ServiceDescriptor


def serve_areas(servicer: object, service: ServiceDescriptor, *areas: object) -> None:
    """Bind every RPC of `service` on `servicer` to the method of the area that defines it."""
    for method in service.methods:
        owners = [area for area in areas if method.name in _methods(type(area))]
        if len(owners) != 1:
            names = [type(area).__name__ for area in owners] or ["no area"]
            raise TypeError(
                f"{service.full_name}.{method.name} must be served by one area, not by {names}"
            )
        setattr(servicer, method.name, getattr(owners[0], method.name))
    rpcs = {method.name for method in service.methods}
    for area in areas:
        if extra := sorted(_methods(type(area)) - rpcs):
            raise TypeError(f"{type(area).__name__} serves {extra}, not in {service.full_name}")


def _methods(kind: type) -> set[str]:
    """The RPC-like methods (CamelCase) a servicer class defines itself or inherits."""
    return {
        name
        for klass in kind.__mro__
        if klass is not object
        for name, value in vars(klass).items()
        if name[:1].isupper() and callable(value)
    }
