"""The plugin host: pluggy managers, discovery through entry points, and a safe typed facade.

Plugin authors import one thing: `from mcr_core.plugins import hookimpl`. Each service declares
its hookspecs in its `hooks` module and builds a `PluginHost` for it; only the host reads entry
points (group `mcr.<host>`) and the allow/block lists. Services call hooks only through
`PluginHost.call` / `call_batch`, which call each implementation on its own, so a plugin that
raises, hangs past its timeout or returns a value of the wrong type is isolated: its failure
names it, a metric counts it, and the other plugins' results still count.

pluggy's semantics hold: implementations are called in pluggy's order (the last registered and
`tryfirst` first), and a hookspec's `firstresult=True` makes a call stop at the first valid
answer. Because each implementation is called on its own, hook wrappers (`hookwrapper=True` or
`wrapper=True`) cannot wrap the others: a plugin that declares one is refused at start-up.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import logging
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import entry_points
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import pluggy
from opentelemetry import metrics
from pydantic import TypeAdapter, ValidationError

if TYPE_CHECKING:
    from mcr_core.config import ServiceSettings

log = logging.getLogger(__name__)

PROJECT = "mcr"
# The version of the hook API this kernel offers. A plugin module may declare the versions it
# supports as `MCR_HOOK_API = (1,)`; a plugin for another version is refused at start-up.
HOOK_API_VERSION = 1

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

T = TypeVar("T")
# Finds what is wrong with a hook's answer beyond its type (None when nothing is): an answer
# with a problem counts as its plugin's failure, and a first-result call goes on to the next.
Problem = Callable[[Any], str | None]
_failures = metrics.get_meter(__name__).create_counter(
    "mcr_plugin_failures", description="Hook implementations that raised, hung or returned junk"
)


class PluginLoadError(RuntimeError):
    """A plugin cannot be loaded; the message names it and says why."""


@dataclass(frozen=True)
class PluginInfo:
    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]


@dataclass(frozen=True)
class PluginResult(Generic[T]):
    plugin: str
    value: T


@dataclass(frozen=True)
class PluginFailure:
    plugin: str
    hook: str
    reason: str


@dataclass
class PluginHealth:
    """How a plugin has fared since start-up, for the admin port's `/plugins`."""

    failures: int = 0
    last_hook: str = ""
    last_reason: str = ""
    last_failure_time: str = ""  # ISO 8601, UTC

    def report(self) -> dict[str, Any]:
        status = "failing" if self.failures else "ok"
        last = (
            {"hook": self.last_hook, "reason": self.last_reason, "time": self.last_failure_time}
            if self.failures
            else None
        )
        return {"status": status, "failures": self.failures, "last_failure": last}


@dataclass
class HookOutcome(Generic[T]):
    results: list[PluginResult[T]] = field(default_factory=list)
    failures: list[PluginFailure] = field(default_factory=list)

    @property
    def first(self) -> PluginResult[T] | None:
        return self.results[0] if self.results else None


