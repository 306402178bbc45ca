package io.accounts.throttle;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The key of a client address in per-address buckets. An IPv6 client usually holds a whole /64 (its ISP hands out
 * that much, and privacy addresses rotate inside it), so IPv6 addresses are keyed by their /64; IPv4 addresses,
 * and IPv4 mapped into IPv6, by the address.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String key(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            InetAddress parsed = InetAddress.getByName(address.startsWith("[") ? address.substring(1,
                    address.length() - 1) : address.split("%", 2)[0]);
            if (parsed instanceof Inet6Address v6) {
                byte[] bytes = v6.getAddress();
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
