package io.accounts.throttle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Per-address keys: IPv4 as it is, IPv6 by its /64 in every spelling. */
class ClientAddressTest {

    @Test
    void ipv4IsKeptAndIpv6IsCutToItsSlash64() {
        assertEquals("192.0.2.7", ClientAddress.key("192.0.2.7"));
        assertEquals("20010db800010002::/64", ClientAddress.key("2001:db8:1:2::1"));
        assertEquals(ClientAddress.key("2001:db8:1:2::1"), ClientAddress.key("2001:0db8:0001:0002:abcd:0:0:9"));
        assertEquals(ClientAddress.key("2001:db8:1:2::1"), ClientAddress.key("[2001:db8:1:2::5]"));
        assertEquals(ClientAddress.key("fe80::1"), ClientAddress.key("fe80::1%eth0"));
        assertNotEquals(ClientAddress.key("2001:db8:1:2::1"), ClientAddress.key("2001:db8:1:3::1"));
    }
}
