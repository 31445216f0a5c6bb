package com.autonomos.handshake.dcl.telemetry;

import java.util.Locale;

/** How a delivered record reached the sink; the {@code kind} tag of {@code dcl.records.delivered}. */
public enum DeliveryKind {
    /** Conformed to the invoice contract as read. */
    CLEAN,
    /** Repaired from the record of truth and verified by the Farm. */
    REPAIRED_VERIFIED,
    /** Repaired, but the Farm did not verify it (refused or errored). */
    REPAIRED_UNVERIFIED,
    /** Drifted and delivered as read, because the connector's policy disables repair. */
    DRIFTED;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
