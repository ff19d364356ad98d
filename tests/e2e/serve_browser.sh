#!/usr/bin/env bash
# End to end in headless Chromium: tests/browser/serve_browser.py drives the
# page of zhquery serve (search, a facet, paging, similar passages, a citation,
# an audit with its CSV, the document list, markup shown as text) and writes
# a screenshot of the results page to $SCREENSHOT for a person to look at.
source "$(dirname "$0")/serve_lib.sh"
for tool in chromium chromedriver python3; do
  command -v "$tool" >/dev/null || { fail "$tool is missing (scripts/install-deps.sh installs it)"; finish; exit 1; }
done
make_serve_index "$WORK/index"
if timeout 600 python3 "$(dirname "$0")/../browser/serve_browser.py" --zhquery "$ZHQUERY" \
  --index "$WORK/index" --work "$WORK" --screenshot "${SCREENSHOT:?}"; then
  pass
else
  fail "browser test (log: $WORK/browser-test.log)"
fi
finish
