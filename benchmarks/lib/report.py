#!/usr/bin/env python3
"""Turns bench/run's results into the printed table and BENCHMARKS.md. Usage: report.py <work-dir> <out.md>

The generated part of BENCHMARKS.md is replaced on every run; the hand-written notes after the NOTES_MARKER line of
an existing file are kept."""
import os
import re
import sys

NOTES_MARKER = '<!-- notes: kept by benchmarks/run; everything above is generated -->'

work, out_path = sys.argv[1], sys.argv[2]
r = {}
with open(os.path.join(work, 'results.env')) as f:
    for line in f:
        if '=' in line:
            key, value = line.rstrip('\n').split('=', 1)
            r[key] = value


def num(key, default=None):
    try:
        return float(r[key])
    except (KeyError, ValueError):
        return default


def fmt(x, digits=0):
    if x is None:
        return 'n/a'
    return f'{x:,.{digits}f}'


def read(name):
    path = os.path.join(work, name)
    return open(path).read().rstrip() if os.path.exists(path) else '(not recorded)'


def verdict(ok, miss=''):
    return '**met**' if ok else f'**not met**{": " + miss if miss else ""}'


def client(key):
    """p50/p99/max from 'p50=1.0 p99=2.0 max=3.0'."""
    return {k: float(v) for k, v in re.findall(r'(p50|p99|max)=([\d.]+)', r.get(key, ''))}


ceiling_clean = num('jmh_rawParse_clean')
ceiling_chaos = num('jmh_rawParse_chaos')
clean = num('clean_records_per_second')
chaos = num('chaos_records_per_second')
chaos_repair = num('chaosrepair_records_per_second')
ratio_clean = clean / ceiling_clean if clean and ceiling_clean else None
ratio_chaos = chaos / ceiling_chaos if chaos and ceiling_chaos else None
repairs = num('repair_per_s')
repair_audit = r.get('repair_order_audit', '')
order_kept = 'out_of_order=0' in repair_audit and 'duplicates=0' in repair_audit
live, fast = client('switch-live_client'), client('switch-fast_client')
switch_p50 = max(live.get('p50', 1e9), fast.get('p50', 1e9), num('switch-live_server_p5_ms', 1e9),
                 num('switch-fast_server_p5_ms', 1e9))
switch_p99 = max(live.get('p99', 1e9), fast.get('p99', 1e9), num('switch-live_server_p99_ms', 1e9),
                 num('switch-fast_server_p99_ms', 1e9))
switch_proof = r.get('switch-live_proof') == 'true' and r.get('switch-fast_proof') == 'true'
heap = [int(mb) for mb in re.findall(r':(\d+)MB', r.get('memory_heap_after_gc', ''))]
# flat = no growth: the last sample is within max(32 MB, 15%) of the lowest (early samples may still hold caches that
# expire, e.g. records of truth kept for 60 s)
heap_flat = len(heap) >= 2 and heap[-1] - min(heap) <= max(32, 0.15 * min(heap))
ready_farm, ready_dcl = num('ready_farm_ms'), num('ready_dcl_ms')
ready_ok = ready_farm is not None and ready_dcl is not None and max(ready_farm, ready_dcl) < 3000


def pct_short(value, target):
    return f'{100 * (1 - value / target):.0f}% short' if value is not None and value < target else ''


