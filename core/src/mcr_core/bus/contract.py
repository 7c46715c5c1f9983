"""The event contract: which message is published on which subject, read from the protos.

Every event message carries `option (mcr.common.v1.event) = {subject: ...}` in its
`events.proto`; `EventContract.load()` reads those options, with the messages' comments, from
the descriptor set `proto/generate.py` writes (`mcr/descriptors.binpb`). A service's outbox
checks each event it stages against the contract, so an event that is not in the published
contract (`/asyncapi.json`) fails the first test that publishes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from google.protobuf import descriptor_pb2
from mcr.common.v1 import event_pb2

DESCRIPTORS = "descriptors.binpb"
_PARAMETER = re.compile(r"\{([a-z_]+)\}")
# FileDescriptorProto.message_type and DescriptorProto.field, as source-info paths number them.
_MESSAGE_TYPE, _FIELD = 4, 2


class UndeclaredEvent(TypeError):
    """A service staged an event the contract does not list (a programming error)."""


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Channel:
    """One subject (a template when it has parameters) and the message published on it."""

    subject: str
    message: str  # the message's full protobuf name, its `ce-type`
    parameters: tuple[Parameter, ...]
    description: str = ""
    file: str = ""
    pattern: re.Pattern = field(compare=False, repr=False, default=None)

    @property
    def id(self) -> str:
        """The subject with its parameters' names in place of the braces."""
        return _PARAMETER.sub(r"\1", self.subject)

    @property
    def owner(self) -> str:
        """The service that publishes it (`rollup` for the roll-up's aggregates)."""
        return self.subject.split(".")[1]

    @property
    def stream(self) -> str:
        return f"MCR_{self.owner.upper()}"

    def matches(self, subject: str) -> bool:
        return self.pattern.fullmatch(subject) is not None


def _pattern(subject: str, parameters: tuple[Parameter, ...]) -> re.Pattern:
    values = {p.name: p.values for p in parameters}
    parts = []
    for token in subject.split("."):
        name = _PARAMETER.fullmatch(token)
        if name is None:
            parts.append(re.escape(token))
        elif values.get(name.group(1)):
            parts.append("(?:" + "|".join(map(re.escape, values[name.group(1)])) + ")")
        else:
            parts.append(r"[a-z0-9][a-z0-9_-]*")
    return re.compile(r"\.".join(parts))


@dataclass(frozen=True)
class EventContract:
    channels: tuple[Channel, ...]
    files: tuple[descriptor_pb2.FileDescriptorProto, ...] = ()

    @classmethod
    def load(cls) -> EventContract:
        return _load()

    def channel_for(self, subject: str) -> Channel | None:
        return next((c for c in self.channels if c.matches(subject)), None)

    def check(self, subject: str, message: str) -> Channel:
        """The channel of `message` on `subject`; UndeclaredEvent if the contract has none."""
        channel = self.channel_for(subject)
        if channel is None or channel.message != message:
            raise UndeclaredEvent(
                f"{message} on {subject} is not in the event contract: give the message "
                "`option (mcr.common.v1.event) = {subject: ...}` in its events.proto"
            )
        return channel


def comments(file: descriptor_pb2.FileDescriptorProto) -> dict[tuple[int, ...], str]:
    """The leading comments of a file's elements, by source-info path."""
    return {
        tuple(location.path): " ".join(location.leading_comments.split())
        for location in file.source_code_info.location
        if location.leading_comments
    }


@cache
def _load() -> EventContract:
    data = (resources.files("mcr") / DESCRIPTORS).read_bytes()
    files = descriptor_pb2.FileDescriptorSet.FromString(data).file
    channels = []
    for file in files:
        described = comments(file)
        for index, message in enumerate(file.message_type):
            if not message.options.HasExtension(event_pb2.event):
                continue
            option = message.options.Extensions[event_pb2.event]
            parameters = tuple(
                Parameter(p.name, p.description, tuple(p.values)) for p in option.parameters
            )
            channels.append(
                Channel(
                    subject=option.subject,
                    message=f"{file.package}.{message.name}",
                    parameters=parameters,
                    description=described.get((_MESSAGE_TYPE, index), ""),
                    file=file.name,
                    pattern=_pattern(option.subject, parameters),
                )
            )
    return EventContract(tuple(channels), tuple(files))
