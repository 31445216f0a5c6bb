package com.autonomos.handshake.farm.invoice;

import com.autonomos.handshake.farm.invoice.Invoice.LineItem;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
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
    public static final JsonMapper MAPPER = JsonMapper
            .builder(JsonFactory.builder().rootValueSeparator((String) null).build())
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final int DECIMAL_CHARS = 28; // sign, 19 digits, point, padding

    // Property names pre-encoded once: most of a record's bytes are names.
    private static final SerializableString BILLING_ADDRESS = new SerializedString("billing_address");
    private static final SerializableString CITY = new SerializedString("city");
    private static final SerializableString COUNTRY = new SerializedString("country");
    private static final SerializableString CURRENCY = new SerializedString("currency");
    private static final SerializableString DESCRIPTION = new SerializedString("description");
    private static final SerializableString DUE_DATE = new SerializedString("due_date");
    private static final SerializableString INVOICE_DATE = new SerializedString("invoice_date");
    private static final SerializableString INVOICE_ID = new SerializedString("invoice_id");
    private static final SerializableString LINE_ITEMS = new SerializedString("line_items");
    private static final SerializableString LINE_TOTAL = new SerializedString("line_total");
    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString NOTES = new SerializedString("notes");
    private static final SerializableString PAYMENT_STATUS = new SerializedString("payment_status");
    private static final SerializableString PO_NUMBER = new SerializedString("po_number");
    private static final SerializableString QUANTITY = new SerializedString("quantity");
    private static final SerializableString RECORD_TYPE = new SerializedString("record_type");
    private static final SerializableString SOURCE_SYSTEM = new SerializedString("source_system");
    private static final SerializableString STATE = new SerializedString("state");
    private static final SerializableString STREET = new SerializedString("street");
    private static final SerializableString SUBTOTAL = new SerializedString("subtotal");
    private static final SerializableString TAX_AMOUNT = new SerializedString("tax_amount");
    private static final SerializableString TAX_ID = new SerializedString("tax_id");
    private static final SerializableString TAX_RATE = new SerializedString("tax_rate");
    private static final SerializableString TOTAL_AMOUNT = new SerializedString("total_amount");
    private static final SerializableString UNIT_PRICE = new SerializedString("unit_price");
    private static final SerializableString VENDOR = new SerializedString("vendor");
    private static final SerializableString VENDOR_ID = new SerializedString("vendor_id");
    private static final SerializableString ZIP = new SerializedString("zip");

    private static final SerializableString INVOICE = new SerializedString("invoice");
    private static final SerializableString MULESOFT = new SerializedString("mulesoft");
    /** Table values pre-encoded too: escaping strings char by char was the largest cost of rendering. */
    /** Keyed by identity: an invoice holds the very table strings, and identity lookups skip hashing the text. */
    private static final Map<String, SerializableString> VOCABULARY = InvoiceFactory.vocabulary()
            .collect(Collectors.toMap(Function.identity(), SerializedString::new, (a, b) -> a, IdentityHashMap::new));

    /** The vendor objects pre-rendered whole, by identity of the factory's vendor instances. */
    private static final Map<Invoice.Vendor, SerializableString> VENDOR_JSON = InvoiceFactory.vendors().stream()
            .collect(Collectors.toMap(Function.identity(), InvoiceJson::renderVendor, (a, b) -> a,
                    IdentityHashMap::new));

    private InvoiceJson() {
    }

    /** Writes the invoice's properties into the object the generator is currently in (no start/end of object). */
    public static void writeProperties(JsonGenerator g, Invoice invoice) {
        g.writeName(RECORD_TYPE);
        g.writeString(INVOICE);
        g.writeName(SOURCE_SYSTEM);
        g.writeString(MULESOFT);
        g.writeName(INVOICE_ID);
        g.writeString(invoice.invoiceId());
        g.writeName(VENDOR);
        SerializableString vendorJson = VENDOR_JSON.get(invoice.vendor());
        if (vendorJson != null) {
            g.writeRawValue(vendorJson);
        } else {
            writeVendor(g, invoice.vendor());
        }
        g.writeName(BILLING_ADDRESS);
        g.writeStartObject();
        g.writeName(STREET);
        g.writeString(invoice.billingAddress().street());
        g.writeName(CITY);
        writeString(g, invoice.billingAddress().city());
        g.writeName(STATE);
        writeString(g, invoice.billingAddress().state());
        g.writeName(ZIP);
        g.writeString(invoice.billingAddress().zip());
        g.writeName(COUNTRY);
        writeString(g, invoice.billingAddress().country());
        g.writeEndObject();
        g.writeName(INVOICE_DATE);
        g.writeString(invoice.invoiceDate().toString());
        g.writeName(DUE_DATE);
        g.writeString(invoice.dueDate().toString());
        g.writeName(CURRENCY);
        writeString(g, invoice.currency());
        g.writeName(LINE_ITEMS);
        g.writeStartArray();
        for (LineItem item : invoice.lineItems()) {
            g.writeStartObject();
            g.writeName(DESCRIPTION);
        writeString(g, item.description());
            g.writeName(QUANTITY);
        g.writeNumber(item.quantity());
            g.writeName(UNIT_PRICE);
            writeDecimal(g, item.unitPriceCents(), 2);
            g.writeName(LINE_TOTAL);
            writeDecimal(g, item.lineTotalCents(), 2);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeName(SUBTOTAL);
        writeDecimal(g, invoice.subtotalCents(), 2);
        g.writeName(TAX_RATE);
        writeDecimal(g, invoice.taxRateBasisPoints(), 4);
        g.writeName(TAX_AMOUNT);
        writeDecimal(g, invoice.taxAmountCents(), 2);
        g.writeName(TOTAL_AMOUNT);
        writeDecimal(g, invoice.totalAmountCents(), 2);
        g.writeName(PAYMENT_STATUS);
        writeString(g, invoice.paymentStatus());
        g.writeName(PO_NUMBER);
        g.writeString(invoice.poNumber());
        g.writeName(NOTES);
        writeString(g, invoice.notes());
    }

    private static void writeVendor(JsonGenerator g, Invoice.Vendor vendor) {
        g.writeStartObject();
        g.writeName(NAME);
        writeString(g, vendor.name());
        g.writeName(VENDOR_ID);
        writeString(g, vendor.vendorId());
        g.writeName(TAX_ID);
        writeString(g, vendor.taxId());
        g.writeEndObject();
    }

    private static SerializableString renderVendor(Invoice.Vendor vendor) {
        var buffer = new ByteArrayOutputStream(128);
        try (JsonGenerator g = MAPPER.createGenerator(buffer)) {
            writeVendor(g, vendor);
        }
        return new SerializedString(buffer.toString(StandardCharsets.UTF_8));
    }

    private static void writeString(JsonGenerator g, String value) {
        SerializableString encoded = value == null ? null : VOCABULARY.get(value);
        if (encoded != null) {
            g.writeString(encoded);
        } else {
            g.writeString(value);
        }
    }

    /** Writes {@code value / 10^scale} as a number with exactly {@code scale} decimals, without a String per number. */
    private static void writeDecimal(JsonGenerator g, long value, int scale) {
        char[] digits = new char[DECIMAL_CHARS];
        int start = formatDecimal(value, scale, digits);
        g.writeNumber(digits, start, DECIMAL_CHARS - start);
    }

    /** Formats right-aligned into {@code into} (of {@link #DECIMAL_CHARS}); returns the first used index. */
    private static int formatDecimal(long value, int scale, char[] into) {
        int position = DECIMAL_CHARS;
        long abs = Math.absExact(value);
        for (int i = 0; i < scale || abs > 0 || position > DECIMAL_CHARS - scale - 1; i++) {
            if (i == scale) {
                into[--position] = '.';
            }
            into[--position] = (char) ('0' + abs % 10);
            abs /= 10;
        }
        if (value < 0) {
            into[--position] = '-';
        }
        return position;
    }

    /**
     * The invoice as a JSON object tree, equal to what {@link #writeProperties} renders read back with {@link #MAPPER}
     * (InvoiceFactoryTests holds the two together). Built node by node: rendering and re-parsing was most of the cost of
     * a record-of-truth answer.
     */
    public static ObjectNode toTree(Invoice invoice) {
        JsonNodeFactory nodes = MAPPER.getNodeFactory();
        ObjectNode tree = nodes.objectNode();
        tree.put(RECORD_TYPE.getValue(), INVOICE.getValue());
        tree.put(SOURCE_SYSTEM.getValue(), MULESOFT.getValue());
        tree.put(INVOICE_ID.getValue(), invoice.invoiceId());
        ObjectNode vendor = tree.putObject(VENDOR.getValue());
        vendor.put(NAME.getValue(), invoice.vendor().name());
        vendor.put(VENDOR_ID.getValue(), invoice.vendor().vendorId());
        vendor.put(TAX_ID.getValue(), invoice.vendor().taxId());
        ObjectNode address = tree.putObject(BILLING_ADDRESS.getValue());
        address.put(STREET.getValue(), invoice.billingAddress().street());
        address.put(CITY.getValue(), invoice.billingAddress().city());
        address.put(STATE.getValue(), invoice.billingAddress().state());
        address.put(ZIP.getValue(), invoice.billingAddress().zip());
        address.put(COUNTRY.getValue(), invoice.billingAddress().country());
        tree.put(INVOICE_DATE.getValue(), invoice.invoiceDate().toString());
        tree.put(DUE_DATE.getValue(), invoice.dueDate().toString());
        tree.put(CURRENCY.getValue(), invoice.currency());
        ArrayNode items = tree.putArray(LINE_ITEMS.getValue());
        for (LineItem item : invoice.lineItems()) {
            ObjectNode line = items.addObject();
            line.put(DESCRIPTION.getValue(), item.description());
            line.put(QUANTITY.getValue(), item.quantity());
            line.put(UNIT_PRICE.getValue(), BigDecimal.valueOf(item.unitPriceCents(), 2));
            line.put(LINE_TOTAL.getValue(), BigDecimal.valueOf(item.lineTotalCents(), 2));
        }
        tree.put(SUBTOTAL.getValue(), BigDecimal.valueOf(invoice.subtotalCents(), 2));
        tree.put(TAX_RATE.getValue(), BigDecimal.valueOf(invoice.taxRateBasisPoints(), 4));
        tree.put(TAX_AMOUNT.getValue(), BigDecimal.valueOf(invoice.taxAmountCents(), 2));
        tree.put(TOTAL_AMOUNT.getValue(), BigDecimal.valueOf(invoice.totalAmountCents(), 2));
        tree.put(PAYMENT_STATUS.getValue(), invoice.paymentStatus());
        tree.put(PO_NUMBER.getValue(), invoice.poNumber());
        tree.put(NOTES.getValue(), invoice.notes());
        return tree;
    }

    /** {@code value / 10^scale} as a plain decimal with exactly {@code scale} decimals (123450, 2 → 1234.50). */
    public static String decimal(long value, int scale) {
        if (scale < 1 || scale > 6) {
            throw new IllegalArgumentException("scale must be within [1, 6], was " + scale);
        }
        char[] digits = new char[DECIMAL_CHARS];
        int start = formatDecimal(value, scale, digits);
        return new String(digits, start, DECIMAL_CHARS - start);
    }

    /** The amount as a person types it, e.g. {@code $1,234.56}: the kind of string a bad upstream mapping sends. */
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
