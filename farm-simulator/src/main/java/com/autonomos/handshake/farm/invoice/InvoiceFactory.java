package com.autonomos.handshake.farm.invoice;

import com.autonomos.handshake.farm.invoice.Invoice.Address;
import com.autonomos.handshake.farm.invoice.Invoice.LineItem;
import com.autonomos.handshake.farm.invoice.Invoice.Vendor;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/**
 * The record of truth: every invoice id {@code INV-nnnnnn} has exactly one pristine invoice, a pure function of a hash
 * of the id. The stream, the source endpoint and the verifier all derive their invoices from here.
 */
public final class InvoiceFactory {

    private static final LocalDate FIRST_INVOICE_DATE = LocalDate.of(2024, 1, 1);
    private static final int[] PAYMENT_TERMS_DAYS = {15, 30, 45, 60};
    private static final int[] TAX_RATES_BASIS_POINTS = {0, 500, 625, 725, 800, 825, 875, 1000};
    private static final String[] PAYMENT_STATUSES = {"pending", "paid", "overdue", "partially_paid"};

    private static final String[][] VENDORS = {
            {"Acme Industrial Supply", "VND-10001", "94-1234567"},
            {"Globex Corporation", "VND-10002", "13-9876543"},
            {"Initech Software", "VND-10003", "26-4455667"},
            {"Umbrella Logistics", "VND-10004", "47-2233445"},
            {"Stark Components", "VND-10005", "95-7788990"},
            {"Wayne Facilities Group", "VND-10006", "36-1122334"},
            {"Cyberdyne Systems", "VND-10007", "77-5566778"},
            {"Soylent Foods Inc", "VND-10008", "58-9900112"},
            {"Hooli Cloud Services", "VND-10009", "84-3344556"},
            {"Vandelay Industries", "VND-10010", "11-6677889"},
            {"Pied Piper Data", "VND-10011", "68-2211009"},
            {"Tyrell Office Products", "VND-10012", "52-8899776"},
            {"Massive Dynamic", "VND-10013", "20-4433221"},
            {"Oscorp Chemicals", "VND-10014", "39-6655443"},
            {"Wonka Catering", "VND-10015", "81-1029384"},
            {"Dunder Mifflin Paper", "VND-10016", "23-5647382"},
    };

    private static final List<Vendor> VENDOR_RECORDS = Arrays.stream(VENDORS).map(v -> new Vendor(v[0], v[1], v[2]))
            .toList();

    /** city, state, zip prefix, country, currency. */
    private static final String[][] PLACES = {
            {"San Francisco", "CA", "941", "US", "USD"},
            {"Austin", "TX", "787", "US", "USD"},
            {"Chicago", "IL", "606", "US", "USD"},
            {"New York", "NY", "100", "US", "USD"},
            {"Seattle", "WA", "981", "US", "USD"},
            {"Denver", "CO", "802", "US", "USD"},
            {"Boston", "MA", "021", "US", "USD"},
            {"Atlanta", "GA", "303", "US", "USD"},
            {"Portland", "OR", "972", "US", "USD"},
            {"Miami", "FL", "331", "US", "USD"},
            {"Toronto", "ON", "M5V", "CA", "CAD"},
            {"Vancouver", "BC", "V6B", "CA", "CAD"},
    };

    private static final String[] STREETS = {
            "Market St", "Main St", "Oak Ave", "Pine St", "Maple Dr", "Cedar Ln", "Elm St", "Lakeview Blvd",
            "Harbor Way", "Sunset Ave", "Commerce Pkwy", "Industrial Rd"};

    private static final String[] ITEMS = {
            "Consulting services", "Software license", "Cloud hosting", "Support contract", "Office supplies",
            "Network equipment", "Freight charges", "Training workshop", "Hardware maintenance", "Data migration",
            "Security audit", "Printer toner", "Ergonomic chairs", "Catering", "Travel expenses", "Storage expansion"};

    private static final String[] NOTES = {
            "Net terms per master agreement", "Partial shipment", "Rush order", "Approved by procurement",
            "Recurring monthly charge", "Includes expedited shipping"};

    private InvoiceFactory() {
    }

    /** The vendors; every invoice refers to one of these instances. */
    static List<Vendor> vendors() {
        return VENDOR_RECORDS;
    }

