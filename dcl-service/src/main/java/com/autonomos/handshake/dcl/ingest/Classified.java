package com.autonomos.handshake.dcl.ingest;

import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.dcl.repair.RepairOutcome;
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
     * @param json the line itself when it is a faithful standalone JSON text of {@code record} (see
     *             {@link LineClassifier}), so that it can be written verbatim; null otherwise
     */
    record Clean(ObjectNode record, byte[] json) implements Classified {

        Clean(ObjectNode record) {
            this(record, null);
        }
    }

    /** A record with drift; {@code line} is kept for a dead letter should repair fail. */
    record Drifted(ObjectNode record, List<DriftItem> drift, byte[] line) implements Classified {
    }

    /** A drifted record after the repairer answered. */
    record Repaired(Drifted drifted, RepairOutcome outcome) implements Classified {
    }
}
