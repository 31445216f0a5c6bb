package com.autonomos.handshake.contracts.provision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What DCL may do with a connector's records.
 *
 * @param repairEnabled    fill drifted fields from the system of record
 * @param requireVerified  dead-letter ({@code verify_failed}) repaired records the Farm did not verify, instead of
 *                         delivering them with {@code meta.verified=false}
 * @param sourceOfTruthUrl origin of the system of record; when null it is derived from the target URL
 * @param emptyLines       what an empty or whitespace-only line is: {@value #EMPTY_LINES_DEAD_LETTER} (default, when
 *                         null: malformed chaos, dead letter {@code empty_line}) or {@value #EMPTY_LINES_SKIP} (a
 *                         keep-alive, counted as control)
 * @param reconcile        when the Farm reports mismatches for a repaired record, take those fields from the record
 *                         of truth, list them in {@code meta.reconciled} and verify again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What DCL may do with the connector's records")
public record ConnectorPolicy(
        @Schema(description = "Fill drifted fields from the system of record", example = "true")
        @JsonProperty("repair_enabled") boolean repairEnabled,
        @Schema(description = "Dead-letter (verify_failed) repaired records the Farm did not verify", example = "false")
        @JsonProperty("require_verified") boolean requireVerified,
        @Schema(description = "Origin of the system of record; derived from target_url when absent",
                nullable = true, example = "http://localhost:8088")
        @JsonProperty("source_of_truth_url") @Size(max = 2048) String sourceOfTruthUrl,
        @Schema(description = "What an empty or whitespace-only line is: dead_letter (reason empty_line) or skip "
                + "(counted as control)", allowableValues = {EMPTY_LINES_DEAD_LETTER, EMPTY_LINES_SKIP},
                nullable = true, example = EMPTY_LINES_DEAD_LETTER)
        @JsonProperty("empty_lines") @Pattern(regexp = EMPTY_LINES_DEAD_LETTER + "|" + EMPTY_LINES_SKIP,
                message = "must be " + EMPTY_LINES_DEAD_LETTER + " or " + EMPTY_LINES_SKIP) String emptyLines,
        @Schema(description = "Take the fields the Farm disputes from the record of truth and verify again",
                example = "false")
        @JsonProperty("reconcile") boolean reconcile) {

    public static final String EMPTY_LINES_DEAD_LETTER = "dead_letter";
    public static final String EMPTY_LINES_SKIP = "skip";

    /** The policy before empty-line handling and reconciliation existed: both at their defaults. */
    public ConnectorPolicy(boolean repairEnabled, boolean requireVerified, String sourceOfTruthUrl) {
        this(repairEnabled, requireVerified, sourceOfTruthUrl, null, false);
    }

    public static ConnectorPolicy repairing() {
        return new ConnectorPolicy(true, false, null);
    }

    /** Whether empty lines are keep-alives (control) rather than dead letters. */
    public boolean skipsEmptyLines() {
        return EMPTY_LINES_SKIP.equals(emptyLines);
    }

    public ConnectorPolicy withReconcile(boolean on) {
        return new ConnectorPolicy(repairEnabled, requireVerified, sourceOfTruthUrl, emptyLines, on);
    }
}
