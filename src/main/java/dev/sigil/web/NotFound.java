package dev.sigil.web;

/** 404. */
public class NotFound extends SigilException {
    public NotFound(String detail) {
        super(404, null, "Not found", detail);
    }
}
