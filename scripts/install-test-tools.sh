#!/usr/bin/env bash
# Installs the independent checkers the bundle tests (index/tests/bundle.rs) run, pinned:
#   - bagit (the Library of Congress BagIt validator, `python3 -m bagit --validate`)
#   - rispy and bibtexparser (RIS and BibTeX parsers, scripts/check-citations.py)
# Headless Chromium for the offline page comes from scripts/install-system-deps.sh.
# Idempotent: does nothing when the pinned versions are already installed.
set -euo pipefail

PINS=(bagit==1.9.0 rispy==0.10.0 bibtexparser==2.1.0)

PY=python3
command -v "$PY" >/dev/null 2>&1 || { echo "install-test-tools: python3 is missing" >&2; exit 1; }

if "$PY" - "${PINS[@]}" <<'PYEOF'
import sys
from importlib.metadata import version, PackageNotFoundError
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    try:
        if version(name) != want:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PYEOF
then
  echo "install-test-tools: ${PINS[*]} already installed"
  exit 0
fi

echo "install-test-tools: installing ${PINS[*]}"
# Debian's own python3 refuses system-wide pip installs (PEP 668) unless told otherwise.
"$PY" -m pip --version >/dev/null 2>&1 || {
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y --no-install-recommends python3-pip
}
"$PY" -m pip install --quiet --disable-pip-version-check "${PINS[@]}" \
  || "$PY" -m pip install --quiet --disable-pip-version-check --break-system-packages "${PINS[@]}"
