package com.autonomos.handshake.farm.stream;

import java.util.List;

/**
 * One line of a generated stream, as a consumer's test needs to know it.
 *
 * @param index         position in the stream, from 0 ({@code _stream_meta.record_number} is {@code index + 1})
 * @param kind          what the line is
 * @param text          the line without its line ending
 * @param invoiceId     the invoice the line was derived from (also when the damage nulled {@code invoice_id});
 *                      null for MALFORMED, NOT_AN_OBJECT, EMPTY and CONTROL lines
 * @param damagedFields dotted paths the damage touched ({@code vendor.vendor_id}, {@code billing_address},
 *                      {@code total_amount} ...); for a CLEAN line either empty or {@code [total_amount]} when the
 *                      line carries a mismatched total
 * @param wireLines     lines this entry puts on the wire: 1, or 1 or 3 for an EMPTY entry (all of them empty)
 */
public record GeneratedLine(long index, LineKind kind, String text, String invoiceId, List<String> damagedFields,
                            int wireLines) {

    public GeneratedLine {
        damagedFields = List.copyOf(damagedFields);
    }
}
