package com.autonomos.handshake.contracts.invoice;

import com.autonomos.handshake.contracts.ingest.DriftItem;
import com.autonomos.handshake.contracts.ingest.DriftKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The invoice schema contract: which fields a record must have, of which types. {@link #check} lists every departure
 * as a drift item, in contract order. The Farm's chaos tags ({@code _chaos_injected}, {@code _drift_type}) are never
 * consulted, and unknown extra fields are neither rejected nor reported.
 *
 * <p>The rules:
 * <ul>
 *   <li>{@code invoice_id}: a string {@code INV-} followed by one or more ASCII digits; another string is
 *       {@code invalid}.</li>
 *   <li>{@code vendor}: an object with string {@code vendor_id} and {@code name}.</li>
 *   <li>{@code billing_address}: an object with string {@code street}, {@code city}, {@code state}, {@code zip},
 *       {@code country}.</li>
 *   <li>{@code invoice_date}, {@code due_date}: ISO-8601 date ({@code 2024-03-01}) or date-time
 *       ({@code 2024-03-01T10:15:30}, optional fraction and {@code Z}/{@code ±hh:mm} offset) strings; another string
 *       is {@code invalid}.</li>
 *   <li>{@code currency}, {@code payment_status}, {@code record_type}: strings.</li>
 *   <li>{@code line_items}: an array of objects, each with numeric {@code quantity}, {@code unit_price},
 *       {@code line_total} (reported as {@code line_items[2].quantity}).</li>
 *   <li>{@code subtotal}, {@code tax_rate}, {@code tax_amount}, {@code total_amount}: JSON numbers; a numeric-looking
 *       string such as {@code "$1,234.56"} is {@code wrong_type}.</li>
 *   <li>{@code po_number}: required but nullable: missing is drift (the record of truth always carries it, and the
 *       Farm's multi-field drift removes it), {@code null} is fine, otherwise a string.</li>
 *   <li>{@code notes}: optional and nullable; when present and not null, a string.</li>
 * </ul>
 * When a parent ({@code vendor}, {@code billing_address}, {@code line_items} or one of its elements) is missing, null
 * or of the wrong type, only the parent is reported, not each of its children.
 *
 * <p>{@link #conforms(JsonParser)} is the same rules on a token stream, for a hot path that only needs to know whether
 * a record is clean and would rather not build a tree for it.
 */
public final class InvoiceContract {

    /** Top-level fields every invoice must carry with a non-null value. */
    public static final List<String> REQUIRED = List.of(
            "invoice_id", "vendor", "billing_address", "invoice_date", "due_date", "currency", "line_items",
            "subtotal", "tax_rate", "tax_amount", "total_amount", "payment_status", "record_type");

    /** Fields every invoice must carry that may be null. */
    public static final List<String> REQUIRED_NULLABLE = List.of("po_number");

    /** Fields that may be absent or null, but are strings when set. */
    public static final List<String> OPTIONAL_NULLABLE = List.of("notes");

    public static final List<String> VENDOR_FIELDS = List.of("vendor_id", "name");
    public static final List<String> BILLING_ADDRESS_FIELDS = List.of("street", "city", "state", "zip", "country");
    public static final List<String> LINE_ITEM_FIELDS = List.of("quantity", "unit_price", "line_total");

    /** How much of an offending value a drift item quotes. */
    public static final int OBSERVED_LIMIT = 200;

    private static final String INVOICE_ID_PREFIX = "INV-";

    /**
     * The top-level fields {@link #conforms(JsonParser)} checks, each with its bit in a mask of the fields seen: the
     * required ones first, so that "every required field seen" is one comparison with {@link #REQUIRED_SEEN}.
     */
    private static final Map<String, Integer> CHECKED_FIELD_BITS = new HashMap<>();
    private static final int REQUIRED_SEEN;

    static {
        List<String> checked = new ArrayList<>(REQUIRED);
        checked.addAll(REQUIRED_NULLABLE);
        REQUIRED_SEEN = (1 << checked.size()) - 1;
        checked.addAll(OPTIONAL_NULLABLE);
        for (int i = 0; i < checked.size(); i++) {
            CHECKED_FIELD_BITS.put(checked.get(i), 1 << i);
        }
    }

    private InvoiceContract() {
    }

    /**
     * Every departure of {@code record} from the contract; an empty immutable list when it conforms (the common case
     * allocates nothing).
     *
     * @param record a parsed JSON object (the pipeline dead-letters non-objects before it gets here)
     * @throws IllegalArgumentException when {@code record} is null or not an object
     */
    public static List<DriftItem> check(JsonNode record) {
        if (record == null || !record.isObject()) {
            throw new IllegalArgumentException("an invoice record must be a JSON object");
        }
        List<DriftItem> drift = null;
        drift = checkInvoiceId(record.get("invoice_id"), drift);
        drift = checkObject(record.get("vendor"), "vendor", VENDOR_FIELDS, drift);
        drift = checkObject(record.get("billing_address"), "billing_address", BILLING_ADDRESS_FIELDS, drift);
        drift = checkDate(record.get("invoice_date"), "invoice_date", drift);
        drift = checkDate(record.get("due_date"), "due_date", drift);
        drift = checkString(record.get("currency"), "currency", false, drift);
        drift = checkLineItems(record.get("line_items"), drift);
        drift = checkNumber(record.get("subtotal"), "subtotal", drift);
        drift = checkNumber(record.get("tax_rate"), "tax_rate", drift);
        drift = checkNumber(record.get("tax_amount"), "tax_amount", drift);
        drift = checkNumber(record.get("total_amount"), "total_amount", drift);
        drift = checkString(record.get("payment_status"), "payment_status", false, drift);
        drift = checkString(record.get("record_type"), "record_type", false, drift);
        drift = checkString(record.get("po_number"), "po_number", true, drift);
        JsonNode notes = record.get("notes");
        if (notes != null && !notes.isNull() && !notes.isString()) {
            drift = add(drift, "notes", DriftKind.WRONG_TYPE, notes);
        }
        return drift == null ? List.of() : drift;
    }

    /**
     * Whether the JSON object whose {@code START_OBJECT} is the parser's current token conforms to the contract: true
     * exactly when {@link #check} of that object's tree would find no drift. Reads through the object's
     * {@code END_OBJECT} when it conforms; stops at the first departure and answers false otherwise, leaving the
     * parser inside the object (the caller then builds a tree and asks {@link #check} what the departures are).
     *
     * <p>A contract field named twice in one object (at the top, in {@code vendor}, {@code billing_address} or a line
     * item) answers false: a tree keeps only the last value, so whether that one conforms is for {@link #check} to
     * say. Duplicates of other fields are not the contract's business; a caller that needs the whole text unique asks
     * its parser for {@code StreamReadFeature.STRICT_DUPLICATE_DETECTION}.
     *
     * @throws tools.jackson.core.JacksonException when the text is not well-formed JSON or breaks the parser's limits
     */
    public static boolean conforms(JsonParser parser) {
        if (!parser.hasToken(JsonToken.START_OBJECT)) {
            return false;
        }
        int seen = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            Integer bit = CHECKED_FIELD_BITS.get(name);
            if (bit == null) {
                parser.skipChildren(); // an extra field: neither rejected nor reported
                continue;
            }
            if ((seen & bit) != 0 || !conformsAt(name, value, parser)) {
                return false;
            }
            seen |= bit;
        }
        return (seen & REQUIRED_SEEN) == REQUIRED_SEEN;
    }

    /** The rule of one top-level field, as {@link #check} applies it, on the field's first value token. */
    private static boolean conformsAt(String field, JsonToken value, JsonParser parser) {
        return switch (field) {
            case "invoice_id" -> value == JsonToken.VALUE_STRING && isInvoiceId(parser.getString());
            case "vendor" -> value == JsonToken.START_OBJECT && childrenConform(parser, VENDOR_FIELDS, false);
            case "billing_address" ->
                    value == JsonToken.START_OBJECT && childrenConform(parser, BILLING_ADDRESS_FIELDS, false);
            case "invoice_date", "due_date" ->
                    value == JsonToken.VALUE_STRING && isIsoDateOrDateTime(parser.getString());
            case "line_items" -> value == JsonToken.START_ARRAY && lineItemsConform(parser);
            case "subtotal", "tax_rate", "tax_amount", "total_amount" -> value.isNumeric();
            case "po_number", "notes" -> value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL;
            default -> value == JsonToken.VALUE_STRING; // currency, payment_status, record_type
        };
    }

    /** Each element an object whose {@link #LINE_ITEM_FIELDS} are numbers; through the array's {@code END_ARRAY}. */
    private static boolean lineItemsConform(JsonParser parser) {
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            if (item != JsonToken.START_OBJECT || !childrenConform(parser, LINE_ITEM_FIELDS, true)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the object at the parser has every one of {@code children}, once, each a string (or a number when
     * {@code numeric}); other members are skipped. Reads through the object's {@code END_OBJECT} when it conforms.
     */
    private static boolean childrenConform(JsonParser parser, List<String> children, boolean numeric) {
        int seen = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            int child = children.indexOf(name); // two to five names: a scan beats a hash
            if (child < 0) {
                parser.skipChildren();
                continue;
            }
            boolean typed = numeric ? value.isNumeric() : value == JsonToken.VALUE_STRING;
            if ((seen & (1 << child)) != 0 || !typed) {
                return false;
            }
            seen |= 1 << child;
        }
        return seen == (1 << children.size()) - 1;
    }

    /** Whether {@code value} is a usable invoice id ({@code INV-} and one or more ASCII digits), without a regex. */
    public static boolean isInvoiceId(String value) {
        if (value == null || value.length() <= INVOICE_ID_PREFIX.length() || !value.startsWith(INVOICE_ID_PREFIX)) {
            return false;
        }
        for (int i = INVOICE_ID_PREFIX.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code value} is an ISO-8601 calendar date ({@code yyyy-MM-dd}) or local/offset date-time
     * ({@code yyyy-MM-ddTHH:mm[:ss[.f{1,9}]][Z|±hh[:mm]]}) with real month/day/hour ranges. Hand-written so the hot
     * path neither compiles a pattern nor throws.
     */
    public static boolean isIsoDateOrDateTime(String value) {
        int n = value.length();
        if (n < 10 || !digits(value, 0, 4) || value.charAt(4) != '-' || !digits(value, 5, 2) || value.charAt(7) != '-'
                || !digits(value, 8, 2)) {
            return false;
        }
        int year = number(value, 0, 4);
        int month = number(value, 5, 2);
        int day = number(value, 8, 2);
        if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
            return false;
        }
        if (n == 10) {
            return true;
        }
        if (value.charAt(10) != 'T' || n < 16 || !digits(value, 11, 2) || value.charAt(13) != ':' || !digits(value, 14, 2)
                || number(value, 11, 2) > 23 || number(value, 14, 2) > 59) {
            return false;
        }
        int i = 16;
        if (i < n && value.charAt(i) == ':') {
            if (i + 3 > n || !digits(value, i + 1, 2) || number(value, i + 1, 2) > 59) {
                return false;
            }
            i += 3;
            if (i < n && value.charAt(i) == '.') {
                int start = ++i;
                while (i < n && isDigit(value.charAt(i))) {
                    i++;
                }
                if (i == start || i - start > 9) {
                    return false;
                }
            }
        }
        if (i == n) {
            return true;
        }
        char zone = value.charAt(i);
        if (zone == 'Z') {
            return i + 1 == n;
        }
        if (zone != '+' && zone != '-') {
            return false;
        }
        int rest = n - i - 1;
        if (rest == 2) {
            return digits(value, i + 1, 2) && number(value, i + 1, 2) <= 18;
        }
        if (rest == 4) {
            return digits(value, i + 1, 4) && number(value, i + 1, 2) <= 18 && number(value, i + 3, 2) <= 59;
        }
        return rest == 5 && digits(value, i + 1, 2) && value.charAt(i + 3) == ':' && digits(value, i + 4, 2)
                && number(value, i + 1, 2) <= 18 && number(value, i + 4, 2) <= 59;
    }

    /** The offending value as compact JSON text, cut to {@link #OBSERVED_LIMIT} characters. */
    public static String observed(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return null;
        }
        String text;
        if (value.isString()) {
            // quote only the part we keep: a hostile 10 MB string is not serialized whole
            String s = value.stringValue();
            text = s.length() > OBSERVED_LIMIT ? "\"" + s.substring(0, OBSERVED_LIMIT) : value.toString();
        } else {
            text = value.toString();
        }
        return text.length() > OBSERVED_LIMIT ? text.substring(0, OBSERVED_LIMIT) : text;
    }

    private static List<DriftItem> checkInvoiceId(JsonNode value, List<DriftItem> drift) {
        if (value == null) {
            return add(drift, "invoice_id", DriftKind.MISSING, null);
        }
        if (value.isNull()) {
            return add(drift, "invoice_id", DriftKind.NULL, value);
        }
        if (!value.isString()) {
            return add(drift, "invoice_id", DriftKind.WRONG_TYPE, value);
        }
        return isInvoiceId(value.stringValue()) ? drift : add(drift, "invoice_id", DriftKind.INVALID, value);
    }

    private static List<DriftItem> checkObject(JsonNode value, String field, List<String> children,
            List<DriftItem> drift) {
        if (value == null) {
            return add(drift, field, DriftKind.MISSING, null);
        }
        if (value.isNull()) {
            return add(drift, field, DriftKind.NULL, value);
        }
        if (!value.isObject()) {
            return add(drift, field, DriftKind.WRONG_TYPE, value);
        }
        for (int i = 0; i < children.size(); i++) {
            String child = children.get(i);
            JsonNode childValue = value.get(child);
            if (childValue == null || childValue.isNull() || !childValue.isString()) {
                drift = checkString(childValue, field + '.' + child, false, drift);
            }
        }
        return drift;
    }

    private static List<DriftItem> checkString(JsonNode value, String field, boolean nullable, List<DriftItem> drift) {
        if (value == null) {
            return add(drift, field, DriftKind.MISSING, null);
        }
        if (value.isString() || (nullable && value.isNull())) {
            return drift;
        }
        return add(drift, field, value.isNull() ? DriftKind.NULL : DriftKind.WRONG_TYPE, value);
    }

    private static List<DriftItem> checkNumber(JsonNode value, String field, List<DriftItem> drift) {
        if (value == null) {
            return add(drift, field, DriftKind.MISSING, null);
        }
        if (value.isNumber()) {
            return drift;
        }
        return add(drift, field, value.isNull() ? DriftKind.NULL : DriftKind.WRONG_TYPE, value);
    }

    private static List<DriftItem> checkDate(JsonNode value, String field, List<DriftItem> drift) {
        if (value == null) {
            return add(drift, field, DriftKind.MISSING, null);
        }
        if (value.isNull()) {
            return add(drift, field, DriftKind.NULL, value);
        }
        if (!value.isString()) {
            return add(drift, field, DriftKind.WRONG_TYPE, value);
        }
        return isIsoDateOrDateTime(value.stringValue()) ? drift : add(drift, field, DriftKind.INVALID, value);
    }

    private static List<DriftItem> checkLineItems(JsonNode value, List<DriftItem> drift) {
        if (value == null) {
            return add(drift, "line_items", DriftKind.MISSING, null);
        }
        if (value.isNull()) {
            return add(drift, "line_items", DriftKind.NULL, value);
        }
        if (!value.isArray()) {
            return add(drift, "line_items", DriftKind.WRONG_TYPE, value);
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isNull()) {
                drift = add(drift, "line_items[" + i + "]", DriftKind.NULL, item);
                continue;
            }
            if (!item.isObject()) {
                drift = add(drift, "line_items[" + i + "]", DriftKind.WRONG_TYPE, item);
                continue;
            }
            for (int f = 0; f < LINE_ITEM_FIELDS.size(); f++) {
                String child = LINE_ITEM_FIELDS.get(f);
                JsonNode childValue = item.get(child);
                if (childValue == null || !childValue.isNumber()) {
                    drift = checkNumber(childValue, "line_items[" + i + "]." + child, drift);
                }
            }
        }
        return drift;
    }

    private static List<DriftItem> add(List<DriftItem> drift, String field, DriftKind kind, JsonNode value) {
        List<DriftItem> list = drift == null ? new ArrayList<>(4) : drift;
        list.add(new DriftItem(field, kind, observed(value)));
        return list;
    }

    private static boolean digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String s, int from, int count) {
        int result = 0;
        for (int i = from; i < from + count; i++) {
            result = result * 10 + (s.charAt(i) - '0');
        }
        return result;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
