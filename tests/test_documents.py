"""Documents that cannot drift (issue #18): every model-made number in README.md and docs/ODD.md is
generated from recorded experiments, and CI fails when the model changed since they were recorded.

- the probe (`docs/results/plan.toml`), re-run here, equals its recording: a model change that moves
  a headline indicator fails this test until `citysim docs --run all` has regenerated the records;
- every record (but the long ones) ran on the model the probe was recorded on;
- every generated part of the documents is what its record renders (`citysim docs` was run);
- no digit stands outside the generated parts in the documents' results sections, but figures from
  sources, each allowed with its citation (`docs/results/allowed.toml`).
"""

from __future__ import annotations

import json
import re
import tomllib

import pytest

from analysis.documents import (
    DOCUMENTS,
    MARKER,
    PROBE,
    RESULTS,
    ROOT,
    DocumentError,
    Store,
    fill,
    fmt,
    load_plan,
    outcome,
    outside_markers,
    render,
    stale,
)
from analysis.verdicts import VERDICTS
from citysim.recordings import probe_differences, run_probe


@pytest.fixture(scope="module")
def plan():
    return load_plan()


@pytest.fixture(scope="module")
def recorded_probe():
    return json.loads(PROBE.read_text())


def test_the_probe_run_now_equals_its_recording(plan, recorded_probe):
    """The model still behaves as when the documents' records were made (under a minute)."""
    moved = probe_differences(recorded_probe["values"], run_probe(plan.probe))
    assert not moved, ("the model changed since the documents' numbers were recorded: run "
                       "`uv run citysim docs --run all` and commit the records and documents\n" + "\n".join(moved[:20]))


def test_a_model_change_is_seen_by_the_probe(plan, recorded_probe):
    """The probe is sensitive: a model with a slightly larger volunteer capacity differs from the recording."""
    scenario = plan.probe.scenarios[1]  # the burn-out city: contribution is at its limit there
    changed = run_probe(plan.probe, [scenario], overrides={"contribution.capacity_h": 3.1})
    mine = {k: v for k, v in recorded_probe["values"].items() if k.startswith(f"{scenario} |")}
    assert probe_differences(mine, changed)


def test_every_record_ran_on_the_probed_model(plan, recorded_probe):
    for recording in plan.recordings:
        if recording.long:
            continue
        meta = json.loads((RESULTS / "records" / f"{recording.name}.json").read_text())["meta"]
        assert meta["probe"] == recorded_probe["digest"], (
            f"{recording.name} was recorded on another model than the probe: `citysim docs --run all`")
        assert not meta["dirty"], f"{recording.name} was recorded from a checkout with uncommitted model changes"


def test_the_documents_are_what_their_records_render():
    assert not stale(), "run `uv run citysim docs` and commit the documents"


def test_a_stale_generated_part_is_found(tmp_path):
    """A hand-edited number between markers is what `stale` catches."""
    store = Store()
    text = next(p.read_text() for p in DOCUMENTS if MARKER.search(p.read_text()))
    match = next(m for m in MARKER.finditer(text) if re.search(r"\d", m.group("body")))
    edited = text[: match.start("body")] + re.sub(r"\d", "7", match.group("body"), count=1) + text[match.end("body"):]
    if edited == text:
        edited = text[: match.start("body")] + match.group("body").replace("7", "8", 1) + text[match.end("body"):]
    assert fill(edited, store) != edited
    assert fill(text, store) == text


def test_a_record_older_than_the_probed_model_says_so():
    """A long record (screening, calibration) is never re-run by CI: when the model changed since, its
    provenance line says which model it ran on, in bold, instead of failing."""
    store = Store()
    name = store.plan.recordings[0].name
    current = render(f"run {name}", store)
    assert "older than the model" not in current
    store.probe = {**store.probe, "digest": "another model"}
    stale_line = render(f"run {name}", store)
    assert f"run on model `{store[name].meta['commit'][:10]}`, older than the model" in stale_line


def test_an_unknown_generated_part_names_the_document_and_the_key():
    with pytest.raises(DocumentError, match=r"README\.md: <!-- generated: nonsense -->"):
        fill("<!-- generated: nonsense -->x<!-- /generated -->", Store(), "README.md")


def test_pairs_set_design_points_against_each_other_for_every_indicator():
    """`pairs` (the size and time-step checks): one row per indicator and pair, a verdict in every cell;
    a pair whose reference point was not recorded as a baseline is refused, naming the record."""
    store = Store()
    table = render("pairs size 0:1 2:1", store).splitlines()
    metrics = store["size"].rows["metric"].unique().to_list()
    assert len(table) == 2 + 2 * len(metrics)
    assert any("`n_residents` = 500 against 2000" in line for line in table)
    assert all(any(v in line for v in VERDICTS) for line in table[2:])
    with pytest.raises(DocumentError, match="record size"):
        render("pairs size 0:2", store)


