#!/bin/bash
# End to end on PostgreSQL + NATS JetStream with N `chat2task worker --nats` processes.
# usage: e2e_pg.sh BIN FILE NWORKERS
set -u
BIN=$1; FILE=$2; N=${3:-2}
PG=postgres://postgres@127.0.0.1:5432
DB=$PG/h6_e2e
NATS=nats://127.0.0.1:4333
psql -q $PG/test -c "DROP DATABASE IF EXISTS h6_e2e" -c "CREATE DATABASE h6_e2e"
# fresh private NATS server (own port, own store dir)
[ -f /tmp/e2e-nats.pid ] && kill $(cat /tmp/e2e-nats.pid) 2>/dev/null; sleep 1
rm -rf /tmp/e2e-nats; mkdir -p /tmp/e2e-nats
nats-server -js -sd /tmp/e2e-nats -p 4333 > /tmp/e2e-nats.log 2>&1 & echo $! > /tmp/e2e-nats.pid
sleep 1
pids=()
for i in $(seq 1 $N); do
  RUST_LOG=warn $BIN worker --nats $NATS --db $DB > /tmp/e2e-worker$i.log 2>&1 &
  pids+=($!)
  sleep 2   # the first one applies the migrations
done
psql -q $DB -c "INSERT INTO notify_targets (workspace_id, name, kind, url, created_at) VALUES (1, 'bench', 'webhook', 'http://127.0.0.1:9/', 0)"
t0=$(date +%s.%N)
RUST_LOG=warn $BIN ingest $FILE --nats $NATS --db $DB 2>&1 | tail -3
t1=$(date +%s.%N)
total=$(wc -l < $FILE)
while :; do
  done_n=$(psql -tA $DB -c "SELECT COUNT(*) FROM messages WHERE processed <> 0")
  [ "$done_n" -ge "$total" ] && break
  sleep 0.2
done
t2=$(date +%s.%N)
python3 -c "t0,t1,t2=$t0,$t1,$t2; n=$total; print(f'archive+publish {t1-t0:.1f} s; all processed after {t2-t0:.1f} s: {n/(t2-t0):.0f} messages/s end to end')"
for p in "${pids[@]}"; do echo "worker $p cpu $(ps -o time= -p $p) $(grep VmHWM /proc/$p/status)"; kill -TERM $p; done; sleep 1
psql $DB -f "$(dirname "$0")/check.sql"
