"""`scenarios/ranges.toml`: every numeric parameter has a unit, a plausible range and a source; the
library stays inside the ranges; docs/ODD.md's parameter tables say the same units and sources."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from simulation import library
from simulation.errors import ScenarioError
from simulation.interventions import LEVERS
from simulation.ranges import (
    ASSUMPTION,
    RANGES_FILE,
    Ranges,
    load_ranges,
    outside,
    parameters,
    uncovered,
    validate_ranges,
)
from simulation.scenario import Scenario, validate_scenario

REPO = Path(__file__).resolve().parent.parent
ODD = REPO / "docs" / "ODD.md"
RAW = tomllib.loads(RANGES_FILE.read_text())
RANGES = load_ranges()
KNOWN = parameters()


def _raw() -> dict:
    """A fresh, mutable copy of the shipped file's content."""
    return tomllib.loads(RANGES_FILE.read_text())


# --- coverage: every parameter, and only parameters ----------------------------------------------


def test_every_numeric_parameter_has_a_range_or_a_reason_to_skip():
    missing = uncovered(RANGES)
    assert not missing, f"numeric parameters with no entry in scenarios/ranges.toml: {missing}"
    assert len(RANGES.parameters) + len(RANGES.skipped) >= 100


def test_a_parameter_without_a_range_is_named():
    data = _raw()
    del data["parameters"]["contribution.capacity_h"]
    del data["skipped"]["interventions.*.start_week"]
    missing = uncovered(validate_ranges(data, "x.toml"))
    assert "contribution.capacity_h" in missing
    assert {f"interventions.{get_type(lever)}.start_week" for lever in LEVERS} <= set(missing)


def get_type(lever) -> str:
    return lever.model_fields["type"].annotation.__args__[0]


def test_the_schema_walk_sees_every_kind_of_field():
    known = parameters()
    assert known["contribution.capacity_h"] == "float" and known["civic.network_degree"] == "int"
    assert known["residents.citizen_beta[1]"] == "float" and "residents.citizen_beta" not in known
    assert known["residents.time_use_profiles"] == "structure"
    assert "sectors.*.task_h" in known and "incumbents.actors.*.quality_step" in known
    assert "interventions.contributor_care.recognition" in known
    assert "civic.ties" not in known and "platforms.*.name" not in known  # booleans and names are not numbers
    assert not any(".then." in p for p in known)  # an adaptive rule's lever is ranged by its own type


# --- one clear error per bad input ---------------------------------------------------------------


def _break(data: dict, key: str, **change) -> dict:
    entry = data["parameters"][key]
    for field, value in change.items():
        if value is None:
            del entry[field]
        else:
            entry[field] = value
    return data


@pytest.mark.parametrize("change, expected", [
    (lambda d: _break(d, "contribution.capacity_h", unit=None),
     "x.toml: parameters.contribution.capacity_h.unit: missing required field"),
    (lambda d: _break(d, "contribution.capacity_h", low=6.0),
     "x.toml: parameters.contribution.capacity_h: low (6.0) must be below high (6.0)"),
    (lambda d: _break(d, "contribution.capacity_h", low=7.0),
     "x.toml: parameters.contribution.capacity_h: low (7.0) must be below high (6.0)"),
    (lambda d: _break(d, "contribution.capacity_h", unit="h/weak"),
     "x.toml: parameters.contribution.capacity_h.unit: unknown unit 'h/weak'; did you mean 'h/week'?"),
    (lambda d: _break(d, "contribution.capacity_h", source="Frey and Oberholzer-Gee (1997)"),
     "x.toml: parameters.contribution.capacity_h: grounds: missing"),
    (lambda d: _break(d, "contribution.capacity_h", grounds="range"),
     "x.toml: parameters.contribution.capacity_h: grounds: an assumption grounds nothing"),
    (lambda d: _break(d, "civic.network_degree", low=4.5),
     "x.toml: parameters.civic.network_degree: an integer parameter needs whole bounds"),
    (lambda d: d["parameters"].update({"contribution.capacity": d["parameters"].pop("contribution.capacity_h")}),
     "x.toml: parameters.contribution.capacity: names no parameter of the scenario; did you mean "
     "'contribution.capacity_h'?"),
    (lambda d: d["skipped"].update({"contribution.capacity_h": "twice"}),
     "x.toml: parameters.contribution.capacity_h: contribution.capacity_h is already in skipped.contribution"),
    (lambda d: d["parameters"].update({"residents.time_use_profiles": d["parameters"]["residents.physiological_h"]})
     or d["skipped"].pop("residents.time_use_profiles"),
     "x.toml: parameters.residents.time_use_profiles: a table of numbers, not a scalar"),
])
def test_bad_input_gives_one_clear_line_naming_file_and_field(change, expected):
    data = _raw()
    change(data)
    with pytest.raises(ScenarioError) as exc:
        validate_ranges(data, "x.toml")
    assert expected in str(exc.value)
    assert len(str(exc.value).splitlines()) == 1


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(ScenarioError, match="nowhere.toml: no such file"):
        load_ranges(tmp_path / "nowhere.toml")


