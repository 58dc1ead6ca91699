"""Mutation testing of the rule modules with mutmut (``make mutation``; not part of ``make test``).

Each module runs in its own work folder ``build/mutation/<module>/`` with only the test files
that exercise it (so each mutant runs a few seconds of tests, not the whole suite), one
mutmut process at a time, at low priority (``nice``) and with few children (``--max-children``).

A mutant is a small change to the code (``<`` for ``<=``, a constant changed, a call dropped).
It is *killed* when a test fails on it, *survives* when every test still passes. Survivors that
cannot change behaviour are listed with a one-line reason in ``tests/mutation_equivalents.toml``
(keyed by mutant name); the score is::

    score = (killed + timeout) / (mutants - equivalent)

Usage::

    python tools/mutation.py [MODULE ...] [--sample K] [--resume] [--survivors]
                             [--max-children N] [--timeout SECONDS] [--show]

``--sample K`` runs a deterministic 1-in-K subset (a mutant is in it when the SHA-256 of
``seed:name`` is 0 modulo K; the subset is stable when other mutants come and go).
``--resume`` keeps earlier results and runs only mutants without one; ``--survivors`` re-runs
only the survivors (after tests were added). ``--show`` prints the diff of each survivor.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "mutation"
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.toml"
MUTMUT = Path(sys.executable).parent / "mutmut"
SEED = "issue-14"

#: module short name -> (source file, the test files that exercise it)
MODULES: dict[str, tuple[str, list[str]]] = {
    "rules": (
        "src/helpers/evaluation/rules.py",
        ["tests/test_progress.py", "tests/test_rule_edges.py", "tests/test_verdict_claims.py"],
    ),
    # test_evaluate's tests on hand-made figures only (its others run the whole stage,
    # seconds per mutant, and add nothing a mutant of one function needs)
    "verdicts": (
        "src/helpers/evaluation/verdicts.py",
        [
            "tests/test_verdict_paths.py",
            *(
                f"tests/test_evaluate.py::test_{name}"
                for name in (
                    "cagr_ratio_verdict_by_hand",
                    "the_cagr_ratio_needs_three_figures_over_two_years_from_one_source",
                    "deadline_met_missed_and_not_yet_published",
                    "achieved_before_the_deadline_from_a_recent_figure",
                    "an_old_figure_gives_no_colour_and_says_how_old",
                    "a_figure_from_before_the_policy_gives_no_colour",
                    "directional_goal_against_its_baseline",
                    "reflect_goal_takes_the_comparison_share_as_target",
                    "goals_that_cannot_be_measured_are_white",
                    "ranks_get_no_growth_rule_and_no_projection",
                    "a_projection_outside_the_possible_range_is_not_shown",
                    "a_verdict_summarises_itself_in_danish_and_english",
                )
            ),
        ],
    ),
    "conflicts": ("src/helpers/outcomes/conflicts.py", ["tests/test_conflicts.py"]),
    "periods": (
        "src/helpers/core/periods.py",
        ["tests/test_periods.py", "tests/test_properties.py"],
    ),
    "danish": ("src/helpers/core/danish.py", ["tests/test_danish.py", "tests/test_properties.py"]),
    "sentences": (
        "src/helpers/goals/sentences.py",
        ["tests/test_goal_parsers.py", "tests/test_goal_layouts.py"],
    ),
    "budget": ("src/helpers/goals/budget.py", ["tests/test_budget.py"]),
    "gaps": ("src/helpers/outcomes/gaps.py", ["tests/test_derive.py", "tests/test_eurostat.py"]),
}

#: mutmut exit codes (mutmut.stats) grouped the way the summary counts them
KILLED, TIMEOUT, SURVIVED, NO_TESTS = {1, 3}, {24, -24, 36, 152, 255}, {0}, {5, 33}

#: top-level entries of the checkout the tests read through ``tests/..`` (copied: some tests
#: name files relative to the workspace root, which a symbolic link would break)
COPIED = ["data", "reports", "notebooks", "benchmarks", "README.md", "Makefile",
          "environment.yml", "requirements.lock"]  # fmt: skip


@dataclass
class Summary:
    module: str
    mutants: int
    killed: int
    timeout: int
    equivalent: int
    survived: list[str]
    no_tests: list[str]
    not_run: int
    sampled: int | None

    @property
    def score(self) -> float:
        judged = self.mutants - self.equivalent - self.not_run
        return 100.0 * (self.killed + self.timeout) / judged if judged else 0.0

    def line(self) -> str:
        sample = f" (1-in-{self.sampled} sample)" if self.sampled else ""
        return (
            f"{self.module:<10} {self.mutants:>5} mutants{sample}: {self.killed} killed, "
            f"{self.timeout} timeout, {self.equivalent} equivalent, {len(self.survived)} "
            f"survived, {len(self.no_tests)} without tests, {self.not_run} not run "
            f"-> score {self.score:.1f} %"
        )


def equivalents() -> dict[str, str]:
    """Mutant name -> the reason it cannot change behaviour."""
    if not EQUIVALENTS.exists():
        return {}
    return tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8")).get("equivalent", {})


def in_sample(name: str, every: int | None) -> bool:
    if not every or every == 1:
        return True
    digest = hashlib.sha256(f"{SEED}:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % every == 0


def prepare(module: str, fresh: bool) -> Path:
    """The module's work folder: a pyproject with its mutmut config, src and tests linked in."""
    source, tests = MODULES[module]
    tests = [t for t in tests if (ROOT / t.split("::")[0]).exists()]
    work = BUILD / module
    if fresh and work.exists():
        shutil.rmtree(work)
    (work / "mutants").mkdir(parents=True, exist_ok=True)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pytest_options = project["tool"]["pytest"]["ini_options"]
    config = [
        "[tool.mutmut]",
        'source_paths = ["src"]',
        f"only_mutate = [{json.dumps(source)}]",
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}",
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-x", "-q"]',
        "timeout_multiplier = 5.0",
        "use_git_change_detection = false",
        "",
        "[tool.pytest.ini_options]",
        *(f"{key} = {json.dumps(value)}" for key, value in pytest_options.items()),
        "",
    ]
    (work / "pyproject.toml").write_text("\n".join(config), encoding="utf-8")
    for name in ("src", "tests"):
        if not (work / name).exists():
            (work / name).symlink_to(ROOT / name, target_is_directory=True)
    for name in COPIED:
        copy = work / "mutants" / name
        if copy.is_symlink():
            copy.unlink()
        if (ROOT / name).is_dir() and not copy.exists():
            shutil.copytree(ROOT / name, copy, ignore=shutil.ignore_patterns("__pycache__"))
        elif (ROOT / name).is_file():
            shutil.copy2(ROOT / name, copy)
    return work


