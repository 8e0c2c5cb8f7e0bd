package dev.warden.core.internal.trust;

import java.util.List;

/** Commands joined by {@code |} or {@code |&}; all of them run. */
public record Pipeline(List<Command> commands) {

	public Pipeline {
		commands = List.copyOf(commands);
	}
}
