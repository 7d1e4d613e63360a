#!/usr/bin/env python3
"""check_layers.py — reads every #include "..." of the C sources and fails
on an include against the layers or on a cycle between modules.

The layers (HACKING.md), lowest first: lib/ (base), audio/ (loa's library),
generator/ (motcua's library), src/loa/ and src/motcua/ (the programs'
command-line code). A file may include headers of its own layer and the
layers below it: generator may include audio and lib, audio may include lib,
lib neither; src/loa may include audio and lib, src/motcua generator, audio
and lib; src/docgen (the documentation writer, linked with both programs'
command objects) only lib; no library file includes a program's header.

A module is a .c file with its .h; module A depends on B when A.c or A.h
includes B.h. A cycle of such dependencies (A needs B needs A) means
neither can be understood, tested or moved without the other, and is an
error too. Headers that declare one concern implemented by several .c
files (tts.h, check_internal.h) are modules of their own.

Usage: check_layers.py ROOT      prints one "ok"/"FAIL" line per check and
                                 ends with "N passed, N failed".
"""
import os, re, sys

ALLOWED = {
    "lib": {"lib"},
    "audio": {"audio", "lib"},
    "generator": {"generator", "audio", "lib"},
    "src/loa": {"src/loa", "audio", "lib"},
    "src/motcua": {"src/motcua", "generator", "audio", "lib"},
    "src/docgen": {"src/docgen", "lib"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer_of(rel):
    for name in sorted(ALLOWED, key=len, reverse=True):
        if rel == name or rel.startswith(name + "/"):
            return name
    return None


def main(root):
    files = {}  # relative path of every source -> its layer
    headers = {}  # base name -> relative paths of the headers of that name
    problems = []
    for top in ALLOWED:
        for d, _, names in os.walk(os.path.join(root, top)):
            for n in names:
                if n.endswith((".c", ".h")):
                    rel = os.path.relpath(os.path.join(d, n), root)
                    files[rel] = layer_of(rel)
                    if n.endswith(".h"):
                        headers.setdefault(n, []).append(rel)
    for n, rels in headers.items():
        libs = [r for r in rels if not r.startswith("src/")]
        if len(libs) > 1:
            problems.append(f"{libs[1]}: the header name {n} is also {libs[0]}; "
                            "includes name headers by base name, rename one")

    def resolve(rel, inc):
        """The header an include of rel finds: its own folder first (as the
        compiler does), else the one header of that name in the layers."""
        here = os.path.join(os.path.dirname(rel), inc)
        if here in files:
            return here
        cands = [r for r in headers.get(inc, []) if not r.startswith("src/")]
        cands = cands or headers.get(inc, [])
        return cands[0] if cands else None

    def module(rel):
        """A module is a .c with its .h; X_internal.h belongs to module X."""
        base = rel[:-2]
        return base[:-len("_internal")] if base.endswith("_internal") else base
    deps = {}
    checked = 0
    for rel in sorted(files):
        mod = module(rel)
        text = open(os.path.join(root, rel), encoding="utf-8").read()
        for m in INCLUDE.finditer(text):
            inc = m.group(1)
            checked += 1
            line = text.count("\n", 0, m.start()) + 1
            if "/" in inc:
                problems.append(f"{rel}:{line}: includes \"{inc}\" by a path; "
                                "include headers by base name (the Makefile gives each layer its folders)")
                continue
            target = resolve(rel, inc)
            if target is None:
                continue  # a system header written with quotes
            if files[target] not in ALLOWED[files[rel]]:
                problems.append(f"{rel}:{line}: includes {target}, from layer "
                                f"{files[target]}, which {files[rel]} may not use")
            dep = module(target)
            if dep != mod:
                deps.setdefault(mod, set()).add(dep)
    # cycles: depth-first search with colours
    colour, stack, cycles = {}, [], []

    def visit(m):
        colour[m] = 1
        stack.append(m)
        for d in sorted(deps.get(m, ())):
            if colour.get(d, 0) == 0:
                visit(d)
            elif colour[d] == 1:
                cycles.append(stack[stack.index(d):] + [d])
        stack.pop()
        colour[m] = 2

    sys.setrecursionlimit(10000)
    for m in sorted(deps):
        if colour.get(m, 0) == 0:
            visit(m)
    for c in cycles:
        problems.append("modules include each other in a cycle: " + " -> ".join(c))
    return checked, problems


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    checked, problems = main(root)
    for p in problems:
        print("FAIL " + p)
    print(f"{checked} #include lines read")
    sys.exit(1 if problems else 0)