    /** Every string value an invoice can take from a table (not the generated ones like ids, streets or dates). */
    static Stream<String> vocabulary() {
        return Stream.of(Arrays.stream(VENDORS).flatMap(Arrays::stream), Arrays.stream(PLACES).flatMap(Arrays::stream),
                        Arrays.stream(PAYMENT_STATUSES), Arrays.stream(ITEMS), Arrays.stream(NOTES))
                .flatMap(strings -> strings);
    }

    /** Whether {@code id} has the form {@code INV-} followed by exactly six digits. */
    public static boolean isInvoiceId(String id) {
        if (id == null || id.length() != 10 || !id.startsWith("INV-")) {
            return false;
        }
        for (int i = 4; i < 10; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The id for a number in {@code [0, 999999]}. */
    public static String invoiceId(int number) {
        if (number < 0 || number > 999_999) {
            throw new IllegalArgumentException("invoice number out of range: " + number);
        }
        String digits = Integer.toString(number);
        return "INV-" + "000000".substring(digits.length()) + digits;
    }

    /** The pristine invoice for {@code invoiceId}; throws {@link IllegalArgumentException} for a malformed id. */
    public static Invoice create(String invoiceId) {
        return create(invoiceId, hash(requireInvoiceId(invoiceId)));
    }

    /**
     * An invoice with id {@code invoiceId} whose values are drawn from {@code valueSeed}, not from the id: what the
     * public Farm's stream sends, which agrees with the record of truth only by chance.
     */
    public static Invoice create(String invoiceId, long valueSeed) {
        requireInvoiceId(invoiceId);
        SplittableRandom random = new SplittableRandom(valueSeed);
        Vendor vendor = VENDOR_RECORDS.get(random.nextInt(VENDOR_RECORDS.size()));
        String[] place = PLACES[random.nextInt(PLACES.length)];
        Address address = new Address(
                (1 + random.nextInt(9998)) + " " + STREETS[random.nextInt(STREETS.length)],
                place[0], place[1], zip(place, random), place[3]);
        LocalDate invoiceDate = FIRST_INVOICE_DATE.plusDays(random.nextInt(730));
        LocalDate dueDate = invoiceDate.plusDays(PAYMENT_TERMS_DAYS[random.nextInt(PAYMENT_TERMS_DAYS.length)]);
        int itemCount = 1 + random.nextInt(4);
        List<LineItem> items = new ArrayList<>(itemCount);
        long subtotal = 0;
        for (int i = 0; i < itemCount; i++) {
            int quantity = 1 + random.nextInt(25);
            long unitPrice = 500 + random.nextInt(200_000);
            items.add(new LineItem(ITEMS[random.nextInt(ITEMS.length)], quantity, unitPrice, quantity * unitPrice));
            subtotal += quantity * unitPrice;
        }
        int taxRate = TAX_RATES_BASIS_POINTS[random.nextInt(TAX_RATES_BASIS_POINTS.length)];
        long tax = (subtotal * taxRate + 5_000) / 10_000; // half-up to the cent
        String status = PAYMENT_STATUSES[random.nextInt(PAYMENT_STATUSES.length)];
        String po = random.nextInt(10) < 7 ? "PO-" + (100_000 + random.nextInt(900_000)) : null;
        String notes = random.nextInt(10) < 4 ? NOTES[random.nextInt(NOTES.length)] : null;
        return new Invoice(invoiceId, vendor, address, invoiceDate, dueDate, place[4], items, subtotal, taxRate, tax,
                subtotal + tax, status, po, notes);
    }

    /** The record of truth for {@code invoiceId} as a JSON object (the {@code invoice} of the source endpoint). */
    public static ObjectNode recordOfTruth(String invoiceId) {
        return InvoiceJson.toTree(create(invoiceId));
    }

    private static String requireInvoiceId(String invoiceId) {
        if (!isInvoiceId(invoiceId)) {
            throw new IllegalArgumentException("not an invoice id (INV- and 6 digits): " + invoiceId);
        }
        return invoiceId;
    }

    private static String zip(String[] place, SplittableRandom random) {
        if ("CA".equals(place[3])) {
            return place[2] + " " + random.nextInt(10) + (char) ('A' + random.nextInt(26)) + random.nextInt(10);
        }
        int suffix = random.nextInt(100);
        return place[2] + (suffix < 10 ? "0" : "") + suffix;
    }

    /** SplitMix64 over the id's characters: 64 bits, stable across JVMs and releases. */
    private static long hash(String id) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < id.length(); i++) {
            h = mix(h + id.charAt(i));
        }
        return h;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
