package org.migrex.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Ports on the loopback interface. */
final class FreePorts {

    private FreePorts() {
    }

    /** A port that was free on localhost a moment ago (another process may still take it before we bind it). */
    static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalStackException("Cannot find a free port on localhost: " + e.getMessage(), e);
        }
    }

    /** {@code requested} if it is not 0, else a free port; fails when a requested port is already in use. */
    static int resolve(int requested, String what) {
        if (requested < 0 || requested > 65535) {
            throw new IllegalArgumentException(what + " port must be 0 (any free port) or 1..65535, was " + requested);
        }
        if (requested == 0) {
            return any();
        }
        requireFree(requested, what);
        return requested;
    }

    static void requireFree(int port, String what) {
        if (isListening(port)) {
            throw new LocalStackException(what + " port " + port + " on localhost is already in use by another process");
        }
    }

    static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
