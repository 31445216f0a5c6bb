package com.autonomos.handshake.dcl.system;

import com.autonomos.handshake.contracts.problem.ProblemType;

/**
 * An exception of a feature that knows how it is answered: its {@link ProblemType} (and so its status) and the detail
 * a client may read. {@link ProblemDetailsAdvice} renders every one the same way, without knowing the feature, so
 * {@code system} depends on no feature package.
 */
public abstract class ProblemException extends RuntimeException {

    private final ProblemType type;

    protected ProblemException(ProblemType type, String message) {
        this(type, message, null);
    }

    protected ProblemException(ProblemType type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    /** The problem's {@code detail}: by default the message; override when the message is not for clients. */
    public String detail() {
        return getMessage();
    }
}
