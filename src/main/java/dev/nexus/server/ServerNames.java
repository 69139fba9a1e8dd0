package dev.nexus.server;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names this server answers to in a {@code Host} header: loopback addresses and {@code localhost} (browsers
 * resolve it and its subdomains to loopback without DNS, so no one can re-point them), the configured bind address
 * (or, when it is a wildcard, the machine's own interface addresses), and the names the operator lists. The port is
 * ignored: a rebound name reaches the same port anyway.
 */
public final class ServerNames {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f]*:[0-9a-f:.]*(%[0-9a-z]+)?");

    private final Set<String> names;
    private final Set<InetAddress> addresses;
    private final boolean any;

    private ServerNames(Set<String> names, Set<InetAddress> addresses, boolean any) {
        this.names = names;
        this.addresses = addresses;
        this.any = any;
    }

    /**
     * @param bindHost the configured {@code HOST}
     * @param allowed further names ({@code NEXUS_ALLOWED_HOSTS}); {@code *} accepts every name
     */
    public static ServerNames of(String bindHost, List<String> allowed) {
        Set<String> names = new HashSet<>();
        boolean any = false;
        for (String name : allowed) {
            if (name.equals("*")) {
                any = true;
            } else {
                names.add(normalise(name));
            }
        }
        Set<InetAddress> addresses = new HashSet<>();
        String bind = normalise(bindHost);
        InetAddress bound = literal(bind);
        if (bound != null && bound.isAnyLocalAddress()) {
            addresses.addAll(interfaceAddresses());
        } else if (bound != null) {
            addresses.add(bound);
        } else {
            names.add(bind);
        }
        return new ServerNames(Set.copyOf(names), Set.copyOf(addresses), any);
    }

    /** Whether a {@code Host} header value (name or address, with or without a port) names this server. */
    public boolean accepts(String hostHeader) {
        if (any) {
            return true;
        }
        String host = normalise(withoutPort(hostHeader.trim()));
        if (host.equals("localhost") || host.endsWith(".localhost") || names.contains(host)) {
            return true;
        }
        InetAddress address = literal(host);
        return address != null && (address.isLoopbackAddress() || addresses.contains(address));
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        // More than one colon without brackets is a bare IPv6 address, not host:port.
        return colon < 0 || host.indexOf(':', colon + 1) >= 0 ? host : host.substring(0, colon);
    }

    private static String normalise(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The address an IP literal stands for, or null for a name; never asks DNS. */
    private static InetAddress literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4.matcher(bare).matches() && !IPV6.matcher(bare).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Set<InetAddress> interfaceAddresses() {
        Set<InetAddress> found = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                found.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // No interface list: only loopback, HOST and the listed names are accepted.
        }
        return found;
    }
}