rows = [
    ('Ceiling: Jackson bytes → JsonNode, 1 thread (JMH)',
     f'{fmt(ceiling_clean)} rec/s clean, {fmt(ceiling_chaos)} rec/s chaos', '—', '—'),
    ('Simulator drain (curl, speed=fast, 1 M lines)',
     f'{fmt(num("drain_lines_per_s"))} lines/s ({fmt(num("drain_mb_per_s"))} MB/s)', 'not the bottleneck',
     verdict((num('drain_lines_per_s') or 0) > 2 * max(clean or 0, chaos or 0))),
    ('Ingest, chaos off (end to end)',
     f'{fmt(clean)} rec/s = {fmt(100 * ratio_clean if ratio_clean else None)}% of ceiling',
     '≥ 50% of ceiling', verdict((ratio_clean or 0) >= 0.5,
                                 f'{fmt(100 * (0.5 - (ratio_clean or 0)))} points short' if ratio_clean else '')),
    ('Ingest, chaos on, spikes off (end to end)',
     f'{fmt(chaos)} rec/s = {fmt(100 * ratio_chaos if ratio_chaos else None)}% of ceiling',
     '≥ 50,000 rec/s and ≥ 50% of ceiling',
     verdict((chaos or 0) >= 50000 and (ratio_chaos or 0) >= 0.5,
             ', '.join(x for x in [pct_short(chaos, 50000) and pct_short(chaos, 50000) + ' of 50,000',
                                   (ratio_chaos or 0) < 0.5 and f'{fmt(100 * (0.5 - (ratio_chaos or 0)))} points '
                                   'short of 50% of ceiling'] if x))),
    ('Ingest, chaos on + repair on (every drifted record: 2 Farm calls)', f'{fmt(chaos_repair)} rec/s', '(info)', '—'),
    ('Repair (~30% drifted, repair + verify)',
     f'{fmt(repairs)} repairs/s; adds p50 {r.get("repair_p50_ms", "n/a")} ms, p99 {r.get("repair_p99_ms", "n/a")} ms;'
     f' order kept: {"yes" if order_kept else "NO"}',
     '≥ 5,000 repairs/s, order kept',
     verdict((repairs or 0) >= 5000 and order_kept, pct_short(repairs, 5000) + ' of 5,000/s' if repairs else '')),
    (f'Switch, live stream ({r.get("switch-live_missed", "?")} missed)',
     f'p50 {fmt(live.get("p50"), 1)} / p99 {fmt(live.get("p99"), 1)} ms client; '
     f'p50 {r.get("switch-live_server_p5_ms", "n/a")} / p99 {r.get("switch-live_server_p99_ms", "n/a")} ms DCL timer',
     'p50 < 50 ms, p99 < 200 ms', verdict(switch_p50 < 50 and switch_p99 < 200)),
    ('Switch, speed=fast streams',
     f'p50 {fmt(fast.get("p50"), 1)} / p99 {fmt(fast.get("p99"), 1)} ms client; '
     f'p50 {r.get("switch-fast_server_p5_ms", "n/a")} / p99 {r.get("switch-fast_server_p99_ms", "n/a")} ms DCL timer',
     'p50 < 50 ms, p99 < 200 ms', verdict(switch_p50 < 50 and switch_p99 < 200)),
    ('Switch: records lost / duplicated',
     'zero (audited)' if switch_proof else 'AUDIT FAILED', 'zero', verdict(switch_proof)),
    (f'Live heap (old gen after full GC), endless stream to {fmt(num("memory_records"))} records',
     ' → '.join(f'{mb} MB' for mb in heap) or 'n/a', 'flat', verdict(heap_flat)),
    ('RSS after the run', f'DCL {r.get("rss_end_dcl_mb", "n/a")} MB, simulator {r.get("rss_end_farm_mb", "n/a")} MB',
     '—', '—'),
    ('Time to ready (process start → readiness 200)',
     f'simulator {fmt(ready_farm)} ms, DCL {fmt(ready_dcl)} ms'
     + (f' (AppCDS: {fmt(num("ready_farm_cds_ms"))} / {fmt(num("ready_dcl_cds_ms"))} ms)'
        if 'ready_dcl_cds_ms' in r else ''),
     '< 3 s each', verdict(ready_ok, f'{fmt(max(ready_farm or 0, ready_dcl or 0) / 1000, 1)} s at worst')),
]

table = ['| measure | result | target | verdict |', '|---|---|---|---|']
table += [f'| {a} | {b} | {c} | {d} |' for a, b, c, d in rows]


def jmh_row(name, key, unit):
    return (f'| {name} | {fmt(num("jmh_" + key))} ± {fmt(num("jmh_" + key + "_err"))} {unit} |')