# --- the library and the schema lie inside the ranges --------------------------------------------


LEVER_NEEDS = {
    "data_partnership": {"sector": "mapping"},
    "cooperative_support": {"platform": "BikeCoop"},
    "innovation_policy": {"priority_sectors": ["delivery"]},
    "adaptive_rule": {"sector": "mapping", "then": {"type": "data_partnership", "sector": "mapping"}},
}


def _shipped() -> list[Scenario]:
    scenarios = [library.load_context(c) for c in library.names("contexts")]
    scenarios += [library.build("calm_city", p) for p in library.names("policies")]
    levers = [{"type": get_type(lever), **LEVER_NEEDS.get(get_type(lever), {})} for lever in LEVERS]
    scenarios.append(validate_scenario({"name": "every_lever_at_its_defaults", "interventions": levers}))
    return scenarios


def test_shipped_contexts_policies_and_defaults_lie_inside_the_ranges():
    assert len(library.names("contexts")) >= 4 and len(library.names("policies")) >= 7
    problems = [line for s in _shipped() for line in outside(s, RANGES)]
    assert not problems, "\n".join(problems)


def test_outside_names_a_value_out_of_range():
    city = library.load_context("citizen_burnout").with_overrides({"platforms.QuickEats.price_eur": 75.0})
    assert outside(city, RANGES) == [
        "citizen_burnout: platforms.QuickEats.price_eur = 75 is outside platforms.*.price_eur's range [0, 60] EUR/use"]


SUMS_TO_ONE = ("civic.trust_weights", "authority.criteria_weights")


def _set(data: dict, path: str, value: float) -> None:
    """Set ``path`` (a ranges path) to ``value`` in a dumped scenario: every item of a ``*`` list."""
    if path.startswith("interventions."):
        _, kind, field = path.split(".")
        kinds = [get_type(lever) for lever in LEVERS] if kind == "*" else [kind]
        data["interventions"] = [{"type": k, **LEVER_NEEDS.get(k, {}), field: value} for k in kinds]
        return
    head, _, field = path.rpartition(".")
    if head.endswith(".*") or head == "*":
        node = data
        for key in head.removesuffix(".*").split("."):
            node = node[key]
        for item in node:
            item[field] = value
        return
    node = data
    for key in head.split("."):
        node = node[key]
    if match := re.fullmatch(r"(\w+)\[(\d)\]", field):
        items = list(node[match[1]])
        items[int(match[2])] = value
        node[match[1]] = tuple(items)
    else:
        node[field] = value


@pytest.mark.parametrize("path", sorted(RAW["parameters"]))
def test_each_bound_is_a_valid_value(path):
    entry = RANGES.parameters[path]
    if path.startswith(SUMS_TO_ONE):  # ranged one by one; a sample is renormalised to sum to 1
        assert 0.0 <= entry.low < entry.high <= 1.0
        return
    for value in (entry.low, entry.high):
        data = Scenario().model_dump()
        _set(data, path, int(value) if KNOWN[path] == "int" else value)
        validate_scenario(data, f"{path}={value}")


# --- units and sources ---------------------------------------------------------------------------


def _references() -> dict[str, str]:
    """docs/ODD.md's References: each entry's lead (the first author or body) -> its text."""
    text = ODD.read_text().split("\n## References\n", 1)[1]
    entries = re.split(r"\n- ", "\n" + text.strip())[1:]
    return {re.split(r",| \(", e, maxsplit=1)[0].strip(): " ".join(e.split()) for e in entries}


def _lead(citation: str) -> str:
    return re.split(r" and | et al\.|,| \(", citation, maxsplit=1)[0].strip()


def test_sources_are_assumptions_or_odd_references():
    refs = _references()
    assert "Frey" in refs and "de Ruijter" in refs and len(refs) > 20
    bad = []
    for path, entry in RANGES.parameters.items():
        for citation in entry.citations:
            year = re.search(r"\(([^)]+)\)$", citation)
            ref = refs.get(_lead(citation))
            if year is None or ref is None or f"({year[1]})" not in ref:
                bad.append(f"{path}: {citation!r}")
    assert not bad, f"citations not in docs/ODD.md's References (as 'Author (year)'): {bad}"


def test_units_come_from_the_vocabulary_and_each_is_used():
    used = {entry.unit for entry in RANGES.parameters.values()}
    assert used <= set(RANGES.units)
    assert set(RANGES.units) - used == set(), "a unit nobody uses: drop it from [units]"


def test_counts_add_up():
    counts = RANGES.counts()
    assert counts["assumption"] + counts["range"] + counts["default"] + counts["direction"] == counts["parameters"]
    assert counts["range"] + counts["default"] + counts["direction"] == sum(
        entry.source != ASSUMPTION for entry in RANGES.parameters.values())


