#!/usr/bin/env python3
"""Summarises a JFR recording's execution samples: CPU share per thread group, the top self frames, and the
inclusive share of the DCL frames and the library calls they make. Usage: jfr_top.py <recording.jfr> [top-n]"""
import collections
import re
import subprocess
import sys

recording = sys.argv[1]
top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 12
text = subprocess.run(['jfr', 'print', '--stack-depth', '64', '--events', 'jdk.ExecutionSample', recording],
                      capture_output=True, text=True, check=True).stdout
events = text.split('jdk.ExecutionSample {')[1:]
threads = collections.Counter()
self_frames = collections.Counter()
inclusive = collections.Counter()
for event in events:
    match = re.search(r'sampledThread = "([^"]*)"', event)
    thread = re.sub(r'\d+', 'N', match.group(1)) if match else '?'
    threads[thread] += 1
    frames = re.findall(r'^\s+([\w$.<>/]+)\(', event, re.M)
    if not frames:
        continue
    self_frames[frames[0]] += 1
    for frame in set(frames):
        inclusive[frame] += 1
total = max(1, len(events))
print(f'samples={len(events)} (JFR execution samples, 20 ms per thread; shares are of all samples)')
print('threads: ' + ', '.join(f'{t} {100 * c / total:.0f}%' for t, c in threads.most_common(5)))
print('top self frames:')
for frame, count in self_frames.most_common(top_n):
    print(f'  {100 * count / total:5.1f}%  {frame}')
print('inclusive, DCL and the calls it makes:')
wanted = re.compile(r'(com\.autonomos\.handshake\.[\w.$]+\.[a-z]\w*$)|ObjectMapper\.readTree$|'
                    r'ObjectNode\.serialize$|BeanSerializer\.serialize$|DefaultWebClient\.exchange$|'
                    r'FluxPublishOn\$PublishOnSubscriber\.run$|FluxMergeSequential|FluxBufferTimeout')
shown = 0
for frame, count in inclusive.most_common():
    if wanted.search(frame) and 'lambda$' not in frame:
        print(f'  {100 * count / total:5.1f}%  {frame}')
        shown += 1
        if shown == top_n:
            break
