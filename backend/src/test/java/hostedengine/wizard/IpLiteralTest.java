package hostedengine.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.168.1.20", "255.255.255.255", "::", "::1", "fd00::20", "FD00:0:0:0:0:0:0:20",
            "2001:db8::8a2e:370:7334", "::ffff:192.168.1.20", "1::", "1:2:3:4:5:6:7:8", "64:ff9b::10.0.0.1"})
    void literalAddressesParse(String text) {
        assertThat(IpLiteral.parse(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "manager.example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
            "1.2.3.4 ", "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "1:2:3:4:5:6:7", "12345::", "fe80::1%eth0",
            "::ffff:192.168.1", "1.2.3.4::", "[fd00::1]", "g::1", ":1::", "1::2:"})
    void anythingElseDoesNotParse(String text) {
        assertThat(IpLiteral.parse(text)).isEmpty();
    }

    @Test
    void subnetMembershipFollowsThePrefix() {
        var host = IpLiteral.WithPrefix.parse("192.168.1.5/24").orElseThrow();
        assertThat(host.contains(IpLiteral.parse("192.168.1.200").orElseThrow())).isTrue();
        assertThat(host.contains(IpLiteral.parse("192.168.2.1").orElseThrow())).isFalse();
        assertThat(host.contains(IpLiteral.parse("fd00::1").orElseThrow())).isFalse();
        var wide = IpLiteral.WithPrefix.parse("10.0.0.5/8").orElseThrow();
        assertThat(wide.contains(IpLiteral.parse("10.255.0.1").orElseThrow())).isTrue();
    }

    @Test
    void networkAndBroadcastDependOnThePrefix() {
        IpLiteral ip = IpLiteral.parse("10.0.0.127").orElseThrow();
        assertThat(ip.isBroadcastAddress(25)).isTrue();
        assertThat(ip.isBroadcastAddress(24)).isFalse();
        assertThat(IpLiteral.parse("10.0.0.128").orElseThrow().isNetworkAddress(25)).isTrue();
        assertThat(IpLiteral.parse("10.0.0.1").orElseThrow().isNetworkAddress(31)).isFalse();
        assertThat(IpLiteral.parse("fd00::ffff").orElseThrow().isBroadcastAddress(112)).isFalse();
    }

    @Test
    void malformedCidrDoesNotParse() {
        assertThat(IpLiteral.WithPrefix.parse("192.168.1.5")).isEmpty();
        assertThat(IpLiteral.WithPrefix.parse("192.168.1.5/33")).isEmpty();
        assertThat(IpLiteral.WithPrefix.parse("fd00::5/129")).isEmpty();
        assertThat(IpLiteral.WithPrefix.parse("fd00::5/64")).isPresent();
    }
}
