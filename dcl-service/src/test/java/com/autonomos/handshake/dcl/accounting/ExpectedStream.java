package com.autonomos.handshake.dcl.accounting;

import com.autonomos.handshake.farm.stream.FarmStream;
import com.autonomos.handshake.farm.stream.GeneratedLine;
import com.autonomos.handshake.farm.stream.LineKind;
import com.autonomos.handshake.farm.stream.StreamSpec;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What DCL must make of every line of a seeded Farm stream, computed from the simulator's own generator and record of
 * truth, not from DCL's code: control lines are counted; malformed and non-object lines are dead-lettered; clean
 * records are delivered exactly as sent; a record whose damage breaks the invoice contract (every DRIFT line, and a
 * BAD_TYPE line whose damaged value is missing, null, of another JSON type than the truth's, or a date that is not
 * ISO-8601) is drifted: without a usable {@code invoice_id} it is {@code unrepairable}, else repaired by replacing
 * exactly the damaged fields with the record of truth.
 */
final class ExpectedStream {

    enum Outcome { CONTROL, CLEAN, REPAIRED, DEAD }

    /**
     * @param payload        the delivered payload (CLEAN, REPAIRED), else null
     * @param repairedFields the fields replaced from the record of truth (REPAIRED)
     * @param reason         the dead letter's wire reason (DEAD)
     * @param drifted        whether DCL must count the record in {@code drift_detected}
     */
    record Line(GeneratedLine generated, Outcome outcome, ObjectNode payload, List<String> repairedFields,
                String reason, boolean drifted) {

        long recordNumber() {
            return generated.index() + 1;
        }

        @Override
        public String toString() { // a failure message names the line, not 2 KB of JSON
            return "line " + recordNumber() + " " + generated.kind() + " " + generated.damagedFields() + " -> " + outcome
                    + (reason == null ? "" : " " + reason);
        }

        Line dead(String deadReason) {
            return new Line(generated, Outcome.DEAD, null, List.of(), deadReason, drifted);
        }
    }

    private final StreamSpec spec;
    private final List<Line> lines;

    private ExpectedStream(StreamSpec spec, List<Line> lines) {
        this.spec = spec;
        this.lines = lines;
    }

    static ExpectedStream of(StreamSpec spec) {
        List<Line> lines = new ArrayList<>((int) spec.limit());
        new FarmStream(spec).lines().forEach(generated -> lines.add(expect(generated)));
        return new ExpectedStream(spec, List.copyOf(lines));
    }

    StreamSpec spec() {
        return spec;
    }

    List<Line> lines() {
        return lines;
    }

    /** The same stream when every repair ends otherwise (source of truth unavailable, verification required...). */
    ExpectedStream withRepaired(UnaryOperator<Line> outcome) {
        return new ExpectedStream(spec, lines.stream().map(l -> l.outcome() == Outcome.REPAIRED ? outcome.apply(l) : l)
                .toList());
    }

    long count(Predicate<Line> which) {
        return lines.stream().filter(which).count();
    }

    long count(Outcome outcome) {
        return count(l -> l.outcome() == outcome);
    }

    long count(LineKind kind) {
        return count(l -> l.generated().kind() == kind);
    }

    long deadLetters(String reason) {
        return dead().stream().filter(l -> reason.equals(l.reason())).count();
    }

    List<Line> delivered() {
        return lines.stream().filter(l -> l.outcome() == Outcome.CLEAN || l.outcome() == Outcome.REPAIRED).toList();
    }

    /** One entry per dead letter: an EMPTY entry of three empty lines is three dead letters. */
    List<Line> dead() {
        return lines.stream().filter(l -> l.outcome() == Outcome.DEAD)
                .flatMap(l -> java.util.Collections.nCopies(l.generated().wireLines(), l).stream()).toList();
    }

    private static Line expect(GeneratedLine g) {
        return switch (g.kind()) {
            case CONTROL -> new Line(g, Outcome.CONTROL, null, List.of(), null, false);
            case MALFORMED -> new Line(g, Outcome.DEAD, null, List.of(), "malformed", false);
            case EMPTY -> new Line(g, Outcome.DEAD, null, List.of(), "empty_line", false);
            case NOT_AN_OBJECT -> new Line(g, Outcome.DEAD, null, List.of(), "not_an_object", false);
            case CLEAN -> new Line(g, Outcome.CLEAN, parse(g), List.of(), null, false);
            case DRIFT -> repair(g);
            case BAD_TYPE -> breaksContract(g) ? repair(g) : new Line(g, Outcome.CLEAN, parse(g), List.of(), null, false);
        };
    }

    private static Line repair(GeneratedLine g) {
        ObjectNode record = parse(g);
        JsonNode id = record.get("invoice_id");
        if (id == null || !id.isString()) {
            return new Line(g, Outcome.DEAD, null, List.of(), "unrepairable", true);
        }
        ObjectNode truth = truth(g.invoiceId());
        for (String field : g.damagedFields()) {
            int dot = field.indexOf('.');
            if (dot < 0) {
                record.set(field, truth.get(field).deepCopy());
            } else {
                String parent = field.substring(0, dot);
                String child = field.substring(dot + 1);
                ((ObjectNode) record.get(parent)).set(child, truth.get(parent).get(child).deepCopy());
            }
        }
        return new Line(g, Outcome.REPAIRED, record, g.damagedFields(), null, true);
    }

    /** A BAD_TYPE damage breaks the contract when the value is gone, null, of another type, or a non-ISO date. */
    private static boolean breaksContract(GeneratedLine g) {
        ObjectNode record = parse(g);
        ObjectNode truth = truth(g.invoiceId());
        for (String field : g.damagedFields()) {
            JsonNode observed = record.get(field);
            JsonNode expected = truth.get(field);
            if (observed == null || observed.isNull() || observed.getNodeType() != expected.getNodeType()) {
                return true;
            }
            if (field.endsWith("_date") && !isoDate(observed.asString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isoDate(String value) {
        for (var parser : List.<java.util.function.Consumer<String>>of(LocalDate::parse, LocalDateTime::parse,
                OffsetDateTime::parse)) {
            try {
                parser.accept(value);
                return true;
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return false;
    }

    static ObjectNode parse(GeneratedLine g) {
        return (ObjectNode) DclApi.JSON.readTree(g.text());
    }

    /** The record of truth, through the test's mapper (so its numbers compare like the sink's). */
    static ObjectNode truth(String invoiceId) {
        return (ObjectNode) DclApi.JSON.readTree(FarmStream.recordOfTruth(invoiceId).toString());
    }
}
