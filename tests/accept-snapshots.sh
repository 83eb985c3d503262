#!/usr/bin/env bash
# Accepts the output of failing snapshot tests: moves every *.received.* file under tests/ onto its
# *.verified.* file. Review the change with `git diff` before committing it.
# (Alternatively run the tests with MICRO_ACCEPT_SNAPSHOTS=1 to write verified files directly.)
set -euo pipefail
cd "$(dirname "$0")"

accepted=0
while IFS= read -r -d '' received; do
  verified="${received%.received.*}.verified.${received##*.received.}"
  mv -f -- "$received" "$verified"
  echo "accepted ${verified#./}"
  accepted=$((accepted + 1))
done < <(find . -type f -name '*.received.*' -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z)

# Micro.Runtime's public API listing (tests/Micro.Runtime.Tests/PublicApi): PublicAPI.received.txt becomes PublicAPI.txt.
if [ -f ../Micro.Runtime/PublicAPI.received.txt ]; then
  mv -f -- ../Micro.Runtime/PublicAPI.received.txt ../Micro.Runtime/PublicAPI.txt
  echo "accepted Micro.Runtime/PublicAPI.txt"
  accepted=$((accepted + 1))
fi

echo "$accepted snapshot file(s) accepted"
