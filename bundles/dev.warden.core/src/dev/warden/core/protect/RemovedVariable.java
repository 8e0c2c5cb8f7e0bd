package dev.warden.core.protect;

/**
 * An environment variable left out of a command's environment. Only its name is kept, never its value.
 *
 * @param name   the variable's name
 * @param reason the rule that removed it, e.g. {@code name contains TOKEN} or {@code not in the minimal environment}
 */
public record RemovedVariable(String name, String reason) {
}
