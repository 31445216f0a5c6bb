package com.autonomos.handshake.dcl.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowListEgressPolicyTests {

    private static final List<String> ALLOWED = List.of(
            "localhost:8088", "127.0.0.1:8088", "autonomos.farm", "[::1]:8088", "bücher.example", "0x7f000001:9000",
            "rebind.test", "metadata.test:80", "169.254.169.254:8080");

    private final AllowListEgressPolicy policy = new AllowListEgressPolicy(ALLOWED, host -> switch (host) {
        case "rebind.test" -> new InetAddress[] {InetAddress.getByName("127.0.0.1"), InetAddress.getByName("169.254.169.254")};
        case "metadata.test" -> new InetAddress[] {InetAddress.getByName("fd00:ec2::254")};
        case "localhost" -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        default -> throw new UnknownHostException(host);
    });

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            http://localhost:8088/api/stream/synthetic/mulesoft?chaos=true | allow | -
            http://LOCALHOST:8088/                      | allow | -
            http://localhost.:8088/                     | allow | -
            http://127.0.0.1:8088/x                     | allow | -
            https://autonomos.farm/api/stream            | allow | -
            https://autonomos.farm:8443/                 | allow | -
            HTTPS://Autonomos.Farm./                     | allow | -
            http://[::1]:8088/                          | allow | -
            http://[0:0:0:0:0:0:0:1]:8088/              | allow | -
            http://bücher.example/                      | allow | -
            http://xn--bcher-kva.example/               | allow | -
            http://0x7f000001:9000/                     | allow | -
            http://localhost:9999/                      | deny  | not on the allow-list
            http://localhost/                           | deny  | port 80 is not on the allow-list
            https://localhost/                          | deny  | port 443 is not on the allow-list
            ftp://localhost:8088/                       | deny  | scheme must be http or https
            file:///etc/passwd                          | deny  | scheme must be http or https
            javascript:alert(1)                         | deny  | scheme must be http or https
            //localhost:8088/                           | deny  | scheme must be http or https
            http://autonomos.farm@evil.example/          | deny  | must not contain user info
            http://user:secret@localhost:8088/          | deny  | must not contain user info
            http://127.1:8088/                          | deny  | encoded form of IP address 127.0.0.1
            http://0x7f000001:8088/                     | deny  | encoded form of IP address 127.0.0.1
            http://2130706433:8088/                     | deny  | encoded form of IP address 127.0.0.1
            http://0177.0.0.1:8088/                     | deny  | encoded form of IP address 127.0.0.1
            http://0x7f.0.0.1:8088/                     | deny  | encoded form of IP address 127.0.0.1
            http://127.0.0.01:8088/                     | deny  | encoded form of IP address 127.0.0.1
            http://[::ffff:127.0.0.1]:8088/             | deny  | encoded form of IP address 127.0.0.1
            http://[::ffff:7f00:1]:8088/                | deny  | encoded form of IP address 127.0.0.1
            http://[64:ff9b::7f00:1]:8088/              | deny  | encoded form of IP address
            http://169.254.169.254/latest/meta-data/    | deny  | a cloud metadata address
            http://[fd00:ec2::254]/                     | deny  | a cloud metadata address
            http://169.254.10.1/                        | deny  | a link-local address
            http://[fe80::1]/                           | deny  | a link-local address
            http://0.0.0.0:8088/                        | deny  | the unspecified address
            http://[::]:8088/                           | deny  | the unspecified address
            http://0:8088/                              | deny  | encoded form of IP address 0.0.0.0
            http://224.0.0.1/                           | deny  | a multicast address
            http://evil.example/                        | deny  | host evil.example port 80 is not on the allow-list
            http://autonomos.farm.evil.example/          | deny  | not on the allow-list
            http://1.2.3.999/                           | deny  | ends in a number but is not a valid IPv4 address
            http://%31%32%37.0.0.1:8088/                | deny  | must not be percent-encoded
            http://under_score.example/                 | deny  | not a valid host name
            http://localhost:99999/                     | deny  | out of range
            http:///no-host                             | deny  | URL has no host
            not a url                                   | deny  | URL is not valid
            """)
    void checkAllowsOnlyListedHostsAndExplainsEveryRefusal(String url, String verdict, String reason) {
        if (verdict.equals("allow")) {
            assertThat(policy.check(url).getHost()).isNotNull();
        } else {
            assertThatThrownBy(() -> policy.check(url))
                    .isInstanceOf(EgressDeniedException.class)
                    .hasMessageContaining(reason);
        }
    }

    @Test
    void checkReturnsTheNormalisedUrl() {
        assertThat(policy.check("HTTP://LocalHost.:8088/api/x?chaos=true#f").toString())
                .isEqualTo("http://localhost:8088/api/x?chaos=true#f");
        assertThat(policy.check("http://bücher.example/a").toString()).isEqualTo("http://xn--bcher-kva.example/a");
    }

    @Test
    void connectTimeResolutionRefusesAnAllowedNameThatResolvesToMetadata() {
        assertThatThrownBy(() -> policy.resolve("rebind.test", 80))
                .isInstanceOf(EgressDeniedException.class)
                .hasMessage("host rebind.test resolved to 169.254.169.254, a cloud metadata address, which is not on the allow-list");
        assertThatThrownBy(() -> policy.resolve("metadata.test", 80))
                .isInstanceOf(EgressDeniedException.class)
                .hasMessageContaining("resolved to fd00:ec2:0:0:0:0:0:254");
    }

    @Test
    void connectTimeResolutionAllowsALiterallyListedSpecialAddress() throws Exception {
        assertThat(policy.resolve("169.254.169.254", 8080)).containsExactly(InetAddress.getByName("169.254.169.254"));
        assertThat(policy.resolve("localhost", 8088)).containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void allowListEntriesThatCannotBeParsedFailFast() {
        assertThatThrownBy(() -> new AllowListEgressPolicy(List.of("localhost:http"), HostLookup.system()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("localhost:http");
    }
}