def test_collapse_gives_each_points_collapsed_runs_with_an_interval():
    store = Store()
    table = render("collapse size", store).splitlines()
    assert len(table) == 2 + 3 and all(re.search(r"\d+/40 \[\d\.\d\d, \d\.\d\d\]", line) for line in table[2:])
    with pytest.raises(DocumentError, match="no collapse shares"):
        render("collapse substeps", store)


# --- no hand-typed model-made number in a results section -----------------------------------------

RESULTS_HEADING = re.compile(r"^(#{2,4}) (.*(measured|what it found|emergent).*)$", re.I | re.M)
REFERENCE = re.compile(r"`[^`]*`|sections? \d+(\.\d+)*((-|–| and | to )\d+(\.\d+)*)*|issue #\d+|#\d+|P\d+|"
                       r"^#+ \d+(\.\d+)* |95 ?%|last 52 weeks|excludes (0|zero)")
"""What a digit may stand in without being a result: code and names, section and issue numbers, the
interval's level and the comparisons' window (the method, not a finding)."""


def results_sections(text: str) -> list[tuple[str, int, str]]:
    """(heading, first line, body) of every section whose heading says it reports results."""
    found = []
    for match in RESULTS_HEADING.finditer(text):
        level = len(match.group(1))
        rest = text[match.end():]
        end = re.search(rf"^#{{2,{level}}} ", rest, re.M)
        body = rest[: end.start()] if end else rest
        found.append((match.group(2), text[: match.start()].count("\n") + 1, body))
    return found


def hand_typed_digits(body: str, allowed: list[str]) -> list[str]:
    """Lines of ``body`` with a digit outside generated parts, code, references and allowed figures."""
    offences = []
    for line in outside_markers(body).splitlines():
        bare = REFERENCE.sub("", line)
        for phrase in allowed:
            bare = bare.replace(phrase, "")
        if re.search(r"\d", bare):
            offences.append(line.strip())
    return offences


def test_no_digit_is_typed_by_hand_in_a_results_section():
    allowed = tomllib.loads((RESULTS / "allowed.toml").read_text())["figures"]
    for figure in allowed:
        assert figure["source"].strip(), f"allowed figure {figure['text']!r} needs its source"
    phrases = [f["text"] for f in allowed]
    offences = []
    for path in DOCUMENTS:
        sections = results_sections(path.read_text())
        assert sections, f"{path.name} has no results section (a heading with 'Measured' or 'What it found')"
        for heading, line, body in sections:
            offences += [f"{path.relative_to(ROOT)} ({heading}, from line {line}): {text}"
                         for text in hand_typed_digits(body, phrases)]
    assert not offences, "model-made numbers must be generated (`citysim docs`):\n" + "\n".join(offences)


def test_the_lint_catches_a_typed_number_and_lets_generated_ones_through():
    assert hand_typed_digits("burn-out fell by 0.08 with care", [])
    assert not hand_typed_digits("burn-out fell by <!-- generated: claim x -->0.08<!-- /generated --> with care", [])
    assert not hand_typed_digits("see section 7.12 and `top10_share`", [])
    assert not hand_typed_digits("residents move at 7% a year (INSEE)", ["7% a year"])


# --- display precision and outcomes -------------------------------------------------------------


def test_numbers_show_a_tenth_of_their_smallest_meaningful_difference():
    assert fmt(0.07812, 0.01) == "0.078"
    assert fmt(-0.07812, 0.01, sign=True) == "\u22120.078"
    assert fmt(0.0001, 0.01, sign=True) == "0.000"  # no sign on a zero
    assert fmt(17.4567, 0.25) == "17.46"
    assert fmt(1234.5, 4.0) == "1,234.5"


@pytest.mark.parametrize(("diff", "lo", "hi", "expected", "said"), [
    (0.1, 0.05, 0.15, "higher", "as stated"),
    (-0.1, -0.15, -0.05, "higher", "**opposite** to the stated direction"),
    (0.001, -0.005, 0.005, "none", "as stated"),
    (0.02, -0.01, 0.05, "higher", "inconclusive"),
    (0.001, -0.005, 0.005, "lower", "no meaningful change"),
])
def test_a_claim_is_read_against_the_direction_stated_before_the_run(diff, lo, hi, expected, said):
    row = {"diff": diff, "ci_low": lo, "ci_high": hi, "smd": 0.01}
    assert outcome(row, expected) == said