# --- docs/ODD.md's parameter tables agree with the file ------------------------------------------

ALIASES = {"CommonersFramework": "Barbrook-Johnson", "MaaSSim": "de Ruijter"}


def _odd_rows() -> list[tuple[str, str, str, int]]:
    """(ranges path, unit cell, source cell, line) of every row of the ODD's parameter tables (sections
    7.0 and 8): a bold ``[section]`` heading, a lever's section (type `x`) or 8.1's common fields set
    the path's prefix."""
    rows, prefix, header = [], None, None
    for number, line in enumerate(ODD.read_text().splitlines(), 1):
        if line.startswith("### ") or line.startswith("## "):
            lever = re.search(r"type `(\w+)`\)$", line)
            prefix = (f"interventions.{lever[1]}." if lever else "interventions.*." if line.startswith("### 8.1 ")
                      else "" if line.startswith("### 7.0 ") else None)
        elif prefix is not None and (section := re.match(r"\*\*`\[(\w+)\]`", line)):
            prefix = f"{section[1]}."
        elif prefix is not None and line.startswith("Fields of an incumbent"):
            prefix = "incumbents.actors.*."
        elif line.startswith("| parameter | default | unit |") or line.startswith("| field | default | unit |"):
            header = line.split("|")[1:-1]
        elif not line.startswith("|"):
            header = None
        elif prefix is not None and header and (name := re.match(r"\| `(\w+)` \|", line)):
            cells = [c.strip() for c in line.split("|")[1:-1]]
            source = cells[4] if len(header) > 4 else ""
            rows.append((f"{prefix}{name[1]}", cells[2], source, number))
    return rows


def _entries(path: str) -> dict[str, object]:
    return {k: v for k, v in RANGES.parameters.items() if k == path or k.startswith(f"{path}[")}


def _cited(text: str, leads: list[str]) -> set[str]:
    text = text.replace("INSEE Première", "")  # a series; its entries are under their authors
    found = {lead for lead in leads if re.search(rf"(?<![\w-]){re.escape(lead)}(?![\w-])", text)}
    found |= {lead for alias, lead in ALIASES.items() if alias in text}
    return {lead for lead in found if not any(other != lead and other.startswith(lead) for other in found)}


def test_odd_tables_carry_the_files_units_and_sources():
    leads = sorted(_references())
    rows = _odd_rows()
    assert len(rows) > 150
    seen, problems = set(), []
    for path, unit, source, line in rows:
        entries = _entries(path)
        if not entries:
            continue
        seen |= set(entries)
        units = {e.unit for e in entries.values()}
        if not path.startswith("interventions.") and (len(units) != 1 or unit.split(" (")[0] != next(iter(units))):
            problems.append(f"docs/ODD.md:{line}: {path}: unit {unit!r}, ranges.toml says {sorted(units)}")
        in_odd = _cited(source, leads)
        in_file = {_lead(c) for e in entries.values() for c in e.citations}
        if in_odd != in_file:
            problems.append(f"docs/ODD.md:{line}: {path}: the ODD cites {sorted(in_odd)}, "
                            f"ranges.toml {sorted(in_file)}")
    rowless = sorted(k for k in RANGES.parameters if k not in seen and not k.startswith(("sectors.", "platforms.")))
    assert not problems, "\n".join(problems)
    assert not rowless, f"ranged parameters with no row in docs/ODD.md's tables: {rowless}"


def test_odd_sector_table_units_are_the_files():
    header = next(line for line in ODD.read_text().splitlines() if line.startswith("| sector | `uses_per_week`"))
    units = dict(re.findall(r"`(\w+)` \(([^,)]+)", header))
    assert set(units) == {f.split(".")[-1] for f in RANGES.parameters if f.startswith("sectors.")}
    assert {f: RANGES.parameters[f"sectors.*.{f}"].unit for f in units} == units


def test_odd_section_7_0_points_to_the_file_and_says_its_counts():
    section = ODD.read_text().split("### 7.0 Parameters and defaults", 1)[1].split("\n### 7.1 ", 1)[0]
    assert "`scenarios/ranges.toml`" in section
    said = re.search(r"Of the\s+(\d+) ranged parameters, (\d+) rest on an assumption, (\d+) have a range grounded "
                     r"by a source,\s+(\d+) a sourced default with an assumed width, and (\d+) a source for the "
                     r"direction only", section)
    counts = RANGES.counts()
    assert said is not None
    assert [int(n) for n in said.groups()] == [counts[k] for k in ("parameters", ASSUMPTION, "range", "default",
                                                                    "direction")]


def test_ranges_module_does_not_import_mesa():
    code = "import simulation.ranges, sys; print('mesa' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_ranges_is_a_model():
    assert isinstance(RANGES, Ranges) and RANGES.parameters["contribution.crowding_out"].grounds == "range"