def results(work: Path, module: str) -> dict[str, int | None]:
    meta = work / "mutants" / (MODULES[module][0] + ".meta")
    if not meta.exists():
        return {}
    return json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]


def mutmut(work: Path, names: list[str], max_children: int, timeout: float) -> int:
    """Run mutmut in ``work`` (niced, in its own process group, killed after ``timeout``)."""
    command = ["nice", "-n", "10", str(MUTMUT), "run", "--max-children", str(max_children)]
    log = (work / "mutmut.log").open("a", encoding="utf-8")
    process = subprocess.Popen(
        [*command, *names], cwd=work, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()
        print(f"  stopped after {timeout:.0f} s; run again with --resume to go on")
        return -1
    finally:
        log.close()


def run_module(module: str, args: argparse.Namespace) -> Summary:
    work = prepare(module, fresh=not (args.resume or args.survivors))
    known = results(work, module)
    if not known:  # generate the mutants (and the test map) without running any
        mutmut(work, ["mutation-driver-probe-matches-nothing"], args.max_children, args.timeout)
        known = results(work, module)
        if not known:
            raise SystemExit(f"mutmut generated no mutants for {module}: see {work}/mutmut.log")
    picked = [n for n in sorted(known) if in_sample(n, args.sample)]
    if args.survivors:
        todo = [n for n in picked if known[n] in SURVIVED | NO_TESTS]
        # changed tests: map the functions to the tests that call them afresh
        (work / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
    elif args.resume:
        todo = [n for n in picked if known[n] is None]
    else:
        todo = picked
    if todo:
        print(f"{module}: running {len(todo)} of {len(picked)} mutants ...", flush=True)
        mutmut(work, todo, args.max_children, args.timeout)
    return summarise(module, work, picked, args.sample)


def summarise(module: str, work: Path, picked: list[str], sample: int | None) -> Summary:
    codes = results(work, module)
    reasons = equivalents()
    counted = {n: codes.get(n) for n in picked}
    equivalent = {n for n, c in counted.items() if n in reasons and c not in KILLED | TIMEOUT}
    summary = Summary(
        module=module,
        mutants=len(counted),
        killed=sum(c in KILLED for c in counted.values()),
        timeout=sum(c in TIMEOUT for c in counted.values()),
        equivalent=len(equivalent),
        survived=sorted(n for n, c in counted.items() if c in SURVIVED and n not in equivalent),
        no_tests=sorted(n for n, c in counted.items() if c in NO_TESTS and n not in equivalent),
        not_run=sum(c is None for c in counted.values()),
        sampled=sample if sample and sample > 1 else None,
    )
    (work / "summary.json").write_text(
        json.dumps(
            {**summary.__dict__, "score": round(summary.score, 1), "line": summary.line()},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return summary


def show(module: str, names: list[str]) -> None:
    for name in names:
        diff = subprocess.run(
            [str(MUTMUT), "show", name], cwd=BUILD / module, capture_output=True, text=True
        )
        print(diff.stdout.strip() or diff.stderr.strip(), "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=", ".join(MODULES))
    parser.add_argument("--sample", type=int, metavar="K", help="run a 1-in-K subset")
    parser.add_argument("--resume", action="store_true", help="keep results, run the rest")
    parser.add_argument("--survivors", action="store_true", help="re-run only the survivors")
    parser.add_argument("--max-children", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per module")
    parser.add_argument("--show", action="store_true", help="print the diff of each survivor")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module(s) {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    if not MUTMUT.exists():
        raise SystemExit(f"{MUTMUT} is missing: install the test extras (make lint)")
    for module in args.modules or list(MODULES):
        summary = run_module(module, args)
        print(summary.line(), flush=True)
        if args.show:
            show(module, summary.survived + summary.no_tests)
    # the latest result of every module run so far (this run's and earlier ones)
    lines = [
        json.loads(path.read_text(encoding="utf-8")).get("line", f"{module}: run again")
        for module in MODULES
        if (path := BUILD / module / "summary.json").exists()
    ]
    BUILD.mkdir(parents=True, exist_ok=True)
    (BUILD / "summary.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nsummary written to {(BUILD / 'summary.txt').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
