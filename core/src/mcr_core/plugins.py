"""The plugin host: pluggy managers, discovery through entry points, and a safe typed facade.

Plugin authors import one thing: `from mcr_core.plugins import hookimpl`. Each service declares
its hookspecs in its `hooks` module and builds a `PluginHost` for it; only the host reads entry
points (group `mcr.<host>`) and the allow/block lists. Services call hooks only through
`PluginHost.call` / `call_batch`, which call each implementation on its own, so a plugin that
raises, hangs past its timeout or returns a value of the wrong type is isolated: its failure
names it, a metric counts it, and the other plugins' results still count.

Packs are scoped by industry within a region (hook API 2). A pack module declares the customers
it serves as `MCR_SCOPE = PackScope(industries=(...), ownership_types=(...))`. A hook whose spec
takes a `customer` (the customer's context: industry, ownership type, tier, region, the metrics
the packs declared) decides something about one customer: the host calls only the plugins whose
scope serves that customer, closest fit first (`PackScope.fit`), then the built-in defaults. A
hook without a `customer` is region-wide: every active plugin answers, as before.

pluggy's semantics hold among plugins that fit equally well: implementations are called in
pluggy's order (the last registered and `tryfirst` first), and a hookspec's `firstresult=True`
makes a call stop at the first valid answer. Because each implementation is called on its
own, hook wrappers (`hookwrapper=True` or `wrapper=True`) cannot wrap the others: a plugin
that declares one is refused at start-up.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import logging
import typing
from collections.abc import Callable, Mapping, Sequence
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
# supports as `MCR_HOOK_API = (2,)`; a plugin for another version is refused at start-up.
# Version 2 scoped packs by industry: per-customer hooks take the customer's context.
HOOK_API_VERSION = 2
# What a pack written for an older version changes to load (the refusal says it).
MOVING = {
    1: "declare `MCR_HOOK_API = (2,)` and the customers the pack serves as `MCR_SCOPE = "
    "PackScope(industries=(...))` in each hook module, and take the customer's context as "
    "`customer` in the per-customer hooks (contact_cadence_rules, contact_gift_limit, "
    "planning_decision_pattern, satisfaction_survey_dimensions; see docs/partners/hooks.md); "
    "the guide's 'Moving to hook API 2' shows each change",
}
# The parameter that makes a hook per-customer: the host scopes its calls by this argument.
CUSTOMER = "customer"
EVERY_INDUSTRY = "*"

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
class PackScope:
    """The customers of a region a pack serves: those of `industries` (codes of
    `Customer.industry`; "*" for every industry) and, when it names any, of `ownership_types`
    only (private, state_owned, foreign, listed)."""

    industries: tuple[str, ...]
    ownership_types: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.industries or isinstance(self.industries, str):
            raise ValueError("a pack scope names its industries as a tuple (('*',) for all)")

    def fit(self, industry: str, ownership_type: str) -> int | None:
        """How closely this scope fits a customer, None when it does not serve it. The one
        rule that orders the answers of several packs for one customer: a pack naming the
        customer's industry and ownership type (4) before one naming its industry (3), before
        one serving every industry with that ownership type (2) or any (1); the built-in
        defaults and unscoped plugins (0) answer last."""
        named = industry in self.industries
        if not named and EVERY_INDUSTRY not in self.industries:
            return None
        if self.ownership_types and ownership_type not in self.ownership_types:
            return None
        return 1 + 2 * named + bool(self.ownership_types)


@dataclass(frozen=True)
class CustomerContext:
    """What a per-customer hook is told about the customer it decides for: its industry and
    ownership type (which select the packs), its tier ("" before it has one), its region, and
    the values of the profile metrics the packs declared (`archive_network_metrics`)."""

    id: str
    region: str
    industry: str = ""
    ownership_type: str = ""
    tier: str = ""
    metrics: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PluginInfo:
    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    scope: PackScope | None = None  # None: every customer (the built-in defaults)


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
        # The implementations that serve a customer of (industry, ownership type), per hook, in
        # the order they are asked; dropped whenever a plugin comes or goes.
        self._serving: dict[tuple[str, str, str], list[Any]] = {}
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
        supported = tuple(getattr(plugin, "MCR_HOOK_API", (HOOK_API_VERSION,)))
        if HOOK_API_VERSION not in supported:
            moving = [MOVING[v] for v in supported if v in MOVING]
            raise PluginLoadError(
                f"plugin {name!r} supports hook API {supported}, this {self.host} "
                f"service offers version {HOOK_API_VERSION}"
                + (f"; to move it: {moving[-1]}" if moving else "")
            )
        scope = getattr(plugin, "MCR_SCOPE", None)
        if scope is not None and not isinstance(scope, PackScope):
            raise PluginLoadError(
                f"plugin {name!r} declares MCR_SCOPE = {scope!r}; it must be a "
                "mcr_core.plugins.PackScope, e.g. PackScope(industries=('telecom',))"
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
        if (
            distribution
            and scope is None
            and (per_customer := [hook for hook in hooks if self.per_customer(hook)])
        ):
            self.pm.unregister(plugin)
            raise PluginLoadError(
                f"plugin {name!r} implements per-customer hooks ({', '.join(per_customer)}) "
                "but does not say whose: declare the customers it serves as MCR_SCOPE = "
                "PackScope(industries=(...)) (('*',) for every industry) in its module"
            )
        self._info[name] = PluginInfo(name, distribution, version, hooks, scope)
        self._serving.clear()
        return name

    def unregister(self, name: str) -> None:
        self.pm.unregister(name=name)
        self._info.pop(name, None)
        self._serving.clear()

    def per_customer(self, hook: str) -> bool:
        """Whether `hook` decides something about one customer (its spec takes `customer`):
        then only the plugins whose scope serves the customer answer."""
        spec = getattr(self.pm.hook, hook).spec  # None for a hook no spec declares (refused)
        return spec is not None and CUSTOMER in spec.argnames

    def _impls(self, hook: str, kwargs: Mapping[str, Any]) -> list[Any]:
        """The implementations to ask for one call, in order: for a per-customer hook those
        that serve the customer, closest fit first (`PackScope.fit`), pluggy's order among
        equals; for a region-wide hook all of them in pluggy's order."""
        customer = kwargs.get(CUSTOMER) if self.per_customer(hook) else None
        industry = getattr(customer, "industry", "") or ""
        ownership = getattr(customer, "ownership_type", "") or ""
        key = (hook, industry, ownership) if customer is not None else (hook, "", "\0")
        found = self._serving.get(key)
        if found is None:
            # pluggy calls the last registered (and tryfirst) implementations first.
            ordered = list(reversed(getattr(self.pm.hook, hook).get_hookimpls()))
            if customer is not None:
                fits = [
                    (fit, index, impl)
                    for index, impl in enumerate(ordered)
                    if (fit := self._fit(impl.plugin_name, industry, ownership)) is not None
                ]
                ordered = [impl for _, _, impl in sorted(fits, key=lambda f: (-f[0], f[1]))]
            found = self._serving[key] = ordered
        return found

    def _fit(self, plugin: str, industry: str, ownership_type: str) -> int | None:
        info = self._info.get(plugin)
        scope = info.scope if info else None
        return 0 if scope is None else scope.fit(industry, ownership_type)

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
        # The sets whose customers the same implementations serve (one group per industry and
        # ownership type) are asked together, each group in its own order.
        groups: dict[int, tuple[list[Any], list[int]]] = {}
        for index, kwargs in enumerate(calls):
            impls = self._impls(hook, kwargs)
            groups.setdefault(id(impls), (impls, []))[1].append(index)
        for impls, indices in groups.values():
            for impl in impls:
                # A first-result hook is asked again only for the sets still without an answer.
                pending = [i for i in indices if not (first and outcomes[i].results)]
                if not pending:
                    break
                sets, open_outcomes = [calls[i] for i in pending], [outcomes[i] for i in pending]
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
        adapter = self._adapter(hook, problem)
        first = self.first_result(hook)
        limit = timeout or self.timeout_seconds
        outcome: HookOutcome = HookOutcome()
        for impl in self._impls(hook, kwargs):
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
