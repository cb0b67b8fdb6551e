package dev.sigil.web;

/** 400: the request is well formed but breaks a rule (password policy, username syntax). */
public class ValidationFailed extends SigilException {
    public ValidationFailed(String detail) {
        super(400, "invalid_request", "Validation failed", detail);
    }
}
