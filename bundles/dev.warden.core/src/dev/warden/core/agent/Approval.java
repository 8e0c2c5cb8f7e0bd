package dev.warden.core.agent;

import java.util.Set;

/**
 * The user's yes or no to a reviewed change or another action. A review of several files may approve only some of
 * them: then {@link #onlyPaths()} names the ones to apply, and the others are rejected.
 *
 * @param approved  whether to go ahead (with all files, or with {@code onlyPaths} when it is not empty)
 * @param reason    the user's reason for a rejection, passed to the model; may be empty
 * @param onlyPaths when the user approved a selection of the reviewed files: their paths as the changes gave them;
 *                  empty when the answer is about everything
 */
public record Approval(boolean approved, String reason, Set<String> onlyPaths) {

	public Approval {
		reason = reason == null ? "" : reason; //$NON-NLS-1$
		onlyPaths = onlyPaths == null ? Set.of() : Set.copyOf(onlyPaths);
		if (!approved && !onlyPaths.isEmpty()) {
			throw new IllegalArgumentException("A rejection approves no paths: " + onlyPaths); //$NON-NLS-1$
		}
	}

	/** An answer about everything that was asked. */
	public Approval(boolean approved, String reason) {
		this(approved, reason, Set.of());
	}

	public static Approval approve() {
		return new Approval(true, ""); //$NON-NLS-1$
	}

	public static Approval reject(String reason) {
		return new Approval(false, reason);
	}

	/**
	 * Approves the reviewed changes to {@code paths} only, rejecting the others (with {@code reason}); a rejection of
	 * everything when {@code paths} is empty.
	 */
	public static Approval only(Set<String> paths, String reason) {
		return paths.isEmpty() ? reject(reason) : new Approval(true, reason, paths);
	}

	/** Whether the change to {@code path} (as the change gave it) may be applied. */
	public boolean approves(String path) {
		return approved && (onlyPaths.isEmpty() || onlyPaths.contains(path));
	}
}
