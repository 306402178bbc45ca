package io.accounts.bench;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator (what wrk2 does; Debian packages none): requests are due at a fixed rate whatever the
 * server answers, and each latency is counted from when its request was due, not from when a connection was free,
 * so a slow server shows as latency instead of as fewer requests (no coordinated omission). A pool of keep-alive
 * HTTP/1.1 connections takes the due requests in order.
 *
 * <p>Two threads, so that the generator costs the shared cores little: the caller's thread sleeps until each request
 * is due and writes it on an idle connection (or queues it when none is idle); one selector thread reads every
 * answer, and writes the next queued request on the connection an answer freed. (The first version, a blocking
 * thread per connection fed by a queue, cost 0.09 ms of CPU per request, five times wrk's: at 6,000 requests a second,
 * half of the service's capacity, it took 0.6 of a core of the two it shares with the service it measures.)
 *
 * <pre>java io.accounts.bench.OpenLoop URL RATE SECONDS CONNECTIONS</pre>
 * Environment: OPEN_METHOD (GET), OPEN_HEADERS ("Name: value" lines joined by '|'), OPEN_BODY (a template in which
 * {n} becomes 1..OPEN_N in turn), OPEN_N (1), OPEN_WARM_SECONDS (3: requests at the same rate first, sent and not
 * counted, so that the generator's own JIT and connections are ready). Prints one line: offered rate, requests due,
 * answered by status class, 429 and 503, errors, unfinished at the end (counted with the time they had waited), the
 * latency percentiles p50/p90/p99/p99.9/max in milliseconds, and the generator's own CPU per request.
 */
public final class OpenLoop {

    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final URI uri;
    private final String method;
    private final String headers;
    private final String body;
    private final int bodies;
    private int next;
    private final Selector selector;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: due requests (their due times) waiting for a connection, and idle connections. */
    private final ArrayDeque<Long> queued = new ArrayDeque<>();
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> connections = new ArrayList<>();
    /** Written by the selector thread only. */
    private final long[] latencies;
    private int recorded;
    private long ok;
    private long throttled;
    private long unavailable;
    private long otherStatus;
    private long errors;
    private volatile boolean stopped;
    /** Requests due before this are the warm-up (the generator's JIT and the connections): sent, not counted. */
    private volatile long measureFrom = Long.MAX_VALUE;

    private OpenLoop(URI uri, int capacity) throws IOException {
        this.uri = uri;
        this.method = env("OPEN_METHOD", "GET");
        this.headers = env("OPEN_HEADERS", "");
        this.body = System.getenv("OPEN_BODY");
        this.bodies = Integer.parseInt(env("OPEN_N", "1"));
        this.latencies = new long[capacity];
        this.selector = Selector.open();
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? otherwise : value;
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        int total = (int) Math.round(rate * seconds);
        int warm = (int) Math.round(rate * Integer.parseInt(env("OPEN_WARM_SECONDS", "3")));
        OpenLoop load = new OpenLoop(uri, total);
        for (int i = 0; i < connections; i++) {
            Connection connection = load.connect();
            load.connections.add(connection);
            load.idle.add(connection);
        }
        Thread reader = new Thread(load::read, "open-loop-reader");
        reader.setDaemon(true);
        reader.start();
        double period = 1e9 / rate;
        long first = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long start = first + (long) (warm * period);
        load.measureFrom = start;
        for (int i = -warm; i < total; i++) {
            long at = start + (long) (i * period);
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            load.send(at);
        }
        long end = start + (long) (total * period);
        long deadline = end + GRACE_NANOS;
        while (System.nanoTime() < deadline && load.outstanding()) {
            Thread.sleep(10);
        }
        load.stopped = true;
        load.selector.wakeup();
        reader.join();
        load.report(rate, total, end);
    }

    /** A due request: written on an idle connection, or queued for the next one an answer frees. */
    private void send(long at) {
        Connection connection;
        synchronized (lock) {
            connection = idle.poll();
            if (connection == null) {
                queued.add(at);
                return;
            }
        }
        connection.write(at);
    }

    /** Whether a counted request is queued or in flight. */
    private boolean outstanding() {
        synchronized (lock) {
            return !queued.isEmpty() || idle.size() < connections.size();
        }
    }

    private Connection connect() throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
        channel.configureBlocking(false);
        Connection connection = new Connection(channel);
        channel.register(selector, SelectionKey.OP_READ, connection);
        return connection;
    }

    /** The selector thread: reads answers, records them, hands each freed connection the next queued request. */
    private void read() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 << 10);
        while (!stopped) {
            try {
                selector.select(100);
            } catch (IOException e) {
                return;
            }
            for (SelectionKey key : selector.selectedKeys()) {
                Connection connection = (Connection) key.attachment();
                long at = connection.at;   // the volatile read that makes the writer's request state visible here
                int status;
                try {
                    buffer.clear();
                    int n = connection.channel.read(buffer);
                    if (n < 0) {
                        throw new IOException("closed by the server");
                    }
                    if (at == 0) {
                        throw new IOException("an answer to no request (the server is closing an idle connection)");
                    }
                    buffer.flip();
                    status = connection.parse(buffer);
                } catch (IOException | RuntimeException e) {
                    key.cancel();
                    connection.close();
                    long taken = claim(connection);
                    if (at != 0) {
                        finished(at, -1);   // the server failed the request in flight
                    } else if (taken != 0) {
                        send(taken);   // given to this connection while it was dying, never answered: sent again
                    }
                    replace(connection);
                    continue;
                }
                if (status == 0) {
                    continue;   // more of the answer to come
                }
                connection.at = 0;
                finished(at, status);
                if (connection.closeAfter) {
                    key.cancel();
                    connection.close();
                    replace(connection);
                } else {
                    free(connection);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private void free(Connection connection) {
        Long at;
        synchronized (lock) {
            at = queued.poll();
            if (at == null) {
                idle.add(connection);
                return;
            }
        }
        connection.write(at);
    }

    /**
     * Takes a failed connection out of the pool, and out of the hands of the thread that may just have taken it from
     * there: the due time of the request given to it (0 for none), which from now on no other thread sends or counts.
     */
    private long claim(Connection failed) {
        synchronized (lock) {
            idle.remove(failed);
            long at = failed.at;
            failed.at = 0;
            return at;
        }
    }

    /** A connection the server closed, or that failed, is replaced by a new one. */
    private void replace(Connection gone) {
        try {
            Connection fresh = connect();
            synchronized (lock) {
                connections.set(connections.indexOf(gone), fresh);
            }
            free(fresh);
        } catch (IOException e) {
            synchronized (lock) {
                connections.remove(gone);   // one connection fewer; the others take the load
            }
        }
    }

    private void finished(long at, int status) {
        if (at < measureFrom) {
            return;
        }
        if (recorded < latencies.length) {
            latencies[recorded++] = System.nanoTime() - at;
        }
        if (status < 0) {
            errors++;
        } else if (status == 429) {
            throttled++;
        } else if (status == 503) {
            unavailable++;
        } else if (status >= 200 && status < 400) {
            ok++;
        } else {
            otherStatus++;
        }
    }

    private byte[] request() {
        StringBuilder text = new StringBuilder(256).append(method).append(' ')
                .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            text.append('?').append(uri.getRawQuery());
        }
        text.append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        for (String header : headers.split("\\|")) {
            if (!header.isBlank()) {
                text.append(header.strip()).append("\r\n");
            }
        }
        byte[] content;
        synchronized (lock) {
            content = body == null ? null : body.replace("{n}", Integer.toString(next++ % bodies + 1))
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (content != null) {
            text.append("Content-Length: ").append(content.length).append("\r\n");
        }
        text.append("\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        if (content == null) {
            return head;
        }
        byte[] whole = Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, whole, head.length, content.length);
        return whole;
    }

    private void report(double rate, int total, long end) {
        long now = System.nanoTime();
        List<Long> waiting = new ArrayList<>();
        synchronized (lock) {
            waiting.addAll(queued);
            for (Connection connection : connections) {
                if (connection.at != 0) {
                    waiting.add(connection.at);
                }
            }
        }
        waiting.removeIf(at -> at < measureFrom);
        int answered = Math.min(recorded, latencies.length);
        int unfinished = total - answered;
        long[] all = Arrays.copyOf(latencies, answered + unfinished);
        // requests never answered count with the time they had waited: a lower bound, never left out
        for (int i = 0; i < unfinished; i++) {
            all[answered + i] = i < waiting.size() ? now - waiting.get(i) : now - end;
        }
        Arrays.sort(all);
        double cpuMs = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e6 : Double.NaN;
        System.out.printf("offered=%.1f due=%d ok=%d s429=%d s503=%d other=%d errors=%d unfinished=%d"
                        + " p50=%.2f p90=%.2f p99=%.2f p999=%.2f max=%.2f generator_ms_per_request=%.3f%n", rate, total,
                ok, throttled, unavailable, otherStatus, errors, unfinished, percentile(all, 0.50),
                percentile(all, 0.90), percentile(all, 0.99), percentile(all, 0.999),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                cpuMs / Math.max(1, total + Math.round(rate * Integer.parseInt(env("OPEN_WARM_SECONDS", "3")))));
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /**
     * One keep-alive HTTP/1.1 connection: a request written whole, its answer parsed as it arrives (status line,
     * headers, then a body by length or chunked). Owned by one thread at a time: the one that took it from the idle
     * pool, or the selector thread while an answer is read.
     */
    private final class Connection {
        private final SocketChannel channel;
        /** When the request in flight was due; 0 when none is. */
        volatile long at;
        boolean closeAfter;
        private final StringBuilder line = new StringBuilder(128);
        private State state = State.STATUS;
        private int status;
        private long length;
        private boolean chunked;
        private long left;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void write(long due) {
            ByteBuffer request = ByteBuffer.wrap(request());
            state = State.STATUS;
            line.setLength(0);
            length = -1;
            chunked = false;
            closeAfter = false;
            status = 0;
            at = due;   // last: the volatile write that publishes the fields above to the selector thread
            try {
                while (request.hasRemaining()) {
                    if (channel.write(request) == 0) {
                        Thread.onSpinWait();   // a full socket buffer: rare for a request of a few hundred bytes
                    }
                }
            } catch (IOException e) {
                // a connection the server closed while it was idle: the request goes to another one, unless the
                // selector thread, which replaces this connection, has taken it already
                if (claim(this) == due) {
                    send(due);
                }
                selector.wakeup();
            }
        }

        /** Consumes what arrived: the status once the answer is whole, else 0. */
        int parse(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                switch (state) {
                    case BODY, CHUNK -> {
                        int take = (int) Math.min(left, bytes.remaining());
                        bytes.position(bytes.position() + take);
                        left -= take;
                        if (left == 0) {
                            if (state == State.BODY) {
                                return done();
                            }
                            state = State.CHUNK_END;
                        }
                    }
                    default -> {
                        byte b = bytes.get();
                        if (b == '\r') {
                            continue;
                        }
                        if (b != '\n') {
                            line.append((char) b);
                            continue;
                        }
                        String text = line.toString();
                        line.setLength(0);
                        int answer = lineRead(text);
                        if (answer != 0) {
                            return answer;
                        }
                    }
                }
            }
            return 0;
        }

        private int lineRead(String text) throws IOException {
            switch (state) {
                case STATUS -> {
                    status = Integer.parseInt(text.substring(9, 12));
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    if (!text.isEmpty()) {
                        String lower = text.toLowerCase();
                        if (lower.startsWith("content-length:")) {
                            length = Long.parseLong(text.substring(15).strip());
                        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                            chunked = true;
                        } else if (lower.startsWith("connection:") && lower.contains("close")) {
                            closeAfter = true;
                        }
                    } else if (chunked) {
                        state = State.CHUNK_SIZE;
                    } else if (length > 0) {
                        left = length;
                        state = State.BODY;
                    } else {
                        return done();
                    }
                }
                case CHUNK_SIZE -> {
                    left = Long.parseLong(text.split(";")[0].strip(), 16);
                    state = left == 0 ? State.TRAILERS : State.CHUNK;
                }
                case CHUNK_END -> state = State.CHUNK_SIZE;
                case TRAILERS -> {
                    if (text.isEmpty()) {
                        return done();
                    }
                }
                default -> throw new IOException("unexpected state " + state);
            }
            return 0;
        }

        private int done() throws IOException {
            state = State.STATUS;
            if (status <= 0) {
                throw new IOException("no status");
            }
            return status;
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private enum State { STATUS, HEADERS, BODY, CHUNK_SIZE, CHUNK, CHUNK_END, TRAILERS }
}
