package com.autonomos.handshake.contracts.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What DCL knows about a delivered record.
 *
 * @param verified     null when the record was not sent to verification (it was clean); false when verification
 *                     failed or errored ({@code verifyError} says which)
 * @param qualityScore the Farm's quality score for a verified record, null otherwise
 * @param reconciled   fields taken from the record of truth after the Farm disputed them (policy
 *                     {@code reconcile}); null when nothing was reconciled
 * @param workerId     cluster mode: the DCL worker that read and wrote the record; absent in embedded mode
 * @param leaseEpoch   cluster mode: the fencing epoch of that worker's lease on the connector; absent in embedded mode
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvelopeMeta(
        @JsonProperty("connector_id") String connectorId,
        @JsonProperty("config_version") long configVersion,
        @JsonProperty("source") String source,
        @JsonProperty("ingest_ts") Instant ingestTs,
        @JsonProperty("trace_id") String traceId,
        @JsonProperty("is_repaired") boolean isRepaired,
        @JsonProperty("repaired_fields") List<String> repairedFields,
        @JsonProperty("drift") List<DriftItem> drift,
        @JsonProperty("verified") Boolean verified,
        @JsonProperty("quality_score") Double qualityScore,
        @JsonProperty("mismatches") List<Mismatch> mismatches,
        @JsonProperty("verify_error") String verifyError,
        @JsonProperty("reconciled") List<Reconciliation> reconciled,
        @JsonProperty("worker_id") String workerId,
        @JsonProperty("lease_epoch") Long leaseEpoch) {

    /** Embedded mode, nothing reconciled: no worker id, no lease. */
    public EnvelopeMeta(String connectorId, long configVersion, String source, Instant ingestTs, String traceId,
                        boolean isRepaired, List<String> repairedFields, List<DriftItem> drift, Boolean verified,
                        Double qualityScore, List<Mismatch> mismatches, String verifyError) {
        this(connectorId, configVersion, source, ingestTs, traceId, isRepaired, repairedFields, drift, verified,
                qualityScore, mismatches, verifyError, null, null, null);
    }

    /** The same meta with another trace id. */
    public EnvelopeMeta withTraceId(String id) {
        return new EnvelopeMeta(connectorId, configVersion, source, ingestTs, id, isRepaired, repairedFields, drift,
                verified, qualityScore, mismatches, verifyError, reconciled, workerId, leaseEpoch);
    }
}
