package dev.sigil.web;

/** Query parameters read as text and checked here, so that a bad value is a 400 problem naming it, not a 404. */
public final class QueryParams {

    private QueryParams() {
    }

    public static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequest("The query parameter " + name + " must be an integer.");
        }
    }
}
