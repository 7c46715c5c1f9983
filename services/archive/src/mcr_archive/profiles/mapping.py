"""Profiles: proto <-> domain."""

from __future__ import annotations

from datetime import datetime

from mcr.archive.v1 import profile_pb2 as ppb

from mcr_archive.domain import parse_name
from mcr_archive.hooks import NetworkMetric
from mcr_archive.profiles.domain import (
    APPROVED,
    CHANGES_REQUESTED,
    CP,
    DRAFT,
    IN_REVIEW,
    PUBLISHED,
    VP,
    KeyCalendarEvent,
    KeySubNetwork,
    Part,
    Profile,
    Review,
    Section,
    SupplierWeight,
    Version,
    parse_profile_name,
    weighted_scores,
)

STATE_TO_PROTO = {
    DRAFT: ppb.PROFILE_STATE_DRAFT,
    IN_REVIEW: ppb.PROFILE_STATE_IN_REVIEW,
    PUBLISHED: ppb.PROFILE_STATE_PUBLISHED,
}
VERDICT_TO_PROTO = {
    "": ppb.REVIEW_VERDICT_UNSPECIFIED,
    APPROVED: ppb.REVIEW_VERDICT_APPROVED,
    CHANGES_REQUESTED: ppb.REVIEW_VERDICT_CHANGES_REQUESTED,
}
VERDICT_FROM_PROTO = {v: k for k, v in VERDICT_TO_PROTO.items()}
_KIND = {
    "": ppb.KEY_SUB_NETWORK_KIND_UNSPECIFIED,
    "value_region": ppb.KEY_SUB_NETWORK_KIND_VALUE_REGION,
    "value_business": ppb.KEY_SUB_NETWORK_KIND_VALUE_BUSINESS,
}
_KIND_FROM = {v: k for k, v in _KIND.items()}
VALUE_TYPE = {
    "integer": ppb.NETWORK_METRIC_VALUE_TYPE_INTEGER,
    "decimal": ppb.NETWORK_METRIC_VALUE_TYPE_DECIMAL,
    "percent": ppb.NETWORK_METRIC_VALUE_TYPE_PERCENT,
    "text": ppb.NETWORK_METRIC_VALUE_TYPE_TEXT,
    "boolean": ppb.NETWORK_METRIC_VALUE_TYPE_BOOLEAN,
}


def _stamp(target, when: datetime | None) -> None:
    if when is not None:
        target.FromDatetime(when)


def _sections_to_proto(profile: Profile) -> list[ppb.ProfileSection]:
    return [
        ppb.ProfileSection(code=code, fields=fields)
        for code, fields in sorted(profile.sections.items())
    ]


def _sections_from_proto(sections) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for section in sections:
        merged.setdefault(section.code, {}).update(section.fields)
    return merged


def customer_profile_to_proto(profile: Profile) -> ppb.CustomerProfile:
    message = ppb.CustomerProfile(
        name=profile.name,
        region=profile.region,
        state=STATE_TO_PROTO[profile.state],
        sections=_sections_to_proto(profile),
        key_events=[
            ppb.KeyCalendarEvent(date=e.date, title=e.title, description=e.description)
            for e in profile.key_events
        ],
        business_network=ppb.BusinessNetwork(
            metrics=profile.network_metrics, product_experience=profile.product_experience
        ),
        key_sub_networks=[
            ppb.KeySubNetwork(
                display_name=n.display_name,
                kind=_KIND[n.kind],
                subsidiary=f"customers/{n.subsidiary_id}" if n.subsidiary_id else "",
                influence=n.influence,
                approval_path=n.approval_path,
                group_model_selection=n.group_model_selection,
            )
            for n in profile.key_sub_networks
        ],
        published_version=profile.published_version,
        review_round=profile.review_round,
        etag=profile.etag,
    )
    _stamp(message.update_time, profile.update_time)
    return message


def vendor_profile_to_proto(profile: Profile) -> ppb.VendorProfile:
    message = ppb.VendorProfile(
        name=profile.name,
        region=profile.region,
        state=STATE_TO_PROTO[profile.state],
        sections=_sections_to_proto(profile),
        locked_competitors=profile.locked_competitors,
        supplier_weights=[
            ppb.SupplierWeight(
                dimension=w.dimension,
                group=w.group,
                weight=w.weight,
                our_score=w.our_score,
                competitor_scores=w.competitor_scores,
            )
            for w in profile.supplier_weights
        ],
        weighted_scores=[
            ppb.WeightedScore(vendor=vendor, score=score)
            for vendor, score in weighted_scores(profile)
        ],
        published_version=profile.published_version,
        review_round=profile.review_round,
        etag=profile.etag,
    )
    _stamp(message.update_time, profile.update_time)
    return message


