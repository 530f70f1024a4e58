#!/usr/bin/env bash
# Mutation testing (mutmut 3.8) of xltools/values.py, xltools/scoring.py and xltools/rules/
# against the fast tests that exercise them: values, scoring, rule cases, hand-computed agreement,
# the worked examples added for mutation testing (tests/test_mutation_*.py), profiles, criteria and
# final accounts (each file runs in seconds). Not part of the test suite: a full run takes a few
# hours on 2 shared cores, niced. Results: docs/mutation.md.
#
#   bench/mutation.sh                  full run on the committed tree (git HEAD)
#   bench/mutation.sh --again [NAME…]  copy the committed tests again (the source stays as mutated),
#                                      re-test NAME… (mutmut names or globs; default: every mutant
#                                      not killed) and summarise
#   bench/mutation.sh --resume         continue an interrupted run
#   bench/mutation.sh --summary        summarise the last run again
#   bench/mutation.sh --show NAME      the diff of one mutant
#
# Work folder: $MUTATION_DIR (default /tmp/xltools-mutation), never the shared tree; children:
# $MUTATION_JOBS (default 2). Needs mutmut from the `test` extra (pip install -e '.[test]').
#
# Three things the copy gets so that the figures mean something (docs/mutation.md):
# - mutmut never mutates decorated functions, and every rule is a @rule(...) function: in the copy
#   each `@rule(...) def f` becomes `def f` followed by `f = rule(...)(f)` (same registry, same order);
# - the memo caches (values.parse, scoring.explain_score) are emptied before every test, or a mutant
#   would be answered from results the unmutated code cached in mutmut's parent process;
# - test ids stay unescaped (the rule cases are named in Chinese): mutmut hands them back to pytest.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${MUTATION_DIR:-/tmp/xltools-mutation}
JOBS=${MUTATION_JOBS:-2}
MUTMUT=${MUTMUT:-$ROOT/.venv/bin/mutmut}
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}

export_committed() {  # $1: what to export from HEAD
    git -C "$ROOT" archive HEAD "$@" | tar -x -C "$WORK"
}

prepare_copy() {
    # Rules registered by a decorator become plain functions registered right after their definition.
    "$PYTHON" - "$WORK/xltools/rules" <<'EOF'
import sys
from pathlib import Path

import libcst as cst


def is_rule(decorator: cst.Decorator) -> bool:
    call = decorator.decorator
    return isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "rule"


for path in sorted(Path(sys.argv[1]).glob("*.py")):
    module = cst.parse_module(path.read_text(encoding="utf-8"))
    body, changed = [], 0
    for stmt in module.body:
        if isinstance(stmt, cst.FunctionDef) and stmt.decorators and all(map(is_rule, stmt.decorators)):
            registered: cst.BaseExpression = stmt.name
            for decorator in reversed(stmt.decorators):
                registered = cst.Call(func=decorator.decorator, args=[cst.Arg(registered)])
            body += [stmt.with_changes(decorators=[]),
                     cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(stmt.name)], registered)])]
            changed += 1
        else:
            body.append(stmt)
    if changed:
        path.write_text(module.with_changes(body=body).code, encoding="utf-8")
        print(f"{path.name}: {changed} rules undecorated")
EOF
    cat > "$WORK/mutation_plugin.py" <<EOF
"""pytest plugin for mutmut's runs (bench/mutation.sh): every test starts with empty memo caches, and a
rule case's workbook is built once for the whole run (it depends on the case only, never on the code
under mutation: openpyxl writes the base and the overrides), which halves the time of a case."""
import functools
import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest

BUILT = Path("$WORK/built-cases")


@pytest.fixture(autouse=True)
def _fresh_memo_caches():
    for name, module in list(sys.modules.items()):
        if name == "xltools" or name.startswith("xltools."):
            for value in list(vars(module).values()):
                if isinstance(value, functools._lru_cache_wrapper):
                    value.cache_clear()
    yield


def pytest_collection_finish(session):
    cases = sys.modules.get("tests.test_rules")
    if cases is None or getattr(cases.build, "cached", False):
        return
    build = cases.build

    def cached(base, overrides, path, *args, **kwargs):
        key = json.dumps([base, overrides, args, kwargs], sort_keys=True, ensure_ascii=False, default=repr)
        kept = BUILT / (hashlib.sha256(key.encode()).hexdigest() + Path(path).suffix)
        if not kept.exists():
            BUILT.mkdir(exist_ok=True)
            build(base, overrides, path, *args, **kwargs)
            shutil.copyfile(path, kept.with_suffix(".tmp"))
            kept.with_suffix(".tmp").replace(kept)
        else:
            shutil.copyfile(kept, path)
        return Path(path)

    cached.cached = True
    cases.build = cached
EOF
}

