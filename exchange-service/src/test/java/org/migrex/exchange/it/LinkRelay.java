package org.migrex.exchange.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on localhost standing for the network link between two countries: it forwards every connection made to
 * {@link #port()} to a target port, until {@link #cut()}. While cut it behaves like a link whose packets are dropped,
 * not like a closed port: bytes sent on open connections are swallowed and never answered, new connections are
 * accepted and then hang. Clients notice only by their own time-outs, as across a real cut. {@link #restore()} then
 * drops the connections that were open during the cut (their bytes were lost, so they could not go on) and relays new
 * ones again.
 *
 * <p>Kafka clients connect to the address the broker advertises, so a Kafka broker behind the relay needs a listener
 * advertised at the relay's port ({@code LocalStack.Builder.kafkaRelayListener}); otherwise only the bootstrap
 * connection would pass through it.
 */
final class LinkRelay implements AutoCloseable {
    private final String name;
    private final ServerSocket server;
    private volatile int targetPort;
    private volatile boolean cut;
    private volatile boolean closed;
    private final List<Socket> open = new ArrayList<>();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong swallowed = new AtomicLong();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger acceptedWhileCut = new AtomicInteger();

    /** Listens on a free localhost port; {@link #forwardTo} sets the target before the first client comes. */
    LinkRelay(String name) throws IOException {
        this.name = name;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().name("relay-" + name + "-accept").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    LinkRelay forwardTo(int port) {
        this.targetPort = port;
        return this;
    }

    /** The link goes down: nothing passes any more in either direction. */
    synchronized void cut() {
        cut = true;
    }

    /** The link is back: connections of the cut are dropped, new ones pass. */
    void restore() {
        List<Socket> stale;
        synchronized (this) {
            cut = false;
            stale = List.copyOf(open);
            open.clear();
        }
        stale.forEach(LinkRelay::closeQuietly);
    }

    /** Bytes forwarded in both directions. */
    long bytesRelayed() {
        return relayed.get();
    }

    /** Bytes that came in while the link was cut and were dropped. */
    long bytesSwallowed() {
        return swallowed.get();
    }

    int connectionsAccepted() {
        return accepted.get();
    }

    int connectionsAcceptedWhileCut() {
        return acceptedWhileCut.get();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (cut) {
                // the SYN got through in this model, nothing else will: the client waits until its time-out
                acceptedWhileCut.incrementAndGet();
                track(client);
                Thread.ofPlatform().daemon().name("relay-" + name + "-blackhole").start(() -> pump(client, null));
                continue;
            }
            Socket upstream;
            try {
                upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            } catch (IOException e) {
                closeQuietly(client);
                continue;
            }
            track(client);
            track(upstream);
            Thread.ofPlatform().daemon().name("relay-" + name + "-up").start(() -> pump(client, upstream));
            Thread.ofPlatform().daemon().name("relay-" + name + "-down").start(() -> pump(upstream, client));
        }
    }

    private synchronized void track(Socket socket) {
        open.add(socket);
    }

    /** Copies {@code from} to {@code to} while the link is up, swallows while it is cut; closes both at the end. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (from) {
            InputStream in = from.getInputStream();
            OutputStream out = to == null ? null : to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (cut || out == null) {
                    swallowed.addAndGet(n);
                } else {
                    out.write(buffer, 0, n);
                    out.flush();
                    relayed.addAndGet(n);
                }
            }
        } catch (IOException e) {
            // closed by the other side, by restore() or by close()
        } finally {
            if (to != null) {
                closeQuietly(to);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        restore();
    }

    @Override
    public String toString() {
        return "relay " + name + " :" + port() + " -> :" + targetPort;
    }
}
