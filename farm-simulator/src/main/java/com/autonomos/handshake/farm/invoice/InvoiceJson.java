package com.autonomos.handshake.farm.invoice;

import com.autonomos.handshake.farm.invoice.Invoice.LineItem;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON rendering of an invoice, shared by the stream and the record of truth so that a clean stream record and
 * the truth for its id cannot drift apart. Amounts are written as numbers with exactly two decimals.
 */
public final class InvoiceJson {

    /**
     * Reads floats as {@code BigDecimal} and keeps trailing zeros, so a tree re-serializes {@code 1234.50} as written;
     * writes root values without a separator, so one generator can render a stream line after line.
     */
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder().rootValueSeparator((String) null).build())
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private InvoiceJson() {
    }

    /** Writes the invoice's properties into the object the generator is currently in (no start/end of object). */
    public static void writeProperties(JsonGenerator g, Invoice invoice) {
        g.writeStringProperty("record_type", "invoice");
        g.writeStringProperty("source_system", "mulesoft");
        g.writeStringProperty("invoice_id", invoice.invoiceId());
        g.writeName("vendor");
        g.writeStartObject();
        g.writeStringProperty("name", invoice.vendor().name());
        g.writeStringProperty("vendor_id", invoice.vendor().vendorId());
        g.writeStringProperty("tax_id", invoice.vendor().taxId());
        g.writeEndObject();
        g.writeName("billing_address");
        g.writeStartObject();
        g.writeStringProperty("street", invoice.billingAddress().street());
        g.writeStringProperty("city", invoice.billingAddress().city());
        g.writeStringProperty("state", invoice.billingAddress().state());
        g.writeStringProperty("zip", invoice.billingAddress().zip());
        g.writeStringProperty("country", invoice.billingAddress().country());
        g.writeEndObject();
        g.writeStringProperty("invoice_date", invoice.invoiceDate().toString());
        g.writeStringProperty("due_date", invoice.dueDate().toString());
        g.writeStringProperty("currency", invoice.currency());
        g.writeName("line_items");
        g.writeStartArray();
        for (LineItem item : invoice.lineItems()) {
            g.writeStartObject();
            g.writeStringProperty("description", item.description());
            g.writeNumberProperty("quantity", item.quantity());
            g.writeName("unit_price");
            g.writeNumber(decimal(item.unitPriceCents(), 2));
            g.writeName("line_total");
            g.writeNumber(decimal(item.lineTotalCents(), 2));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName("subtotal");
        g.writeNumber(decimal(invoice.subtotalCents(), 2));
        g.writeName("tax_rate");
        g.writeNumber(decimal(invoice.taxRateBasisPoints(), 4));
        g.writeName("tax_amount");
        g.writeNumber(decimal(invoice.taxAmountCents(), 2));
        g.writeName("total_amount");
        g.writeNumber(decimal(invoice.totalAmountCents(), 2));
        g.writeStringProperty("payment_status", invoice.paymentStatus());
        g.writeStringProperty("po_number", invoice.poNumber());
        g.writeStringProperty("notes", invoice.notes());
    }

    /** The invoice as a JSON object tree, exactly as {@link #writeProperties} renders it. */
    public static ObjectNode toTree(Invoice invoice) {
        var buffer = new java.io.ByteArrayOutputStream(1024);
        try (JsonGenerator g = MAPPER.createGenerator(buffer)) {
            g.writeStartObject();
            writeProperties(g, invoice);
            g.writeEndObject();
        }
        return (ObjectNode) MAPPER.readTree(buffer.toByteArray());
    }

    /** {@code value / 10^scale} as a plain decimal string with exactly {@code scale} decimals (e.g. 123450 → 1234.50). */
    public static String decimal(long value, int scale) {
        boolean negative = value < 0;
        long abs = Math.abs(value);
        String digits = Long.toString(abs);
        if (digits.length() <= scale) {
            digits = "0".repeat(scale - digits.length() + 1) + digits;
        }
        int point = digits.length() - scale;
        return (negative ? "-" : "") + digits.substring(0, point) + "." + digits.substring(point);
    }

    /** The amount as a person would type it, e.g. {@code $1,234.56}: the kind of string a bad upstream mapping sends. */
    public static String displayAmount(long cents) {
        String plain = decimal(cents, 2);
        int point = plain.indexOf('.');
        StringBuilder out = new StringBuilder(plain.length() + 6).append('$');
        String whole = plain.substring(0, point);
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(whole.charAt(i));
        }
        return out.append(plain, point, plain.length()).toString();
    }
}
