#!/usr/bin/env bash
# Load test: gunicorn on 127.0.0.1 with production settings, locust driving readers and
# editors at twice the expected peak for 60 seconds; then the same while one worker is killed.
# Usage: bash bench/load.sh   (DATABASE_URL selects PostgreSQL; default a fresh SQLite file)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${BENCH_PORT:-8123}"
USERS="${BENCH_USERS:-40}"      # twice the expected peak of 20 concurrent users
SECONDS_RUN="${BENCH_SECONDS:-60}"
WORKERS="${BENCH_WORKERS:-4}"
OUT="bench/out"
mkdir -p "$OUT"

make install >/dev/null
.venv/bin/pip install --quiet -r bench/requirements.txt

export DEBUG=0 TESTING=1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')"
export BENCH_EDITOR_PASSWORD="$(python3 -c 'import secrets; print(secrets.token_urlsafe(16))')"
if [ -z "${DATABASE_URL:-}" ]; then
  export SQLITE_PATH="$OUT/load.sqlite3"
  rm -f "$SQLITE_PATH"*
fi
PY=.venv/bin/python
$PY manage.py migrate --no-input -v0
$PY manage.py load_seed -v0
$PY manage.py shell -c "
from django.contrib.auth.models import Group, User
group = Group.objects.get(name='editor')
for i in range(10):
    user, _ = User.objects.get_or_create(username=f'bench-editor-{i}')
    user.set_password('$BENCH_EDITOR_PASSWORD'); user.save(); user.groups.add(group)
"

.venv/bin/gunicorn config.wsgi -b "127.0.0.1:$PORT" -w "$WORKERS" --pid "$OUT/gunicorn.pid" \
  --access-logfile /dev/null --error-logfile "$OUT/gunicorn.log" --daemon
trap 'kill "$(cat "$OUT/gunicorn.pid")" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done

echo "== $USERS users for ${SECONDS_RUN}s"
.venv/bin/locust -f bench/locustfile.py --headless -u "$USERS" -r 10 -t "${SECONDS_RUN}s" \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/steady" --only-summary 2>&1 | tail -25

echo "== kill one worker mid-run"
( sleep 10; victim="$(pgrep -P "$(cat "$OUT/gunicorn.pid")" | head -1)"; echo "killing worker $victim"; kill -9 "$victim" ) &
# A sync worker serves one request at a time: killing it may fail that one request, no more.
.venv/bin/locust -f bench/locustfile.py --headless -u "$USERS" -r 20 -t 25s \
  --host "http://127.0.0.1:$PORT" --csv "$OUT/kill" --only-summary 2>&1 | tail -25 || true
wait
failures="$(python3 -c "
import csv
rows = {r['Name']: r for r in csv.DictReader(open('$OUT/kill_stats.csv'))}
print(rows['Aggregated']['Failure Count'])")"
echo "requests failed while a worker was killed: $failures (allowed: 1, the one it was serving)"
[ "$failures" -le 1 ]
