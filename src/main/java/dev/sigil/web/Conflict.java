package dev.sigil.web;

/** 409: the resource exists already. */
public class Conflict extends SigilException {
    public Conflict(String detail) {
        super(409, null, "Conflict", detail);
    }
}
