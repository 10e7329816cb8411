#!/usr/bin/env bash
# Regenerates the demo interactions in db/seed/demo/ (audio, aligned
# transcripts, chats, manifest) from scripts/demo-audio/dialogues/.
#
#   npm run demo:audio            # = bash scripts/demo-audio/generate.sh
#
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). The outputs
# are committed, so nobody needs these tools just to run or seed Parley.
# Output is deterministic: same dialogues + same tool versions = same bytes.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

missing=()
for tool in espeak-ng sox node; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "demo-audio: missing ${missing[*]} (Debian/Ubuntu: apt-get install espeak-ng sox)" >&2
  exit 1
fi

export LC_ALL=C
node "$here/build.mjs" "$@"

# Let the repo's own Prettier lay out the generated JSON/Markdown, so that
# `npm run format` leaves the committed files untouched.
root="$(cd "$here/../.." && pwd)"
if [[ -x "$root/node_modules/.bin/prettier" ]]; then
  (cd "$root" && node_modules/.bin/prettier --log-level warn --write \
    "db/seed/demo/**/*.json" "db/seed/demo/*.md")
else
  echo "demo-audio: prettier not installed (run npm install); JSON left in generator layout" >&2
fi

node "$here/verify.mjs"
