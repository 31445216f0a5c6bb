package com.autonomos.handshake.dcl.sink;

import com.autonomos.handshake.contracts.ingest.DeadLetter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The latest envelopes and dead letters of each connector, for the records API. Memory is bounded for the whole
 * process, not per connector: all rings share {@code dcl.sink.ring-budget} entries, so each connector keeps
 * {@code min(dcl.sink.ring-size, ring-budget / connectors)} (at least {@value #MIN_PER_CONNECTOR}); adding a
 * connector shrinks the others' rings at once.
 */
@Component
public class RecentRecords {

    static final int MIN_PER_CONNECTOR = 10;

    private final int perConnector;
    private final int budget;
    private final Map<String, Ring<DeliveredRecord>> records = new ConcurrentHashMap<>();
    private final Map<String, Ring<DeadLetter>> deadLetters = new ConcurrentHashMap<>();

    public RecentRecords(SinkProperties properties) {
        this.perConnector = properties.ringSize();
        this.budget = properties.ringBudget();
    }

    public void add(String connectorId, List<DeliveredRecord> delivered, List<DeadLetter> dead) {
        if (!delivered.isEmpty()) {
            ring(records, connectorId).addAll(delivered, capacity(records));
        }
        if (!dead.isEmpty()) {
            ring(deadLetters, connectorId).addAll(dead, capacity(deadLetters));
        }
    }

    private <T> Ring<T> ring(Map<String, Ring<T>> rings, String connectorId) {
        Ring<T> ring = rings.get(connectorId);
        if (ring == null) {
            ring = rings.computeIfAbsent(connectorId, id -> new Ring<>());
            int capacity = capacity(rings);
            rings.values().forEach(r -> r.trimTo(capacity)); // a new connector: everyone's share just got smaller
        }
        return ring;
    }

    private <T> int capacity(Map<String, Ring<T>> rings) {
        return Math.max(MIN_PER_CONNECTOR, Math.min(perConnector, budget / Math.max(1, rings.size())));
    }

    /** Drops the connector's rings (it was deleted). */
    public void release(String connectorId) {
        records.remove(connectorId);
        deadLetters.remove(connectorId);
    }

    /** Entries held for all connectors together (records and dead letters). */
    int size() {
        int n = 0;
        for (Ring<DeliveredRecord> r : records.values()) {
            n += r.size();
        }
        for (Ring<DeadLetter> r : deadLetters.values()) {
            n += r.size();
        }
        return n;
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
        private final ArrayDeque<T> items = new ArrayDeque<>();

        synchronized void addAll(List<T> batch, int capacity) {
            int skip = Math.max(0, batch.size() - capacity);
            for (int i = skip; i < batch.size(); i++) {
                items.addLast(batch.get(i));
            }
            trimTo(capacity);
        }

        synchronized void trimTo(int capacity) {
            while (items.size() > capacity) {
                items.pollFirst();
            }
        }

        synchronized int size() {
            return items.size();
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
