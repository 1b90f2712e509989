#!/bin/sh
# A standing brief: the daily cycle for one story, run from cron or a systemd timer.
#
#   standing-brief.sh FOLDER
#
# FOLDER holds the story:
#   feeds.txt       feed URLs, one a line (# comments allowed); optional
#   briefer.toml    [smtp] and [email] for `briefer send` (password: BRIEFER_SMTP_PASSWORD)
#   sources/        the captured articles (`briefer fetch` adds to it)
#   briefings/      every briefing sent, named by the UTC time it was built; never deleted here
#   latest.pdf      the last briefing sent (a symbolic link into briefings/)
#   sent.digest     its content digest (`briefer digest`)
#
# Each run: fetch the feeds, build a briefing --since the last one sent, and send it unless it
# says the same as the last one sent (same content digest), so a day without news sends
# nothing. The previous briefing is never overwritten: a new one gets its own file, and
# latest.pdf and sent.digest move to it (each by an atomic rename) only once it is sent. A
# failed send leaves them as they were, so the next run builds and sends again.
#
# Environment: BRIEFER (the command, default `briefer`), STANDING_FETCH=0 to skip fetching.
# Exit status: 0 sent or nothing new; 75 another run holds the lock; else briefer's own code.
set -eu

folder=${1:?usage: standing-brief.sh FOLDER}
briefer=${BRIEFER:-briefer}
cd "$folder"

# One run at a time: a slow fetch must not overlap the next timer tick.
if command -v flock >/dev/null 2>&1; then
    exec 9>.standing-brief.lock
    flock -n 9 || { echo "standing-brief: another run is in progress" >&2; exit 75; }
else
    mkdir .standing-brief.lock 2>/dev/null ||
        { echo "standing-brief: another run is in progress (or remove .standing-brief.lock)" >&2; exit 75; }
    trap 'rmdir .standing-brief.lock' EXIT
fi

mkdir -p sources briefings

# 1. Fetch, all feeds in one call (so its per-host rate limit holds across them). `briefer
#    fetch` asks each feed only for what is new (ETag / Last-Modified) and skips what it
#    already has, so running it every day is cheap. A failure is reported, not fatal: the
#    briefing is built from what is there.
if [ "${STANDING_FETCH:-1}" != 0 ] && [ -f feeds.txt ]; then
    set -f  # a URL's "?" or "*" is not a file pattern
    set --
    for url in $(grep -v '^[[:space:]]*#' feeds.txt); do
        set -- "$@" --feed "$url"
    done
    set +f
    if [ $# -gt 0 ]; then
        $briefer -q fetch "$@" --into sources/ ||
            echo "standing-brief: fetching the feeds failed (exit $?); building from what is there" >&2
    fi
fi

# 2. Build, compared with the last briefing sent.
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
next="briefings/$stamp.pdf"
n=1
while [ -e "$next" ]; do  # two runs in one second: never write over a kept briefing
    n=$((n + 1))
    next="briefings/$stamp-$n.pdf"
done
if [ -e latest.pdf ]; then
    $briefer -q build sources -o "$next" --since latest.pdf >/dev/null
else
    $briefer -q build sources -o "$next" >/dev/null
fi

# 3. The same as the last one sent? Then there is nothing to send.
digest=$($briefer digest "$next")
if [ -f sent.digest ] && [ "$digest" = "$(cat sent.digest)" ]; then
    rm -f "$next"
    echo "standing-brief: nothing new since $(readlink latest.pdf 2>/dev/null || echo latest.pdf)"
    exit 0
fi

# 4. Send; record it only once sent. Exit 18 means the server may have it: record it too,
#    since sending it again could deliver it twice.
status=0
$briefer -q send "$next" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 18 ]; then
    echo "standing-brief: not sent (exit $status); $next is kept, the next run tries again" >&2
    exit "$status"
fi
rm -f latest.pdf.new sent.digest.new
ln -s "$next" latest.pdf.new && mv -f latest.pdf.new latest.pdf
printf '%s\n' "$digest" >sent.digest.new && mv -f sent.digest.new sent.digest
echo "standing-brief: sent $next"
exit "$status"
