package com.autonomos.handshake.dcl.repair;

import com.autonomos.handshake.contracts.farm.VerifyResult;
import com.autonomos.handshake.contracts.ingest.DeadLetterReason;
import com.autonomos.handshake.contracts.ingest.Reconciliation;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of repairing one record: either a repaired record (and what verification said of it) or the reason it
 * must be dead-lettered.
 *
 * @param repaired       the repaired copy; null when {@code failure} is set, except {@code verify_failed}, where it is
 *                       kept for the dead letter's detail
 * @param repairedFields the fields that were replaced from the record of truth
 * @param verification   the Farm's verdict, null when verification errored ({@code verifyError} says why)
 * @param failure        why the record cannot be delivered (unrepairable, repair_unavailable, verify_failed), else null
 * @param detail         human-readable detail for a failure or a verify error
 * @param reconciled     fields taken from the record of truth after the Farm disputed them (policy {@code reconcile});
 *                       empty when nothing was reconciled; {@code verification} is then the second verdict
 */
public record RepairOutcome(
        ObjectNode repaired,
        List<String> repairedFields,
        VerifyResult verification,
        String verifyError,
        DeadLetterReason failure,
        String detail,
        List<Reconciliation> reconciled) {

    public RepairOutcome {
        reconciled = reconciled == null ? List.of() : List.copyOf(reconciled);
    }

    /** An outcome without reconciliation. */
    public RepairOutcome(ObjectNode repaired, List<String> repairedFields, VerifyResult verification,
            String verifyError, DeadLetterReason failure, String detail) {
        this(repaired, repairedFields, verification, verifyError, failure, detail, List.of());
    }

    public boolean wasReconciled() {
        return !reconciled.isEmpty();
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** Verified only when the Farm answered and said so; an error is never "verified". */
    public boolean verified() {
        return verification != null && verification.verified();
    }
}
