package dev.sigil.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** What the change listener is doing, for /health/ready. */
@ApplicationScoped
public class ListenerState {

    /** The listener's states, as /health/ready names them. */
    public enum Mode {
        /** One node on H2: nothing to listen to. */
        NOT_USED("not used: one node on H2"),
        STARTING("starting"),
        /** Connected: other nodes' changes arrive as they commit. */
        LISTENING("listening"),
        /** The listener's connection is down: this node reads the changes itself every SIGIL_LISTENER_POLL_INTERVAL. */
        POLLING("polling: listener connection down");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private volatile Mode mode = Mode.STARTING;
    private volatile Instant since = Instant.now();
    private volatile String problem;
    private volatile Instant lastCatchUp;
    private volatile int lastCatchUpApplied;
    private volatile long noticesApplied;

    void moveTo(Mode next, Instant at, String why) {
        if (mode != next) {
            since = at;
        }
        mode = next;
        problem = why;
    }

    void caughtUp(Instant at, int applied) {
        lastCatchUp = at;
        lastCatchUpApplied = applied;
    }

    void noticeApplied() {
        noticesApplied++;
    }

    public Mode mode() {
        return mode;
    }

    public String label() {
        return mode.label;
    }

    public Instant since() {
        return since;
    }

    public String problem() {
        return problem;
    }

    public Instant lastCatchUp() {
        return lastCatchUp;
    }

    public int lastCatchUpApplied() {
        return lastCatchUpApplied;
    }

    public long noticesApplied() {
        return noticesApplied;
    }
}
