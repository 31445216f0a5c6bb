package com.autonomos.handshake.contracts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a problem's {@code errors} list (RFC 9457 section 3's style): what is wrong ({@code detail}) and where,
 * either in the body as a JSON Pointer fragment ({@code "#/policy/source_of_truth_url"}) or in a query or path
 * {@code parameter} ({@code "limit"}). Exactly one of {@code pointer} and {@code parameter} is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemError(String pointer, String parameter, String detail) {

    /**
     * An invalid body field, named by its dotted path as the wire spells it ({@code policy.source_of_truth_url},
     * {@code line_items[0].quantity}); the empty path is the body as a whole.
     */
    public static ProblemError field(String path, String detail) {
        return new ProblemError(pointer(path), null, detail);
    }

    /** An invalid query or path parameter. */
    public static ProblemError parameter(String name, String detail) {
        return new ProblemError(null, name, detail);
    }

    /** {@code a.b[2].c} as the JSON Pointer fragment {@code #/a/b/2/c} (RFC 6901, with its escapes). */
    static String pointer(String path) {
        if (path == null || path.isEmpty()) {
            return "#";
        }
        StringBuilder pointer = new StringBuilder("#");
        for (String token : path.replace("[", ".").replace("]", "").split("\\.")) {
            if (!token.isEmpty()) {
                pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
            }
        }
        return pointer.toString();
    }
}
