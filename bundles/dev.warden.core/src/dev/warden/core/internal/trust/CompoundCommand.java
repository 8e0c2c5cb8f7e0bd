package dev.warden.core.internal.trust;

import java.util.List;

/**
 * A subshell {@code ( … )} or a group <code>{ …; }</code> with the redirections that apply to all of it.
 *
 * @param subshell whether it is a subshell rather than a group
 */
public record CompoundCommand(boolean subshell, Script body, List<Redirect> redirects) implements Command {

	public CompoundCommand {
		redirects = List.copyOf(redirects);
	}
}
