"""Check the package's structure against its limits and print the figures.

    python tools/structure.py            # exits 1 when a limit is broken

Limits: no module over 800 lines, no class over 300 lines, no import cycle between the package's
modules (imports inside functions count), no string constant holding a word list (25 or more
lowercase words) in the package's code, and the lexicon present as data files.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "factcheck"
MODULE_LINES = 800
CLASS_LINES = 300
WORD_LIST = 25


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(tree: ast.AST, name: str, known: set[str]) -> Iterator[tuple[str, bool]]:
    """The package's modules imported by a module, each with whether it is inside a function."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inside.update(id(child) for child in ast.walk(node) if child is not node)
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            if node.level:
                package = name.split(".")[: -node.level] if node.level else []
                base = ".".join([*package, node.module])
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for target in targets:
            if target in known and target != name:
                yield target, id(node) in inside


def is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def runtime_tree(tree: ast.Module) -> ast.Module:
    """The module without its ``if TYPE_CHECKING:`` blocks, which never run."""
    body = [node for node in tree.body if not is_type_checking(node)]
    return ast.Module(body=body, type_ignores=[])


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def docstrings(tree: ast.AST) -> set[int]:
    """Ids of the string constants that document something: docstrings and attribute docs."""
    found: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        for statement in body:
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                found.add(id(statement.value))
    return found


def word_lists(tree: ast.AST) -> Iterator[tuple[int, int]]:
    """(line, word count) of string constants and literal collections holding a word list.

    Prose (messages, help text) is not a word list: a string with a sentence break or a comma
    followed by a space is taken for prose.
    """
    documentation = docstrings(tree)
    for node in ast.walk(tree):
        words: list[str] = []
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in documentation or re.search(r"[.!?;:,]\s", node.value):
                continue
            words = re.split(r"[\s|()\\?:]+", node.value)
        elif isinstance(node, ast.Set | ast.List | ast.Tuple | ast.Dict):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            words = [
                item.value
                for item in items
                if isinstance(item, ast.Constant) and isinstance(item.value, str)
            ]
        lowercase = [word for word in words if word.isalpha() and word.islower()]
        if len(lowercase) >= WORD_LIST:
            yield node.lineno, len(lowercase)


def main() -> int:
    paths = sorted(PACKAGE.rglob("*.py"))
    trees = {
        module_name(path): (path, ast.parse(path.read_text(encoding="utf-8"))) for path in paths
    }
    known = set(trees)
    problems: list[str] = []
    graph: dict[str, set[str]] = {}
    local_imports: list[str] = []
    biggest = 0
    for name, (path, tree) in trees.items():
        relative = path.relative_to(ROOT)
        lines = len(path.read_text(encoding="utf-8").splitlines())
        biggest = max(biggest, lines)
        if lines > MODULE_LINES:
            problems.append(f"{relative}: {lines} lines (limit {MODULE_LINES})")
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > CLASS_LINES:
                    problems.append(f"{relative}:{node.lineno}: class {node.name}: {size} lines")
        for line, count in word_lists(tree):
            problems.append(f"{relative}:{line}: a word list of {count} words in code")
        for target, in_function in imported_modules(runtime_tree(tree), name, known):
            graph.setdefault(name, set()).add(target)
            if in_function:
                local_imports.append(f"{relative}: {target}")
    for component in cycles(graph):
        problems.append("import cycle: " + " -> ".join(component))
    lexicon = sorted((PACKAGE / "lexicon").rglob("*.txt"))
    if not lexicon:
        problems.append("factcheck/lexicon: no word list files")
    print(f"modules: {len(trees)}, largest {biggest} lines")
    print(f"imports of the package's own modules inside functions: {len(local_imports)}")
    print(f"lexicon files: {len(lexicon)}")
    for problem in problems:
        print(problem)
    print("structure: ok" if not problems else f"structure: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