write_config() {
    # setup.cfg: the copied pyproject.toml has no [tool.mutmut], so mutmut reads this file.
    cat > "$WORK/setup.cfg" <<'EOF'
[mutmut]
source_paths = xltools/
only_mutate =
    xltools/values.py
    xltools/scoring.py
    xltools/rules/*
also_copy = mutation_plugin.py
pytest_add_cli_args =
    -x
    -q
    -p
    no:cacheprovider
    -p
    mutation_plugin
    -o
    disable_test_id_escaping_and_forfeit_all_rights_to_community_support=true
pytest_add_cli_args_test_selection =
    tests/test_values.py
    tests/test_scoring.py
    tests/test_rules.py
    tests/test_agreement.py
    tests/test_mutation_scoring.py
    tests/test_mutation_scoring_units.py
    tests/test_mutation_values.py
    tests/test_mutation_values_dates.py
    tests/test_mutation_rules.py
    tests/test_mutation_rules_base.py
    tests/test_mutation_final_accounts.py
    tests/test_profiles.py
    tests/test_criteria.py
    tests/test_final_accounts.py
use_git_change_detection = false
EOF
}

summarise() {
    cd "$WORK"
    "$PYTHON" - <<'EOF'
"""Killed/survived per file from mutmut's .meta files, then every mutant not killed with the lines it
changes (read from the module mutmut generated: the original and the mutant function side by side)."""
import ast
import difflib
import json
from collections import Counter, defaultdict
from pathlib import Path

KILLED, SURVIVED = {1, 3, 37}, {0}
counts: dict[str, Counter] = defaultdict(Counter)
survivors: list[str] = []
functions: dict[str, dict[str, str]] = {}


def function_sources(path: Path) -> dict[str, str]:
    if path not in functions:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        functions[path] = {node.name: "\n".join(lines[node.lineno - 1:node.end_lineno])
                           for node in ast.walk(ast.parse(text))
                           if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and "__mutmut_" in node.name}
    return functions[path]


def change(path: Path, name: str) -> str:
    mutant = name.rpartition(".")[2]
    sources = function_sources(path)
    original = sources.get(mutant.rpartition("__mutmut_")[0] + "__mutmut_orig", "").splitlines()
    mutated = sources.get(mutant, "").splitlines()
    lines = [line for line in difflib.unified_diff(original[1:], mutated[1:], lineterm="", n=0)
             if line[:1] in "-+" and not line.startswith(("---", "+++"))]
    return " / ".join(" ".join(line.split()) for line in lines) or "(signature or default argument)"


for meta in sorted(Path("mutants").rglob("*.py.meta")):
    source = meta.relative_to("mutants").as_posix().removesuffix(".meta")
    for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
        kind = "killed" if code in KILLED else "survived" if code in SURVIVED else \
            "no tests" if code in (5, 33) else "timeout" if code in (24, 36, 152, 255, -24) else \
            "not checked" if code is None else f"other {code}"
        counts[source][kind] += 1
        if kind != "killed":
            survivors.append(f"{source}\t{kind}\t{name}\t{change(meta.with_suffix(''), name)}")
print(f"{'file':34} {'mutants':>7} {'killed':>7} {'survived':>8} {'no tests':>8} {'other':>6}")
total = Counter()
for source, c in sorted(counts.items()):
    other = sum(v for k, v in c.items() if k not in ("killed", "survived", "no tests"))
    print(f"{source:34} {sum(c.values()):7} {c['killed']:7} {c['survived']:8} {c['no tests']:8} {other:6}")
    total.update(c)
other = sum(v for k, v in total.items() if k not in ("killed", "survived", "no tests"))
print(f"{'total':34} {sum(total.values()):7} {total['killed']:7} {total['survived']:8} {total['no tests']:8} {other:6}")
Path("survivors.tsv").write_text("".join(s + "\n" for s in survivors), encoding="utf-8")
print(f"\n{len(survivors)} mutants not killed, listed in {Path('survivors.tsv').resolve()}")
EOF
}

case "${1:-}" in
    --summary)
        summarise ;;
    --resume)  # continue an interrupted run where it stopped
        cd "$WORK" && prepare_copy >/dev/null && cp mutation_plugin.py mutants/
        nice -n 19 "$MUTMUT" run --max-children "$JOBS" >> run.log 2>&1
        summarise ;;
    --show)
        cd "$WORK" && "$MUTMUT" show "$2" ;;
    --again)
        shift
        rm -rf "$WORK/tests" && export_committed tests && prepare_copy >/dev/null && write_config
        cd "$WORK"
        # mutmut finds the new tests itself and collects which functions they reach
        if [ $# -eq 0 ]; then
            mapfile -t names < <(cut -f3 survivors.tsv)
            set -- "${names[@]}"
        fi
        nice -n 19 "$MUTMUT" run --max-children "$JOBS" "$@" > run-again.log 2>&1 || true
        summarise ;;
    "")
        rm -rf "$WORK" && mkdir -p "$WORK"
        export_committed xltools tests pyproject.toml
        prepare_copy
        write_config
        echo "mutating $(git -C "$ROOT" rev-parse --short HEAD) in $WORK (log: $WORK/run.log)"
        cd "$WORK"
        start=$(date +%s)
        nice -n 19 "$MUTMUT" run --max-children "$JOBS" > run.log 2>&1
        echo "took $(( ($(date +%s) - start) / 60 )) min"
        summarise ;;
    *)
        sed -n '2,15p' "$0"; exit 2 ;;
esac
