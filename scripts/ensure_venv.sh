#!/usr/bin/env bash
# Create the virtualenv with Python 3.11+, installing Debian's venv support when missing.
set -euo pipefail
venv=${1:-.venv}
[ -x "$venv/bin/python" ] && exit 0
python=${PYTHON:-python3}
if ! "$python" -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  "$(dirname "$0")/apt_ensure.sh" python3 python3-venv
fi
"$python" -m venv "$venv"
