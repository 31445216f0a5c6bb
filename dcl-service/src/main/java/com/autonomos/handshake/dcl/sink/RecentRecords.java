package com.autonomos.handshake.dcl.sink;

import com.autonomos.handshake.contracts.ingest.DeadLetter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The last {@code dcl.sink.ring-size} envelopes and dead letters of each connector, for the records API. */
@Component
public class RecentRecords {

    private final int capacity;
    private final Map<String, Ring<DeliveredRecord>> records = new ConcurrentHashMap<>();
    private final Map<String, Ring<DeadLetter>> deadLetters = new ConcurrentHashMap<>();

    public RecentRecords(SinkProperties properties) {
        this.capacity = properties.ringSize();
    }

    public void add(String connectorId, List<DeliveredRecord> delivered, List<DeadLetter> dead) {
        if (!delivered.isEmpty()) {
            records.computeIfAbsent(connectorId, id -> new Ring<>(capacity)).addAll(delivered);
        }
        if (!dead.isEmpty()) {
            deadLetters.computeIfAbsent(connectorId, id -> new Ring<>(capacity)).addAll(dead);
        }
    }

    /** Newest first. */
    public List<DeliveredRecord> records(String connectorId, int limit) {
        Ring<DeliveredRecord> ring = records.get(connectorId);
        return ring == null ? List.of() : ring.newest(limit);
    }

    /** Newest first. */
    public List<DeadLetter> deadLetters(String connectorId, int limit) {
        Ring<DeadLetter> ring = deadLetters.get(connectorId);
        return ring == null ? List.of() : ring.newest(limit);
    }

    private static final class Ring<T> {
        private final ArrayDeque<T> items;
        private final int capacity;

        Ring(int capacity) {
            this.capacity = capacity;
            this.items = new ArrayDeque<>(Math.min(capacity, 1024));
        }

        synchronized void addAll(List<T> batch) {
            int skip = Math.max(0, batch.size() - capacity);
            for (int i = skip; i < batch.size(); i++) {
                if (items.size() == capacity) {
                    items.pollFirst();
                }
                items.addLast(batch.get(i));
            }
        }

        synchronized List<T> newest(int limit) {
            List<T> out = new ArrayList<>(Math.min(limit, items.size()));
            Iterator<T> it = items.descendingIterator();
            while (it.hasNext() && out.size() < limit) {
                out.add(it.next());
            }
            return out;
        }
    }
}
