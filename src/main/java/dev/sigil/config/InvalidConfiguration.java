package dev.sigil.config;

/** A configuration value that stops the start. The message names the env var and what is wrong with it. */
public class InvalidConfiguration extends RuntimeException {

    public InvalidConfiguration(String envVar, String problem) {
        super(envVar + " " + problem, null, false, false);
    }
}
