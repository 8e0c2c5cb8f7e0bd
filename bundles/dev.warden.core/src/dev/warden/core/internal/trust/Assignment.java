package dev.warden.core.internal.trust;

/**
 * A variable assignment {@code NAME=value} or {@code NAME+=value}.
 *
 * @param append whether it is {@code +=}
 */
public record Assignment(String name, boolean append, Word value) {

	/** The assignment as written after quote removal, for display. */
	public String display() {
		return name + (append ? "+=" : "=") + value.text();
	}
}
