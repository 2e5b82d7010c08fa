"""The realistic profile's topics and claims: hundreds of numeric topics on the deadliest
events, each with positions of several parties (the monitor's ``between`` range, the
government's lower figure, sometimes revised, the other side's higher one, denials and
silence), and the bulletins of the sources that keep a document, quoted word for word."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dashboard.synth.basic import _pick
from dashboard.synth.realistic_parties import (
    CIVILIANS,
    DOCUMENTS,
    GOVERNMENT,
    HOSPITALS,
    MONITOR,
    OUTLETS,
    PROTESTERS,
    Columns,
    weighted_pick,
    zipf_indices,
)

UNITS = {"people": 0.45, "civilians": 0.25, "fighters": 0.2, "displaced people": 0.1}

CLAIM_COLUMNS = (
    "claim_id",
    "topic_id",
    "party_id",
    "spokesperson",
    "date",
    "stance",
    "value",
    "qualifier",
    "value_high",
    "statement",
    "verification",
    "source_id",
)


def _topic_events(events: Columns, rng, count: int) -> np.ndarray:
    """Indices of events the topics are about: the deadlier, the likelier."""
    best = events["fatalities"]
    weight = np.where(np.isnan(best), 0.0, best + 1.0)
    if weight.sum() == 0:
        weight = np.ones(len(best))
    replace = count > int((weight > 0).sum())
    return rng.choice(len(best), size=count, replace=replace, p=weight / weight.sum())


def topics_and_claims(
    events: Columns, parties: Columns, sources: Columns, rng
) -> tuple[Columns, Columns]:
    count = max(200, len(events["event_id"]) // 30)
    chosen = _topic_events(events, rng, count)
    names = dict(zip(parties["party_id"], parties["name"], strict=True))
    ids = list(parties["party_id"])
    government = ids[list(parties["name"]).index(GOVERNMENT)]
    monitor, hospitals = (ids[list(parties["name"]).index(n)] for n in (MONITOR, HOSPITALS))
    mediators = [p for p, role in zip(ids, parties["role"], strict=True) if role == "mediator"]
    spokespeople = {
        party: "Group spokesperson"
        for party, role in zip(ids, parties["role"], strict=True)
        if role == "non-state-armed-group"
    }
    spokespeople[government] = "Ministry of Defence spokesperson"
    units = weighted_pick(UNITS, rng, count)
    topics: dict[str, list] = {"topic_id": [], "question": [], "unit": [], "event_id": []}
    claims: dict[str, list] = {name: [] for name in CLAIM_COLUMNS}

    def claim(topic_id, party, day, stance, value=None, qualifier=None, high=None, grade=None):
        number = len(claims["claim_id"])
        words = {None: "", "exact": "", "about": "about ", "more-than": "more than "}
        words |= {"at-least": "at least ", "at-most": "at most ", "fewer-than": "fewer than "}
        if stance == "no-comment":
            statement = f"{names[party]} has not commented."
        elif qualifier == "between":
            statement = f"{names[party]}: between {value:,.0f} and {high:,.0f} {counted[0]}."
        elif stance == "denies":
            statement = f"{names[party]} denies that there were any {counted[0]}."
        else:
            statement = f"{names[party]}: {words[qualifier]}{value:,.0f} {counted[0]}."
        claims["claim_id"].append(f"claim-{number:07d}")
        claims["topic_id"].append(topic_id)
        claims["party_id"].append(party)
        claims["spokesperson"].append(spokespeople.get(party) if rng.random() < 0.7 else None)
        claims["date"].append(str(day))
        claims["stance"].append(stance)
        claims["value"].append(np.nan if value is None else float(value))
        claims["qualifier"].append(qualifier)
        claims["value_high"].append(np.nan if high is None else float(high))
        claims["statement"].append(statement)
        claims["verification"].append(grade or "claimed")
        claims["source_id"].append(sources["source_id"][zipf_indices(rng, OUTLETS, 1, 1.05)[0]])

    counted = [""]  # what the current topic counts, e.g. "civilians killed"
    for number, (event, unit) in enumerate(zip(chosen, units, strict=True)):
        counted[0] = unit if unit == "displaced people" else f"{unit} killed"
        topic_id = f"topic-{number:05d}"
        day = np.datetime64(events["date_end"][event] or events["date_start"][event])
        best = events["fatalities"][event]
        truth = float(best) if not np.isnan(best) and best > 0 else float(rng.integers(1, 40))
        if unit == "displaced people":
            truth = truth * 40 + float(rng.integers(10, 500))
        topics["topic_id"].append(topic_id)
        topics["question"].append(
            f"{unit.capitalize()} killed: {events['title'][event]}, {day}"
            if unit != "displaced people"
            else f"People displaced: {events['title'][event]}, {day}"
        )
        topics["unit"].append(unit)
        topics["event_id"].append(events["event_id"][event])
        reported = day + rng.integers(0, 10)
        low = np.floor(truth * rng.uniform(0.6, 0.95))
        high = np.ceil(truth * rng.uniform(1.05, 1.8)) + 1
        claim(topic_id, monitor, reported + 3, "asserts", low, "between", high, "reported")
        if rng.random() < 0.3:
            spread = np.ceil(truth * rng.uniform(1.0, 1.4)) + 2
            claim(
                topic_id,
                hospitals,
                reported + 1,
                "asserts",
                np.floor(truth * 0.8),
                "between",
                spread,
                "reported",
            )
        sides = [events["actor"][event], events["target"][event]]
        in_event = government in sides
        if in_event or rng.random() < 0.6:
            choice = rng.random()
            if choice < 0.12:
                claim(topic_id, government, reported, "no-comment")
            elif choice < 0.25:
                claim(topic_id, government, reported, "denies", 0, None, None, "disputed")
            else:
                figure = max(0.0, np.round(truth * rng.uniform(0.2, 0.8)))
                qualifier = _pick(("exact", "about", "at-most"), rng, 1)[0]
                claim(topic_id, government, reported, "asserts", figure, qualifier)
                if rng.random() < 0.25:  # a revision, weeks later and higher
                    revised = np.round(figure + truth * rng.uniform(0.1, 0.5)) + 1
                    claim(
                        topic_id,
                        government,
                        reported + int(rng.integers(5, 90)),
                        "asserts",
                        revised,
                        "exact",
                    )
        opponents = [
            s for s in sides if s and s != government and names[s] not in (CIVILIANS, PROTESTERS)
        ]
        if opponents and rng.random() < 0.85:
            figure = np.round(truth * rng.uniform(1.2, 3.0)) + 1
            qualifier = _pick(("more-than", "at-least", "exact"), rng, 1)[0]
            claim(topic_id, opponents[0], reported + 1, "asserts", figure, qualifier)
        if rng.random() < 0.2:
            mediator = mediators[int(rng.integers(0, len(mediators)))]
            claim(
                topic_id,
                mediator,
                reported + 5,
                "asserts",
                np.round(truth),
                "about",
                None,
                "reported",
            )

    claim_columns = {name: np.asarray(values, dtype=object) for name, values in claims.items()}
    for name in ("value", "value_high"):
        claim_columns[name] = np.asarray(claims[name], dtype="float64")
    topic_columns = {name: np.asarray(values, dtype=object) for name, values in topics.items()}
    return topic_columns, claim_columns


def write_documents(directory: Path, sources: Columns, claims: Columns, rng) -> None:
    """Each source that keeps a document gets a bulletin of the statements it carried;
    most of its claims quote their statement from it, word for word."""
    claims["quote"] = np.full(len(claims["claim_id"]), None, dtype=object)
    for number in range(DOCUMENTS):
        cites = claims["source_id"] == sources["source_id"][number]
        statements = claims["statement"][cites]
        body = "\n\n".join(
            f"{day}: {text}" for day, text in zip(claims["date"][cites], statements, strict=True)
        )
        path = directory / sources["document"][number]
        path.write_text(f"{sources['publisher'][number]}: bulletins\n\n{body}\n", encoding="utf-8")
        quoted = rng.random(len(statements)) < 0.7
        claims["quote"][np.flatnonzero(cites)[quoted]] = statements[quoted]
