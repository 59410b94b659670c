#!/bin/sh
# Instructions an article of a 1-worker collection run, counted by valgrind: unlike CPU
# time, the count does not move with the shared machine's load, so it tells two versions
# of the code apart where timings cannot. The count is the run of the first N texts less
# the same process without the run (imports, warm-up). Needs valgrind (Debian package).
#     sh benchmarks/instructions.sh [N] [CORPUS]   (default 100, ../shared/polnear-train/text)
set -e
cd "$(dirname "$0")/.."
n=${1:-100}
corpus=${2:-../shared/polnear-train/text}
python=$(python -c "import sys; print(sys.executable)")  # the interpreter, not a shim script
count() {
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$python" -c "
import shutil, sys, tempfile
from pathlib import Path
from analysis.collection import _warm_up, run_collection
files = sorted(Path(sys.argv[1]).glob('*.txt'))[: int(sys.argv[2])]
_warm_up()
out = tempfile.mkdtemp()
if sys.argv[3] == 'run':
    run_collection(files, out, workers=1, progress=False)
shutil.rmtree(out)
" "$corpus" "$n" "$1" 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ,
}
with_run=$(count run)
without=$(count setup)
echo "instructions: $(( (with_run - without) / n )) an article over $n texts" \
     "($with_run with the run, $without without)"
