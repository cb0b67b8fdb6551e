package dev.sigil.config;

import java.util.List;

/**
 * Configuration that stops the start. Each problem names the env var and what is wrong with it; a configuration
 * with several bad values carries all of them, so that one start names every one.
 */
public class InvalidConfiguration extends RuntimeException {

    private final List<String> problems;

    public InvalidConfiguration(String envVar, String problem) {
        this(List.of(envVar + " " + problem));
    }

    public InvalidConfiguration(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** One line per bad value, each starting with the env var's name. */
    public List<String> problems() {
        return problems;
    }
}
