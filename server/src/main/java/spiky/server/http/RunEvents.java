package spiky.server.http;

import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The progress of the pipeline runs this server started, as Server-Sent Events: a "progress"
 * event per report (at most a few per second), then one "finished" or "failed" event, after
 * which the stream closes. A client that connects late first gets the latest progress event.
 */
final class RunEvents {
    /** One event: its SSE name and JSON data. */
    record Event(String name, Map<String, Object> data) {
        boolean last() {
            return !name.equals("progress") && !name.equals("queued");
        }
    }

    private static final long MIN_GAP_NANOS = 250_000_000L;

    private final class Channel {
        final List<SseClient> clients = new CopyOnWriteArrayList<>();
        volatile Event latest;
        long lastSent;
    }

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    /** Opens the channel of a run that is about to start, with a first event. */
    void open(String run, Event first) {
        Channel c = new Channel();
        c.latest = first;
        channels.put(run, c);
    }

    boolean isOpen(String run) {
        return channels.containsKey(run);
    }

    /** A progress report; dropped when the previous one went out less than a quarter second ago. */
    void progress(String run, Map<String, Object> data) {
        Channel c = channels.get(run);
        if (c == null) {
            return;
        }
        synchronized (c) {
            long now = System.nanoTime();
            boolean newStage = c.latest == null || !data.get("stage").equals(c.latest.data().get("stage"));
            if (!newStage && now - c.lastSent < MIN_GAP_NANOS) {
                return;
            }
            c.lastSent = now;
            send(c, new Event("progress", data));
        }
    }

    /** The last event of a run: sent, then every client is closed and the channel removed. */
    void end(String run, Event last) {
        Channel c = channels.remove(run);
        if (c == null) {
            return;
        }
        synchronized (c) {
            send(c, last);
            c.clients.forEach(SseClient::close);
        }
    }

    /**
     * Subscribes a client to a run this server started; false when it has no open channel (the run
     * ended, or another process started it): the caller then sends the recorded outcome itself.
     */
    boolean subscribe(String run, SseClient client) {
        Channel c = channels.get(run);
        if (c == null) {
            return false;
        }
        synchronized (c) {
            if (channels.get(run) != c) {
                return false;
            }
            client.keepAlive();
            client.onClose(() -> c.clients.remove(client));
            c.clients.add(client);
            client.sendEvent(c.latest.name(), c.latest.data());
        }
        return true;
    }

    private static void send(Channel c, Event e) {
        c.latest = e;
        for (SseClient client : c.clients) {
            if (client.terminated()) {
                c.clients.remove(client);
            } else {
                client.sendEvent(e.name(), e.data());
            }
        }
    }
}
