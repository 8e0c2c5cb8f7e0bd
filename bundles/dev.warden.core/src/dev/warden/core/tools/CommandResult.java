package dev.warden.core.tools;

import java.time.Duration;

/**
 * How a command ended.
 *
 * @param exitCode  the exit code (meaningless if killed)
 * @param output    standard output and error interleaved, capped
 * @param truncated whether output was dropped
 * @param timedOut  whether the timeout killed it
 * @param cancelled whether the user's cancellation killed it
 * @param elapsed   how long it ran
 */
public record CommandResult(int exitCode, String output, boolean truncated, boolean timedOut, boolean cancelled,
		Duration elapsed) {
}