def ingest_row(label, key):
    ceiling = ceiling_clean if key == 'clean' else ceiling_chaos
    rate = num(key + '_records_per_second')
    return (f'| {label} | {fmt(num(key + "_lines"))} | {fmt(rate)} | '
            f'{fmt(100 * rate / ceiling if rate and ceiling else None)}% | {r.get(key + "_dcl_us_per_line", "n/a")} | '
            f'{r.get(key + "_farm_us_per_line", "n/a")} | {r.get(key + "_dcl_threads", "")} | '
            f'{r.get(key + "_load_before", "")} → {r.get(key + "_load_after", "")} |')


md = f"""# Benchmarks

Generated by `bench/run` (issue 6) on {r.get('date')}, commit {r.get('commit')}, in {fmt(num('elapsed_s', 0) / 60, 1)}
minutes.

- Command: `{r.get('command')}`
- JDK: `{r.get('jdk')}`
- CPU: {r.get('cpu')}
- Load average (1/5/15 min): {r.get('load_start')} at the start, {r.get('load_end')} after the memory run. The machine
  was shared with other builds during the run: wall-clock rates are what the two services got of 2 cores under that
  load. CPU time per line (below) does not depend on how much of the machine they got.
- Services run from copies of their jars with `-Xmx1g`, on free ports; DCL with `DCL_INGEST_RECONNECT_ON_END=false`.

## Results

{chr(10).join(table)}

Verdict rules: ingest ratio = end-to-end rate ÷ the JMH raw-parse rate of the same kind of stream; switch
percentiles take the worse of the client-side measure and DCL's `dcl.connector.switch.latency` timer; the heap is
flat when the last live-set sample is within max(32 MB, 15%) of the lowest one (no growth).

## 1. Ceiling (JMH, one thread, the first 20,000 lines of the benchmark streams)

The JMH corpus is byte-identical to what the simulator serves (SHA-256 of `curl` output vs the generator):
chaos off {r.get('corpus_identical_clean')}, chaos on {r.get('corpus_identical_chaos')}.

| benchmark | score |
|---|---|
{jmh_row('rawParse, chaos off (the ceiling)', 'rawParse_clean', 'rec/s')}
{jmh_row('rawParse, chaos on (the ceiling; a malformed line costs its exception)', 'rawParse_chaos', 'rec/s')}
{jmh_row('DCL NdjsonFramer + LineClassifier (incl. InvoiceContract.check), chaos off', 'frameAndClassify_clean', 'rec/s')}
{jmh_row('DCL NdjsonFramer + LineClassifier (incl. InvoiceContract.check), chaos on', 'frameAndClassify_chaos', 'rec/s')}
{jmh_row('Repair field copy (FarmRecordRepairer.patch: copy, replace drifted paths, re-check)', 'repairCopy', 'repairs/s')}

## 2. Ingest (simulator → HTTP → DCL frame, parse, validate, envelope → NDJSON file sink)

Rate from the first to the last settled line (telemetry polled every 50 ms), after a 300,000-line warm-up run of
the same kind. CPU per line is each process's CPU time
over the run divided by the lines. DCL threads: CPU seconds per thread group during the run.

| run | lines | rec/s | of ceiling | DCL CPU µs/line | simulator CPU µs/line | DCL threads (CPU s) | load |
|---|---|---|---|---|---|---|---|
{ingest_row('chaos off (repair on, nothing to repair)', 'clean')}
{ingest_row('chaos on, spikes off, repair off', 'chaos')}
{ingest_row('chaos on, spikes off, repair on', 'chaosrepair')}

Telemetry at the end of each run (every line accounted for: `lines_read = delivered + dead_lettered + control`):

- chaos off: {r.get('clean_counts')}
- chaos on, repair off: {r.get('chaos_counts')}
- chaos on, repair on: {r.get('chaosrepair_counts')}

## 3. Repair

Stream `{r.get('repair_query', 'seed=3&chaos=true&chaos_rate=0.6&spike_seconds=0')}`: {r.get('repair_drift_share')}% of the lines drifted.
Each drifted record: record-of-truth lookup + patch + verification (two HTTP calls to the simulator, through
resilience4j), with bounded concurrency (32) and stream order kept.

- {fmt(repairs)} repairs/s (drifted records settled ÷ run time, {r.get('repair_seconds')} s); telemetry: {r.get('repair_counts')}
- Added latency (DCL's `dcl.repair.latency` timer, whole repair incl. both calls): p50 {r.get('repair_p50_ms')} ms,
  p99 {r.get('repair_p99_ms')} ms
- Order in `records.ndjson` (`_stream_meta.record_number` strictly increasing): {repair_audit}
- CPU: DCL {r.get('repair_dcl_us_per_line')} µs/line, simulator {r.get('repair_farm_us_per_line')} µs/line; DCL threads
  {r.get('repair_dcl_threads')}

## 4. Switch ({r.get('switches')} re-provisionings of a running connector, alternating seed=1 / seed=2, 100 ms apart)

Latency from the provisioning response to the first record of the new version in DCL's records API (client, polled
every 0.5 ms), and DCL's own timer from the nudge to the first settled line of the new version (includes the first
start). Proof: after pausing the connector and draining, every version's records in `records.ndjson` are contiguous
from record 1 with no duplicate, each record's invoice id is the one the simulator serves at that position of that
version's URL (no record of the old URL under a new version), the file holds exactly the delivered count, and
`lines_read = lines_received`.

| stream | client p50 / p99 / max ms | DCL timer p50 / p99 ms | audit | telemetry | zero lost/duplicated |
|---|---|---|---|---|---|
| live, `speed=normal` | {r.get('switch-live_client')} | {r.get('switch-live_server_p5_ms')} / {r.get('switch-live_server_p99_ms')} | {r.get('switch-live_audit')} | {r.get('switch-live_telemetry')} | {r.get('switch-live_proof')} |
| `speed=fast&limit=20000` | {r.get('switch-fast_client')} | {r.get('switch-fast_server_p5_ms')} / {r.get('switch-fast_server_p99_ms')} | {r.get('switch-fast_audit')} | {r.get('switch-fast_telemetry')} | {r.get('switch-fast_proof')} |

## 5. Memory and start-up

- Endless `speed=fast&chaos=false` stream, {fmt(num('memory_records'))} records in {r.get('memory_seconds')} s; live heap
  = old generation right after `jcmd GC.run` (`/actuator/metrics/jvm.memory.used?tag=area:heap&tag=id:G1 Old Gen`),
  at every fifth of the run: {r.get('memory_heap_after_gc')}
- DCL RSS at the same points: {r.get('memory_rss_dcl')}
- RSS idle after start: simulator {r.get('rss_idle_farm_mb')} MB, DCL {r.get('rss_idle_dcl_mb')} MB; after the run:
  simulator {r.get('rss_end_farm_mb')} MB, DCL {r.get('rss_end_dcl_mb')} MB
- Time to ready, `java -jar` (each alone): simulator {r.get('ready_farm_ms')} ms ({r.get('ready_farm_cpu_s')} CPU s, load
  {r.get('ready_farm_load')}), DCL {r.get('ready_dcl_ms')} ms ({r.get('ready_dcl_cpu_s')} CPU s, load {r.get('ready_dcl_load')})
- Time to ready from the extracted jar with an AppCDS archive (`-Djarmode=tools extract`, training run with
  `-XX:ArchiveClassesAtExit`): simulator {r.get('ready_farm_cds_ms', 'not run')} ms ({r.get('ready_farm_cds_cpu_s', '-')} CPU s),
  DCL {r.get('ready_dcl_cds_ms', 'not run')} ms ({r.get('ready_dcl_cds_cpu_s', '-')} CPU s)

## Profiles recorded during this run (JFR `settings=profile`, summarised by `bench/lib/jfr_top.py`)

Ingest, chaos on, repair off:

```
{read('chaos.profile.txt')}
```

Repair run:

```
{read('repair.profile.txt')}
```
"""

notes = ''
if os.path.exists(out_path):
    existing = open(out_path).read()
    if NOTES_MARKER in existing:
        notes = existing[existing.index(NOTES_MARKER) + len(NOTES_MARKER):].lstrip('\n')
with open(out_path, 'w') as f:
    f.write(md.rstrip() + '\n\n' + NOTES_MARKER + '\n\n' + notes)

print('\n'.join(table))
print(f'\nwritten to {out_path}')
