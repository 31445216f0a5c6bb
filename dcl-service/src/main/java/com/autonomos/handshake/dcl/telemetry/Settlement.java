package com.autonomos.handshake.dcl.telemetry;

import com.autonomos.handshake.contracts.ingest.DeadLetterReason;

/**
 * What one batch of lines came to, tallied by the pipeline and applied to a connector's meters in one step
 * ({@link ConnectorMeters#settle}), so that every read of the meters sees whole lines only. Not thread-safe: one
 * batch, one thread.
 */
public final class Settlement {

    final int[] delivered = new int[DeliveryKind.values().length];
    final int[] deadLettered = new int[DeadLetterReason.values().length];
    final int[] repairFailures = new int[DeadLetterReason.values().length];
    int keepAlives;
    int chaosControls;
    int drift;
    int repairSuccess;
    int verified;
    int verifyRefused;
    int verifyErrors;
    int reconciled;

    public void delivered(DeliveryKind kind) {
        delivered[kind.ordinal()]++;
    }

    public void deadLettered(DeadLetterReason reason) {
        deadLettered[reason.ordinal()]++;
    }

    /** A control line: a blank keep-alive, or a {@code _chaos} announcement. */
    public void control(boolean chaos) {
        if (chaos) {
            chaosControls++;
        } else {
            keepAlives++;
        }
    }

    public void driftDetected() {
        drift++;
    }

    public void repaired() {
        repairSuccess++;
    }

    /** A repaired record whose disputed fields were taken from the record of truth (policy {@code reconcile}). */
    public void reconciled() {
        reconciled++;
    }

    public void repairFailed(DeadLetterReason reason) {
        repairFailures[reason.ordinal()]++;
    }

    /** The Farm's verdict on a repaired record: {@code true}/{@code false}, or {@code null} when the call errored. */
    public void verification(Boolean verdict) {
        if (verdict == null) {
            verifyErrors++;
        } else if (verdict) {
            verified++;
        } else {
            verifyRefused++;
        }
    }

    /** Data and control lines settled by this batch. */
    public int lines() {
        int n = keepAlives + chaosControls;
        for (int d : delivered) {
            n += d;
        }
        for (int d : deadLettered) {
            n += d;
        }
        return n;
    }
}