def profile_to_proto(profile: Profile):
    if profile.kind == CP:
        return customer_profile_to_proto(profile)
    return vendor_profile_to_proto(profile)


def customer_profile_from_proto(message: ppb.CustomerProfile) -> Profile:
    customer_id, _ = parse_profile_name(message.name, "customer_profile.name", CP)
    networks = []
    for index, n in enumerate(message.key_sub_networks):
        subsidiary = None
        if n.subsidiary:
            field_path = f"customer_profile.key_sub_networks[{index}].subsidiary"
            subsidiary = parse_name(n.subsidiary, "customers/{}", field_path)[0]
        networks.append(
            KeySubNetwork(
                n.display_name,
                _KIND_FROM.get(n.kind, ""),
                subsidiary,
                n.influence,
                n.approval_path,
                n.group_model_selection,
            )
        )
    return Profile(
        customer_id,
        CP,
        sections=_sections_from_proto(message.sections),
        key_events=tuple(
            KeyCalendarEvent(e.date, e.title, e.description) for e in message.key_events
        ),
        network_metrics=dict(message.business_network.metrics),
        product_experience=message.business_network.product_experience,
        key_sub_networks=tuple(networks),
    )


def vendor_profile_from_proto(message: ppb.VendorProfile) -> Profile:
    customer_id, _ = parse_profile_name(message.name, "vendor_profile.name", VP)
    return Profile(
        customer_id,
        VP,
        sections=_sections_from_proto(message.sections),
        locked_competitors=tuple(message.locked_competitors),
        supplier_weights=tuple(
            SupplierWeight(w.dimension, w.group, w.weight, w.our_score, dict(w.competitor_scores))
            for w in message.supplier_weights
        ),
    )


def review_to_proto(profile_name: str, review: Review) -> ppb.ProfileReview:
    message = ppb.ProfileReview(
        name=f"{profile_name}/reviews/{review.round}",
        round=review.round,
        submitted_by=f"employees/{review.submitted_by}",
        verdict=VERDICT_TO_PROTO[review.verdict],
        reviewer=f"employees/{review.reviewer_id}" if review.reviewer_id else "",
        comments=[
            ppb.ReviewComment(section=section, field=field, text=text)
            for section, field, text in review.comments
        ],
        published_version=review.published_version,
    )
    _stamp(message.submit_time, review.submit_time)
    _stamp(message.review_time, review.review_time)
    return message


def version_to_proto(version: Version) -> ppb.ProfileVersion:
    """An approved version as published; it carries no etag: it never changes, and the working
    copy's etag of that time is not what an update of the working copy must match."""
    profile = version.profile
    message = ppb.ProfileVersion(
        name=f"{profile.name}/versions/{version.version}",
        version=version.version,
        review_round=version.review_round,
        submitted_by=f"employees/{version.submitted_by}",
        approved_by=f"employees/{version.approved_by}",
    )
    if profile.kind == CP:
        message.customer_profile.CopyFrom(customer_profile_to_proto(profile))
        message.customer_profile.ClearField("etag")
    else:
        message.vendor_profile.CopyFrom(vendor_profile_to_proto(profile))
        message.vendor_profile.ClearField("etag")
    _stamp(message.publish_time, version.publish_time)
    return message


def missing_to_proto(kind: str, part: Section | Part) -> ppb.MissingSection:
    return ppb.MissingSection(
        profile=kind, section=part.code, book_section=part.book, title=part.title
    )


def metric_values_to_proto(
    values: dict[str, str], schema: list[tuple[NetworkMetric, str]]
) -> list[ppb.NetworkMetricValue]:
    """The recorded metrics that the schema defines (all of them, once validated), typed."""
    defined = {metric.code: (metric, plugin) for metric, plugin in schema}
    return [
        ppb.NetworkMetricValue(
            code=code, value=value, value_type=VALUE_TYPE[metric.value_type], plugin=plugin
        )
        for code, value in sorted(values.items())
        if value and (found := defined.get(code)) is not None
        for metric, plugin in (found,)
    ]
