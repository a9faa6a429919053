#!/usr/bin/env bash
# Build the manual into connector/doc/_build/html, warnings as errors and every
# cross-reference resolved, then check that the API reference documents every
# public name (MANUAL_MIN_API_COVERAGE, in percent, lowers the bar).
#
#   bash connector/doc/build.sh          # build
#   bash connector/doc/build.sh --open   # build, then open it in a browser
set -euo pipefail
doc=$(cd "$(dirname "$0")" && pwd)
# autodoc imports the addons: Odoo 19.0 and the suite's requirements are needed
source "$doc/../../tests/lib/suite.sh"
require_odoo
install_requirements -r "$doc/requirements.txt"
python3 -m sphinx -E -W --keep-going -n -q -b html "$doc" "$doc/_build/html"
# every public name of the framework documented: a new one without its entry fails
python3 "$doc/check_api_coverage.py" "$doc/_build/html" --missing \
    --min "${MANUAL_MIN_API_COVERAGE:-100}"
pages=$(find "$doc/_build/html" -name '*.html' -not -path '*/_modules/*' \
    -not -name genindex.html -not -name search.html -not -name py-modindex.html | wc -l)
echo "manual: $pages pages in $doc/_build/html/index.html"
if [ "${1:-}" = "--open" ]; then
    python3 -m webbrowser "file://$doc/_build/html/index.html" >/dev/null
fi
