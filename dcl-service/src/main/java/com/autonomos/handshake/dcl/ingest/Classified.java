package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.dcl.repair.RepairOutcome;
import com.autonomos.handshake.dcl.sink.Payload;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** What a framed line turned out to be, on its way to being settled. */
sealed interface Classified {

    /** A {@code _chaos} control line, or ({@code chaos == null}) an empty line of a source whose policy skips them. */
    record Control(String chaos, long delaySeconds) implements Classified {
        static final Control KEEP_ALIVE = new Control(null, 0);
    }

    /** A line that cannot be delivered, and why. */
    record Rejected(DeadLetterReason reason, String detail, String raw, boolean rawTruncated) implements Classified {
    }

    /**
     * A record that conforms to the invoice contract.
     *
     * @param payload the record; its {@link Payload#json()} is the line itself when the line is a faithful standalone
     *                JSON text of the record (see {@link LineClassifier}), so that it can be written verbatim, and
     *                then the record may be known only by that line until someone asks for its tree
     */
    record Clean(Payload payload) implements Classified {
    }

    /** A record with drift; {@code line} is kept for a dead letter should repair fail. */
    record Drifted(ObjectNode record, List<DriftItem> drift, byte[] line) implements Classified {
    }

    /** A drifted record after the repairer answered. */
    record Repaired(Drifted drifted, RepairOutcome outcome) implements Classified {
    }
}
