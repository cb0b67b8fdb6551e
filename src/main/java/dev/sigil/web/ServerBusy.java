package dev.sigil.web;

import java.util.Map;

/** 503 + {@code Retry-After}: every password-hash slot stayed busy for the whole wait (the hash bulkhead). */
public class ServerBusy extends SigilException {

    public ServerBusy() {
        super(503, "temporarily_unavailable", "Server busy",
                "Too many logins are being checked at once. Retry shortly.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", "1");
    }
}
