#!/usr/bin/env python3
"""How the code hangs together, measured: the module import graph of the app and the
server (cycles, imports that point from a lower layer up to a higher one) and the longest
functions. Run from the repository root: `python3 scripts/code-health.py [--list]`.

Layers, lowest first: shared pieces (`common`, `db`, `error`, `forms` and the other
top-level helpers), then each concept's `model` (and its other pure helpers such as
`access`, `draft`, `sheet`), `store`, `api`, `pages`, and last the composition modules that
put the concepts together: the route table (`chunks`), the page shell (`layout`), the demo
data (`demo`) and the whole server crate. An import is "upward" when a module imports one
of a higher layer (a model that reads a store, a store that calls a server function, a
shared helper that knows a concept, anything that imports a page) in another concept or its
own.
"""
import re
import sys
from pathlib import Path

ROOTS = {"app": Path("app/src"), "server": Path("server/src")}
LAYERS = {"model": 1, "store": 2, "api": 3, "pages": 4}
COMPOSITION = 5
COMPOSITION_MODULES = ("app::chunks", "app::layout", "app::demo")


def modules():
    """Module path (`app::cases::store`) → source text, for every file."""
    found = {}
    for crate, root in ROOTS.items():
        for path in sorted(root.rglob("*.rs")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] in ("mod", "lib", "main"):
                parts = parts[:-1]
            found["::".join([crate] + parts)] = path.read_text()
    return found


def layer(module):
    if module.startswith("server") or any(
        module == m or module.startswith(m + "::") for m in COMPOSITION_MODULES
    ):
        return COMPOSITION
    parts = module.split("::")[1:]
    for part in reversed(parts):
        if part in LAYERS:
            return LAYERS[part]
    # A file of its own inside a concept's folder (`accounts::access`, `exports::sheet`)
    # is one of that concept's pure helpers; a top-level module is a shared piece.
    return LAYERS["model"] if len(parts) > 1 and Path(f"app/src/{parts[0]}").is_dir() and module.startswith("app::") else 0


def strip_tests(text):
    at = text.find("#[cfg(test)]")
    return text if at < 0 else text[:at]


def edges(found):
    names = set(found)
    graph = {m: set() for m in found}
    for module, text in found.items():
        crate = module.split("::")[0]
        text = strip_tests(text)
        refs = set()
        for m in re.finditer(r"\bcrate((?:::\w+)+)", text):
            refs.add(crate + m.group(1))
        if crate == "server":
            for m in re.finditer(r"\bapp((?:::\w+)+)", text):
                refs.add("app" + m.group(1))
        # `super::x`: the module that contains this one.
        for m in re.finditer(r"\bsuper((?:::\w+)+)", text):
            refs.add(parent_of(module) + m.group(1))
        for ref in refs:
            parts = ref.split("::")
            for n in range(len(parts), 1, -1):
                target = "::".join(parts[:n])
                if target in names:
                    if target != module and not module.startswith(target + "::") and not target.startswith(module + "::"):
                        graph[module].add(target)
                    break
    return graph


def parent_of(module):
    return module.rsplit("::", 1)[0]


def cycles(graph):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def functions(found):
    """(lines, module, name) of every function with a body."""
    out = []
    for module, text in found.items():
        lines = text.split("\n")
        for i, line in enumerate(lines):
            m = re.match(r"^(\s*)(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:const\s+)?fn\s+(\w+)", line)
            if not m:
                continue
            indent = m.group(1)
            for j in range(i, len(lines)):
                if lines[j] == indent + "}":
                    out.append((j - i + 1, module, m.group(2)))
                    break
                # A declaration without a body (in a trait or `extern` block).
                if lines[j].rstrip().endswith(";") and "{" not in "".join(lines[i : j + 1]):
                    break
    return sorted(out, reverse=True)


def main():
    found = modules()
    graph = edges(found)
    loops = cycles(graph)
    upward = [
        (a, b) for a, targets in graph.items() for b in targets if layer(b) > layer(a)
    ]
    funcs = functions(found)
    long = [f for f in funcs if f[0] > 80]
    print(f"modules: {len(found)}, imports between them: {sum(len(t) for t in graph.values())}")
    print(f"import cycles: {len(loops)}")
    for loop in loops:
        print("  " + " <-> ".join(loop))
        if "--list" in sys.argv:
            for a in loop:
                for b in sorted(graph[a] & set(loop)):
                    print(f"      {a} -> {b}")
    print(f"upward imports: {len(upward)}")
    if "--list" in sys.argv:
        for a, b in sorted(upward):
            print(f"  {a} -> {b}")
    print(f"functions over 80 lines: {len(long)}")
    for n, module, name in funcs[:10]:
        print(f"  {n:4} {module}::{name}")


main()
