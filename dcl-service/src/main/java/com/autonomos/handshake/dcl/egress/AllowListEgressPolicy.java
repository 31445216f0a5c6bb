package com.autonomos.handshake.dcl.egress;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The allow-list ({@code DCL_ALLOWED_SOURCES}) as an {@link EgressPolicy}.
 *
 * <p>Entries are {@code host} (any port) or {@code host:port}; IPv6 literals in brackets ({@code [::1]:8088}).
 *
 * <p>What {@link #check} covers: scheme http/https only; a host is required; userinfo is refused
 * ({@code http://allowed@evil/}); the host is normalised (lower case, one trailing dot stripped, IDN to ASCII,
 * percent-encoded hosts refused); numeric hosts are parsed the way {@code inet_aton} does, so {@code 127.1},
 * {@code 0x7f000001}, {@code 2130706433}, {@code 0177.0.0.1} and IPv4 embedded in IPv6 ({@code [::ffff:127.0.0.1]})
 * are recognised and refused unless that exact text is on the list; the unspecified, link-local, metadata, multicast
 * and broadcast addresses are refused unless literally listed; a port missing from the URL defaults by scheme
 * (80/443) for {@code host:port} entries.
 *
 * <p>What {@link #httpClient()} adds: it never follows redirects, and its resolver checks every connection at connect
 * time: the host name must be on the list, and every address it resolves to must not be unspecified, link-local,
 * metadata, multicast or broadcast unless that address is literally listed. That defeats DNS rebinding of an allowed
 * name to a metadata endpoint between {@link #check} and the connection.
 *
 * <p>What it does not cover: a listed name that legitimately resolves to another private or loopback address is
 * trusted (listing a name trusts its DNS); an HTTP proxy configured outside this client would bypass the resolver;
 * callers that open connections without {@link #httpClient()} get only the string check. Name lookups use the
 * system resolver and block the connecting event loop thread, as Netty's default resolver does.
 */
final class AllowListEgressPolicy implements EgressPolicy {

    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final Pattern CANONICAL_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Set<String> METADATA = Set.of("169.254.169.254", "fd00:ec2:0:0:0:0:0:254", "100.100.100.200");

    private final List<Entry> entries;
    private final HostLookup lookup;
    private final HttpClient httpClient;

    AllowListEgressPolicy(List<String> allowedSources, HostLookup lookup) {
        this.entries = allowedSources.stream().map(String::strip).filter(s -> !s.isEmpty()).map(AllowListEgressPolicy::entry).toList();
        this.lookup = lookup;
        this.httpClient = httpClient(HttpResources.get());
    }

    @Override
    public URI check(String url) {
        if (url == null || url.isBlank()) {
            throw deny("URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw deny("URL is not valid: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw deny("scheme must be http or https");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            throw deny("URL has no host");
        }
        if (uri.getRawAuthority().contains("@")) {
            throw deny("URL must not contain user info");
        }
        String rawHost;
        int port;
        if (uri.getHost() != null) {
            rawHost = uri.getHost();
            port = uri.getPort();
        } else {
            // java.net.URI leaves non-ASCII (IDN) and odd hosts unparsed: split the authority ourselves.
            String authority = uri.getRawAuthority();
            int colon = authority.lastIndexOf(':');
            rawHost = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? -1 : parsePort(authority.substring(colon + 1));
        }
        Host host = parseHost(rawHost);
        int effectivePort = port == -1 ? defaultPort(scheme) : port;
        if (effectivePort < 1 || effectivePort > 65535) {
            throw deny("port " + port + " is out of range");
        }
        decide(host, effectivePort);
        String authority = host.forUri() + (port == -1 ? "" : ":" + port);
        return URI.create(scheme + "://" + authority
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
    }

    @Override
    public HttpClient httpClient() {
        return httpClient;
    }

    @Override
    public HttpClient httpClient(ConnectionProvider pool) {
        return HttpClient.create(pool).followRedirect(false).resolver(new CheckingResolverGroup());
    }

    /** The connect-time check: the host must be allowed and none of its addresses forbidden. */
    List<InetAddress> resolve(String hostText, int port) throws UnknownHostException {
        Host host = parseHost(hostText);
        decide(host, port);
        List<InetAddress> addresses = host.address() != null
                ? List.of(host.address())
                : Arrays.asList(lookup.lookup(host.text()));
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host.text());
        }
        for (InetAddress address : addresses) {
            String special = specialKind(address);
            if (special != null && !literallyListed(address, port)) {
                throw deny("host " + host.text() + " resolved to " + address.getHostAddress() + ", " + special
                        + ", which is not on the allow-list");
            }
        }
        return addresses;
    }

    private void decide(Host host, int port) {
        for (Entry entry : entries) {
            if (entry.host().equals(host.text()) && entry.matches(port)) {
                return; // literally listed: the operator asked for exactly this
            }
        }
        if (host.address() != null) {
            String canonical = host.address().getHostAddress();
            if (host.encoded()) {
                throw deny("host " + host.text() + " is an encoded form of IP address " + canonical
                        + "; only hosts written exactly as on the allow-list are allowed");
            }
            String special = specialKind(host.address());
            if (special != null) {
                throw deny("address " + canonical + " is " + special + " and is not on the allow-list");
            }
            if (literallyListed(host.address(), port)) {
                return;
            }
        }
        throw deny("host " + host.text() + " port " + port + " is not on the allow-list (DCL_ALLOWED_SOURCES)");
    }

    private boolean literallyListed(InetAddress address, int port) {
        return entries.stream().anyMatch(e -> address.equals(e.address()) && e.matches(port));
    }

    private static String specialKind(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (METADATA.contains(address.getHostAddress())) {
            return "a cloud metadata address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address && (b[0] == 0 || Arrays.equals(b, new byte[] {-1, -1, -1, -1}))) {
            return b[0] == 0 ? "in 0.0.0.0/8 (this network)" : "the broadcast address";
        }
        return null;
    }

    /** Parses and normalises a host as it appears in a URL or an allow-list entry. */
    static Host parseHost(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw deny("URL has no host");
        }
        if (raw.startsWith("[") || raw.contains(":")) {
            String literal = raw.startsWith("[") && raw.endsWith("]") ? raw.substring(1, raw.length() - 1) : raw;
            if (literal.isEmpty() || !literal.matches("[0-9a-fA-F:.]+")) {
                throw deny("host " + raw + " is not a valid IPv6 address");
            }
            InetAddress address;
            try {
                address = InetAddress.getByName(literal); // a literal with ':' is parsed, never looked up
            } catch (UnknownHostException e) {
                throw deny("host " + raw + " is not a valid IPv6 address");
            }
            boolean embedsIpv4 = address instanceof Inet4Address // ::ffff:a.b.c.d, which Java turns into IPv4
                    || (((Inet6Address) address).isIPv4CompatibleAddress() // ::a.b.c.d, but not :: and ::1
                            && !address.isAnyLocalAddress() && !address.isLoopbackAddress())
                    || isNat64(address);
            String text = address.getHostAddress();
            return new Host(embedsIpv4 ? literal.toLowerCase(Locale.ROOT) : text, address, embedsIpv4, true);
        }
        if (raw.contains("%")) {
            throw deny("host " + raw + " must not be percent-encoded");
        }
        String host = raw.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        try {
            host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw deny("host " + raw + " is not a valid host name");
        }
        if (!HOST_NAME.matcher(host).matches() || host.length() > 253) {
            throw deny("host " + raw + " is not a valid host name");
        }
        String[] labels = host.split("\\.");
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            byte[] bytes = inetAton(labels);
            if (bytes == null) {
                throw deny("host " + raw + " ends in a number but is not a valid IPv4 address");
            }
            boolean canonical = labels.length == 4
                    && Arrays.stream(labels).allMatch(l -> CANONICAL_OCTET.matcher(l).matches());
            try {
                return new Host(host, InetAddress.getByAddress(bytes), !canonical, false);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // four bytes are always a valid address
            }
        }
        return new Host(host, null, false, false);
    }

    /** IPv4 parsing as inet_aton does it: 1-4 parts, each decimal, 0x-hex or 0-octal; the last fills the rest. */
    private static byte[] inetAton(String[] parts) {
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            int radix = 10;
            if (p.startsWith("0x")) {
                p = p.substring(2);
                radix = 16;
            } else if (p.length() > 1 && p.startsWith("0")) {
                p = p.substring(1);
                radix = 8;
            }
            if (p.isEmpty() || p.length() > 11) {
                return null;
            }
            try {
                values[i] = Long.parseLong(p, radix);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[values.length - 1];
        if (last >= 1L << (8 * (5 - values.length))) {
            return null;
        }
        address |= last;
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    private static boolean isNat64(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 16 && b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
    }

    private static Entry entry(String text) {
        String hostPart = text;
        int port = -1;
        int colon = text.lastIndexOf(':');
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("allowed source '" + text + "': unclosed '['");
            }
            hostPart = text.substring(0, close + 1);
            if (close + 1 < text.length()) {
                if (text.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("allowed source '" + text + "': expected ':' after ']'");
                }
                port = parseEntryPort(text, text.substring(close + 2));
            }
        } else if (colon >= 0) {
            hostPart = text.substring(0, colon);
            port = parseEntryPort(text, text.substring(colon + 1));
        }
        try {
            Host host = parseHost(hostPart);
            return new Entry(host.text(), host.address(), port);
        } catch (EgressDeniedException e) {
            throw new IllegalArgumentException("allowed source '" + text + "': " + e.getMessage(), e);
        }
    }

    private static int parseEntryPort(String entry, String port) {
        int value = port.matches("[0-9]{1,5}") ? Integer.parseInt(port) : -1;
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("allowed source '" + entry + "': invalid port");
        }
        return value;
    }

    private static int parsePort(String port) {
        if (port.isEmpty()) {
            return -1;
        }
        if (!port.matches("[0-9]{1,5}")) {
            throw deny("port " + port + " is not a number");
        }
        return Integer.parseInt(port);
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    private static EgressDeniedException deny(String reason) {
        return new EgressDeniedException(reason);
    }

    /**
     * A normalised host.
     *
     * @param text    lower-case ASCII name, or the IP literal (canonical for IPv6, as written for encoded forms)
     * @param address the address a numeric host stands for; null for names
     * @param encoded a numeric host written in a non-canonical form (127.1, 0x7f000001, ::ffff:127.0.0.1, ...)
     */
    record Host(String text, InetAddress address, boolean encoded, boolean ipv6) {

        String forUri() {
            return ipv6 ? "[" + text + "]" : text;
        }
    }

    /** One allow-list entry; {@code port} -1 means any port. */
    private record Entry(String host, InetAddress address, int port) {

        boolean matches(int requested) {
            return port == -1 || port == requested;
        }
    }

    /** Netty resolver that sends every connection, resolved or not, through {@link #resolve}. */
    private final class CheckingResolverGroup extends AddressResolverGroup<InetSocketAddress> {

        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new AbstractAddressResolver<>(executor, InetSocketAddress.class) {

                @Override
                protected boolean doIsResolved(InetSocketAddress address) {
                    return false; // literal addresses are checked too
                }

                @Override
                protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) {
                    try {
                        promise.setSuccess(resolved(address).get(0));
                    } catch (Exception e) {
                        promise.setFailure(e);
                    }
                }

                @Override
                protected void doResolveAll(InetSocketAddress address, Promise<List<InetSocketAddress>> promise) {
                    try {
                        promise.setSuccess(resolved(address));
                    } catch (Exception e) {
                        promise.setFailure(e);
                    }
                }
            };
        }

        private List<InetSocketAddress> resolved(InetSocketAddress address) throws UnknownHostException {
            String host = address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress();
            List<InetSocketAddress> result = new ArrayList<>();
            for (InetAddress resolved : resolve(host, address.getPort())) {
                result.add(new InetSocketAddress(resolved, address.getPort()));
            }
            return result;
        }
    }
}
