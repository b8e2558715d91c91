"""The model's named states, each an enum with its labels in both languages.

A sector's reading (risk, tension, opportunity), a lever's status and the kinds of
events in the event log are spelled here once; the model, the analysis, the report
and the dashboard all use these enums, their labels and the one set of reading colours.
This module imports nothing heavy (no Mesa, numpy or polars): `analysis` reads it.
"""

from __future__ import annotations

from enum import StrEnum


class Reading(StrEnum):
    """How the local authority reads a sector (Audacities 2018; CONCEPTS.md section 4)."""

    OPPORTUNITY = "opportunity"
    TENSION = "tension"
    RISK = "risk"

    @property
    def colour(self) -> str:
        return READING_COLOURS[self]

    @property
    def code(self) -> int:
        """0 opportunity, 1 tension, 2 risk: the order of growing threat."""
        return list(Reading).index(self)


READING_COLOURS = {Reading.OPPORTUNITY: "#2ca02c", Reading.TENSION: "#ff7f0e", Reading.RISK: "#d62728"}
"""The one colour set of readings (green, orange, red), for the report and the dashboard."""


class LeverStatus(StrEnum):
    """Where a governance lever is in its life."""

    PENDING = "pending"  # before its start week
    ACTIVE = "active"  # transforming the rules and paid for this week
    ENDED = "ended"  # past its end week
    UNFUNDED = "unfunded"  # stopped: the budget could not pay its week


class EventKind(StrEnum):
    """What the event log records (`CityModel.events()`)."""

    LEVER_STARTED = "lever_started"
    LEVER_ENDED = "lever_ended"
    LEVER_UNFUNDED = "lever_unfunded"
    RULE_FIRED = "rule_fired"  # an adaptive rule's condition held long enough
    DEBATE_HELD = "debate_held"
    VOTE_HELD = "vote_held"
    PROJECT_FUNDED = "project_funded"
    PROJECT_ENDED = "project_ended"
    READING_CHANGED = "reading_changed"
    PRICE_RAISED = "price_raised"  # a platform met a pay floor by raising its price
    PRICE_LOWERED = "price_lowered"  # a pay floor was lifted or lowered
    TERMS_CHANGED = "terms_changed"  # a platform moved its price or commission, or its objective
    PLATFORM_ENTERED = "platform_entered"
    PLATFORM_EXITED = "platform_exited"  # its capital ran out
    DEFIANCE = "defiance"  # a platform defies a rule: the gain outweighs the penalty it expects
    COMPLIANCE = "compliance"  # it complies again
    FINED = "fined"  # the authority detected a defied rule and fined the platform
    PERMIT_WITHDRAWN = "permit_withdrawn"  # caught defying once too often: suspended from the city for a while
    PERMIT_RESTORED = "permit_restored"  # its suspension is over: back in the city
    INCUMBENT_REACTED = "incumbent_reacted"  # an incumbent improved its service or pooled its data
    SERVICE_FAILED = "service_failed"  # a provider chosen by many served few of their uses, or serves again
    BUDGET_SHORTFALL = "budget_shortfall"  # residents could not pay for every use they chose, or can again


LABELS: dict[str, dict[StrEnum, str]] = {
    "en": {
        Reading.OPPORTUNITY: "opportunity", Reading.TENSION: "tension", Reading.RISK: "risk",
        LeverStatus.PENDING: "pending", LeverStatus.ACTIVE: "active", LeverStatus.ENDED: "ended",
        LeverStatus.UNFUNDED: "unfunded",
        EventKind.LEVER_STARTED: "lever started", EventKind.LEVER_ENDED: "lever ended",
        EventKind.LEVER_UNFUNDED: "lever stopped: budget exhausted", EventKind.RULE_FIRED: "adaptive rule fired",
        EventKind.DEBATE_HELD: "debate held", EventKind.VOTE_HELD: "vote held",
        EventKind.PROJECT_FUNDED: "project funded", EventKind.PROJECT_ENDED: "project ended",
        EventKind.READING_CHANGED: "reading changed", EventKind.PRICE_RAISED: "price raised to meet a pay floor",
        EventKind.PRICE_LOWERED: "price lowered",
        EventKind.TERMS_CHANGED: "terms changed", EventKind.PLATFORM_ENTERED: "platform entered",
        EventKind.PLATFORM_EXITED: "platform left", EventKind.DEFIANCE: "rule defied",
        EventKind.COMPLIANCE: "rule complied with again", EventKind.FINED: "fined",
        EventKind.PERMIT_WITHDRAWN: "permit withdrawn", EventKind.PERMIT_RESTORED: "permit restored",
        EventKind.INCUMBENT_REACTED: "incumbent reacted",
        EventKind.SERVICE_FAILED: "service failed its users", EventKind.BUDGET_SHORTFALL: "residents short of money",
    },
    "fr": {
        Reading.OPPORTUNITY: "opportunité", Reading.TENSION: "tension", Reading.RISK: "risque",
        LeverStatus.PENDING: "en attente", LeverStatus.ACTIVE: "en cours", LeverStatus.ENDED: "terminé",
        LeverStatus.UNFUNDED: "sans financement",
        EventKind.LEVER_STARTED: "levier lancé", EventKind.LEVER_ENDED: "levier terminé",
        EventKind.LEVER_UNFUNDED: "levier arrêté : budget épuisé", EventKind.RULE_FIRED: "règle adaptative déclenchée",
        EventKind.DEBATE_HELD: "débat tenu", EventKind.VOTE_HELD: "vote organisé",
        EventKind.PROJECT_FUNDED: "projet financé", EventKind.PROJECT_ENDED: "projet achevé",
        EventKind.READING_CHANGED: "lecture modifiée",
        EventKind.PRICE_RAISED: "prix relevé pour respecter un plancher de rémunération",
        EventKind.PRICE_LOWERED: "prix baissé",
        EventKind.TERMS_CHANGED: "conditions modifiées", EventKind.PLATFORM_ENTERED: "arrivée d'une plateforme",
        EventKind.PLATFORM_EXITED: "départ d'une plateforme", EventKind.DEFIANCE: "règle enfreinte",
        EventKind.COMPLIANCE: "règle de nouveau respectée", EventKind.FINED: "amende infligée",
        EventKind.PERMIT_WITHDRAWN: "autorisation retirée", EventKind.PERMIT_RESTORED: "autorisation rendue",
        EventKind.INCUMBENT_REACTED: "réaction d'un acteur en place",
        EventKind.SERVICE_FAILED: "service défaillant pour ses usagers",
        EventKind.BUDGET_SHORTFALL: "habitants à court d'argent",
    },
}
"""Bilingual labels of every enum value (a test checks both languages cover the same keys)."""


def label(value: StrEnum, lang: str = "en") -> str:
    return LABELS[lang][value]
