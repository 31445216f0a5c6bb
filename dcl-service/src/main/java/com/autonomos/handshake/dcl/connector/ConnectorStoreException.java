package com.autonomos.handshake.dcl.connector;

/** The connector store could not read or write a configuration. */
public class ConnectorStoreException extends RuntimeException {

    public ConnectorStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
