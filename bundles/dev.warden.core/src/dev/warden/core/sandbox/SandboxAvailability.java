package dev.warden.core.sandbox;

import java.util.Objects;

/**
 * Whether commands can be sandboxed on this system.
 *
 * @param available whether they can
 * @param reason    in plain words: the mechanism when available, else what is missing and what to do about it
 */
public record SandboxAvailability(boolean available, String reason) {

	public SandboxAvailability {
		Objects.requireNonNull(reason, "reason");
	}

	public static SandboxAvailability available(String mechanism) {
		return new SandboxAvailability(true, mechanism);
	}

	public static SandboxAvailability unavailable(String reason) {
		return new SandboxAvailability(false, reason);
	}
}
