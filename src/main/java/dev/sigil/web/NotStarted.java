package dev.sigil.web;

/** 503: the start failed (a bad setting or an unusable database), so Sigil serves nothing until it is redeployed. */
public class NotStarted extends SigilException {

    public NotStarted() {
        super(503, "temporarily_unavailable", "Sigil did not start",
                "Sigil did not start: its configuration or its database has a problem. /health/ready and the server log"
                        + " name it; fix it, then redeploy or restart Sigil.");
    }
}
