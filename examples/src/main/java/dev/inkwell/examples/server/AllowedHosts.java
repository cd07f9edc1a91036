package dev.inkwell.examples.server;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names the server answers to in a request's {@code Host} header. A page on another site can make a
 * browser send requests to a loopback server by pointing its own name at 127.0.0.1 (DNS rebinding); the
 * browser then sends that site's name as the host, which this list refuses. Loopback names are always
 * allowed; others are added by {@code --allowed-host}.
 */
final class AllowedHosts {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private final Set<String> names = new TreeSet<>();

    AllowedHosts(Collection<String> extra) {
        names.addAll(LOOPBACK);
        for (String name : extra) {
            names.add(normalise(name));
        }
    }

    /** Whether a request whose Host header names {@code host} (port left out) is answered. */
    boolean allows(String host) {
        return host != null && names.contains(normalise(host));
    }

    private static String normalise(String host) {
        return host.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return String.join(", ", names);
    }
}
