package io.jnutcracker.config;

import io.netty.util.NetUtil;
import java.net.InetAddress;

/**
 * One entry of {@code jn_sentinel_local}: an address literal ({@code 127.0.99.11}) or a subnet in
 * CIDR form ({@code 127.0.99.0/24}, {@code fd00::/8}). Literals only: the key says where this data
 * centre is, and a DNS name there would make the answer depend on a lookup at each failover.
 *
 * @param text as written
 * @param prefix the network address's bytes (4 or 16)
 * @param bits the prefix length; 32 or 128 for a single address
 */
public record Subnet(String text, byte[] prefix, int bits) {

    public Subnet {
        prefix = prefix.clone();
    }

    static Subnet parse(String text) throws InvalidValue {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(addr);
        if (bytes == null) {
            throw new InvalidValue("has \"" + text + "\", which is not an address or address/bits");
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            int b = NcNumbers.atoi(text.substring(slash + 1));
            if (b < 0 || b > bits) {
                throw new InvalidValue("has \"" + text + "\", whose prefix length is not 0.." + bits);
            }
            bits = b;
        }
        return new Subnet(text, bytes, bits);
    }

    /** Whether {@code address} (an address literal, as Sentinel reports replicas) is in this subnet. */
    public boolean contains(String address) {
        byte[] a = NetUtil.createByteArrayFromIpAddressString(address);
        if (a == null || a.length != prefix.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((a[i / 8] & mask) != (prefix[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** The same for a resolved address. */
    public boolean contains(InetAddress address) {
        return contains(address.getHostAddress());
    }

    @Override
    public byte[] prefix() {
        return prefix.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subnet s && text.equals(s.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
