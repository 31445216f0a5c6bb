#!/usr/bin/env python3
"""CPU seconds per thread group of a process between two snapshots.
Usage: thread_cpu.py snap <pid> <file>   then   thread_cpu.py diff <pid> <file>"""
import json
import os
import re
import sys


def snapshot(pid):
    ticks = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            with open(f'/proc/{pid}/task/{tid}/stat') as f:
                stat = f.read()
        except OSError:
            continue
        name = re.sub(r'\d+', 'N', stat[stat.index('(') + 1:stat.rindex(')')])
        fields = stat[stat.rindex(')') + 2:].split()
        ticks[tid] = [name, int(fields[11]) + int(fields[12])]
    return ticks


mode, pid, path = sys.argv[1], sys.argv[2], sys.argv[3]
if mode == 'snap':
    with open(path, 'w') as f:
        json.dump(snapshot(pid), f)
else:
    with open(path) as f:
        before = json.load(f)
    groups = {}
    hz = os.sysconf('SC_CLK_TCK')
    for tid, (name, t) in snapshot(pid).items():
        groups[name] = groups.get(name, 0) + t - before.get(tid, [name, 0])[1]
    total = sum(groups.values())
    parts = sorted(groups.items(), key=lambda kv: -kv[1])[:6]
    print(f'{total / hz:.1f} s: ' + ', '.join(f'{n.strip()} {v / hz:.1f}' for n, v in parts if v > 0))