class PluginHost:
    """The plugins of one host service (`archive`, `insight`, ...)."""

    def __init__(
        self,
        host: str,
        specs: ModuleType,
        *,
        defaults: tuple[str, ...] = (),
        allow: list[str] | None = None,
        block: list[str] | tuple[str, ...] = (),
        timeout_seconds: float = 2.0,
        discover: bool = True,
    ) -> None:
        self.host = host
        self.timeout_seconds = timeout_seconds
        self._specs, self._defaults, self._block = specs, defaults, tuple(block)
        self.pm = pluggy.PluginManager(PROJECT)
        self.pm.add_hookspecs(specs)
        self._info: dict[str, PluginInfo] = {}
        self._health: dict[str, PluginHealth] = {}
        self._adapters: dict[str, TypeAdapter] = {}
        for module_name in defaults:
            self.register(importlib.import_module(module_name), name=module_name)
        if discover:
            self._discover(allow, tuple(block))
        self.check()

    @classmethod
    def for_service(
        cls, host: str, specs: ModuleType, defaults: tuple[str, ...], settings: ServiceSettings
    ) -> PluginHost:
        """The host a service starts with: its hookspecs and built-in defaults, and the
        installation's allow and block lists and timeout (`MCR_PLUGINS_*`)."""
        return cls(
            host,
            specs,
            defaults=defaults,
            allow=settings.plugins_allow,
            block=settings.plugins_block,
            timeout_seconds=settings.plugin_timeout_seconds,
        )

    @property
    def group(self) -> str:
        return f"{PROJECT}.{self.host}"

    def installed(self) -> list[str]:
        """The packs installed for this host that its block list does not exclude."""
        names = {ep.name for ep in entry_points(group=self.group)} - set(self._block)
        return sorted(names)

    def with_packs(self, packs: Sequence[str]) -> PluginHost:
        """The same host with exactly these installed packs beside the built-in defaults: a
        pack switch tried before a region makes it by configuration. Raises PluginLoadError
        naming a pack that is not installed or cannot load."""
        missing = sorted(set(packs) - set(self.installed()))
        if missing:
            raise PluginLoadError(
                f"{', '.join(map(repr, missing))} not installed for host {self.host} "
                f"(installed: {', '.join(self.installed()) or 'none'})"
            )
        return PluginHost(
            self.host,
            self._specs,
            defaults=self._defaults,
            allow=list(packs),
            block=self._block,
            timeout_seconds=self.timeout_seconds,
        )

    def _discover(self, allow: list[str] | None, block: tuple[str, ...]) -> None:
        for ep in entry_points(group=self.group):
            if ep.name in block or (allow is not None and ep.name not in allow):
                log.info("plugin not activated", extra={"plugin": ep.name, "host": self.host})
                continue
            try:
                plugin = ep.load()
            except Exception as exc:
                raise PluginLoadError(f"plugin {ep.name!r} failed to import: {exc}") from exc
            dist = ep.dist
            self.register(
                plugin,
                name=ep.name,
                distribution=dist.name if dist else None,
                version=dist.version if dist else None,
            )

    def register(
        self,
        plugin: object,
        *,
        name: str | None = None,
        distribution: str | None = None,
        version: str | None = None,
    ) -> str:
        name = name or getattr(plugin, "__name__", None) or repr(plugin)
        supported = getattr(plugin, "MCR_HOOK_API", (HOOK_API_VERSION,))
        if HOOK_API_VERSION not in tuple(supported):
            raise PluginLoadError(
                f"plugin {name!r} supports hook API {tuple(supported)}, this {self.host} "
                f"service offers version {HOOK_API_VERSION}"
            )
        try:
            self.pm.register(plugin, name=name)
        except (pluggy.PluginValidationError, ValueError) as exc:
            raise PluginLoadError(
                f"plugin {name!r} is invalid for host {self.host}: {exc}"
            ) from exc
        callers = self.pm.get_hookcallers(plugin) or ()
        if wrapped := sorted(
            caller.name
            for caller in callers
            for impl in caller.get_hookimpls()
            if impl.plugin is plugin and (impl.hookwrapper or impl.wrapper)
        ):
            self.pm.unregister(plugin)
            raise PluginLoadError(
                f"plugin {name!r} implements {', '.join(wrapped)} as a hook wrapper "
                "(hookwrapper=True or wrapper=True): the plugin host calls each implementation "
                "on its own to isolate it, so a wrapper cannot wrap the others; implement the "
                "hook plainly"
            )
        hooks = tuple(sorted(c.name for c in callers))
        self._info[name] = PluginInfo(name, distribution, version, hooks)
        return name

    def unregister(self, name: str) -> None:
        self.pm.unregister(name=name)
        self._info.pop(name, None)

    def check(self) -> None:
        """Refuse hook implementations that match no hookspec (a misspelled hook name)."""
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            name = self.pm.get_name(exc.plugin)
            raise PluginLoadError(
                f"plugin {name!r} implements a hook that host {self.host} does not have "
                f"(misspelled?): {exc}"
            ) from exc

    def plugins(self) -> list[PluginInfo]:
        return sorted(self._info.values(), key=lambda info: info.name)

    def health(self, name: str) -> PluginHealth:
        return self._health.get(name) or PluginHealth()

    def first_result(self, hook: str) -> bool:
        """Whether `hook`'s spec says the first valid answer wins (pluggy's `firstresult`)."""
        return bool(getattr(self.pm.hook, hook).spec.opts.get("firstresult"))

    async def call(
        self,
        hook: str,
        *,
        timeout: float | None = None,
        problem: Problem | None = None,
        **kwargs: Any,
    ) -> HookOutcome:
        """Call the implementations of `hook` in pluggy's order; returns each valid result and
        each failure. For a `firstresult` spec the call stops at the first valid answer (one
        of the right type in which `problem` finds nothing wrong)."""
        return await self._call(hook, kwargs, timeout, problem)

    async def call_batch(
        self,
        hook: str,
        calls: Sequence[dict[str, Any]],
        *,
        timeout: float | None = None,
        problem: Problem | None = None,
    ) -> list[HookOutcome]:
        """`call` for many argument sets at once, one outcome per set, each exactly as `call`
        would give it. For a batch (thousands of customers): an `async` implementation runs
        over the sets one after another under a watchdog rather than a timer per call; when it
        makes no progress for `timeout` the set it is stuck on fails as timed out and it goes
        on with the next. A synchronous implementation runs on a thread per call, as in
        `call`, all sets together."""
        limit = timeout or self.timeout_seconds
        outcomes: list[HookOutcome] = [HookOutcome() for _ in calls]
        adapter = self._adapter(hook, problem)
        first = self.first_result(hook)
        for impl in reversed(getattr(self.pm.hook, hook).get_hookimpls()):
            # A first-result hook is asked again only for the sets still without an answer.
            pending = [i for i, o in enumerate(outcomes) if not (first and o.results)]
            sets, open_outcomes = [calls[i] for i in pending], [outcomes[i] for i in pending]
            if not sets:
                break
            if inspect.iscoroutinefunction(impl.function):
                await self._watch(impl, hook, adapter, sets, open_outcomes, limit)
            else:
                await asyncio.gather(
                    *(
                        self._call_impl(impl, hook, adapter, kwargs, outcome, limit)
                        for kwargs, outcome in zip(sets, open_outcomes, strict=True)
                    )
                )
        return outcomes

    async def _watch(self, impl, hook, adapter, calls, outcomes, limit: float) -> None:
        progress = [0]  # the index of the set the implementation is working on
        while progress[0] < len(calls):
            task = asyncio.create_task(self._each(impl, hook, adapter, calls, outcomes, progress))
            try:
                while not task.done():
                    seen = progress[0]
                    await asyncio.wait({task}, timeout=limit)
                    if not task.done() and progress[0] == seen:  # stuck for a whole timeout
                        task.cancel()
                        await asyncio.gather(task, return_exceptions=True)
                        self._fail(outcomes[seen], impl.plugin_name, hook, "timed out", limit)
                        progress[0] = seen + 1
            except asyncio.CancelledError:
                task.cancel()
                raise

    async def _each(self, impl, hook, adapter, calls, outcomes, progress: list[int]) -> None:
        function, names = impl.function, impl.argnames
        for index in range(progress[0], len(calls)):
            kwargs = calls[index]
            try:
                value = await function(*[kwargs[name] for name in names])
                self._accept(outcomes[index], impl.plugin_name, hook, adapter, value)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self._fail(
                    outcomes[index], impl.plugin_name, hook, f"raised {type(exc).__name__}: {exc}"
                )
            progress[0] = index + 1

    async def _call_impl(self, impl, hook, adapter, kwargs, outcome, limit: float) -> bool:
        """Call one implementation; returns whether it gave a valid answer."""
        args = [kwargs[name] for name in impl.argnames]
        try:
            value = await self._invoke(impl.function, args, limit)
        except asyncio.CancelledError:
            raise
        except TimeoutError:
            self._fail(outcome, impl.plugin_name, hook, "timed out", limit)
            return False
        except Exception as exc:
            self._fail(outcome, impl.plugin_name, hook, f"raised {type(exc).__name__}: {exc}")
            return False
        return self._accept(outcome, impl.plugin_name, hook, adapter, value)

    def _accept(self, outcome: HookOutcome, plugin: str, hook: str, adapter, value) -> bool:
        """Validate an answer; record it, or the plugin's failure. None abstains. Returns
        whether a valid answer was recorded."""
        if value is None:
            return False
        check, found_problem = adapter
        try:
            value = check.validate_python(value, strict=True)
        except ValidationError as exc:
            detail = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}" for e in exc.errors()[:3]
            )
            self._fail(outcome, plugin, hook, f"returned an invalid value: {detail}")
            return False
        if found_problem is not None and (reason := found_problem(value)) is not None:
            self._fail(outcome, plugin, hook, reason)
            return False
        outcome.results.append(PluginResult(plugin, value))
        return True

    async def _call(
        self, hook: str, kwargs: dict[str, Any], timeout: float | None, problem: Problem | None
    ) -> HookOutcome:
        caller = getattr(self.pm.hook, hook)
        adapter = self._adapter(hook, problem)
        first = self.first_result(hook)
        limit = timeout or self.timeout_seconds
        outcome: HookOutcome = HookOutcome()
        # pluggy calls the last registered (and tryfirst) implementations first.
        for impl in reversed(caller.get_hookimpls()):
            answered = await self._call_impl(impl, hook, adapter, kwargs, outcome, limit)
            if answered and first:
                break
        return outcome

    async def _invoke(self, function: Any, args: list[Any], timeout: float) -> Any:
        if inspect.iscoroutinefunction(function):
            # A timeout scope rather than wait_for: no task per call (a batch makes millions).
            async with asyncio.timeout(timeout):
                return await function(*args)
        # A synchronous plugin runs in a worker thread so that one that blocks cannot stall
        # the service; the wait gives up after the timeout (the thread ends on its own).
        value = await asyncio.wait_for(asyncio.to_thread(function, *args), timeout)
        if inspect.isawaitable(value):
            value = await asyncio.wait_for(value, timeout)
        return value

    def _fail(
        self,
        outcome: HookOutcome,
        plugin: str,
        hook: str,
        reason: str,
        timeout: float | None = None,
    ) -> None:
        if reason == "timed out":
            reason = f"timed out after {timeout or self.timeout_seconds:g}s"
        outcome.failures.append(PluginFailure(plugin, hook, reason))
        _failures.add(1, {"host": self.host, "plugin": plugin, "hook": hook})
        health = self._health.setdefault(plugin, PluginHealth())
        health.failures += 1
        health.last_hook, health.last_reason = hook, reason
        health.last_failure_time = datetime.now(UTC).isoformat(timespec="seconds")
        log.warning("plugin failed", extra={"plugin": plugin, "hook": hook, "reason": reason})

    def _adapter(
        self, hook: str, problem: Problem | None = None
    ) -> tuple[TypeAdapter, Problem | None]:
        """How an answer of `hook` is checked: the spec's return type, then `problem`."""
        adapter = self._adapters.get(hook)
        if adapter is None:
            spec = getattr(self.pm.hook, hook).spec
            hints = typing.get_type_hints(spec.function, include_extras=True)
            adapter = self._adapters[hook] = TypeAdapter(hints.get("return", Any))
        return adapter, problem
