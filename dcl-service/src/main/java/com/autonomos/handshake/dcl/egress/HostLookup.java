package com.autonomos.handshake.dcl.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into addresses at connect time; the system resolver in production, a fixed table in tests. */
@FunctionalInterface
interface HostLookup {

    InetAddress[] lookup(String host) throws UnknownHostException;

    static HostLookup system() {
        return InetAddress::getAllByName;
    }
}
