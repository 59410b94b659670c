#!/bin/sh
# Would compiling our Python reach #7's 100 articles/s a core? Builds the pipeline's
# modules with Cython, as written (no type declarations, annotations not enforced), in a
# scratch clone of this commit, and prints instructions.sh's count for the compiled and
# the plain modules on the same texts. Needs valgrind and gcc; takes about 10 minutes.
#     sh benchmarks/compiled.sh [N] [CORPUS]   (default 100, ../shared/polnear-train/text)
set -e
cd "$(dirname "$0")/.."
n=${1:-100}
corpus=$(realpath "${2:-../shared/polnear-train/text}")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git clone -q . "$scratch/repo"
# our requirements from this environment, Cython on top
python -m venv --system-site-packages "$scratch/venv"
"$scratch/venv/bin/pip" install -q --only-binary=:all: cython
modules="article tokenize names mentions quotes speakers terms collection"
(cd "$scratch/repo" && for m in $modules; do echo "analysis/$m.py"; done \
    | xargs "$scratch/venv/bin/cythonize" -q -i -3 -j 2 -X annotation_typing=False) \
    > "$scratch/build.log" 2>&1 || { tail -20 "$scratch/build.log"; exit 1; }
echo "compiled: $(cd "$scratch/repo" && ls analysis/*.so | wc -l) modules ($modules)"
echo "plain:    $(PATH="$scratch/venv/bin:$PATH" sh benchmarks/instructions.sh "$n" "$corpus")"
echo "Cython:   $(cd "$scratch/repo" && PATH="$scratch/venv/bin:$PATH" sh benchmarks/instructions.sh "$n" "$corpus")"
