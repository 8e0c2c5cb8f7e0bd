package dev.warden.core.agent;

import java.util.Optional;

/**
 * The seam to Warden's path confinement and ignore rules for the paths tool calls name. The protection subsystem
 * implements it; the {@code WorkspaceFiles} given to the tools enforce the same rules for every path they touch.
 */
@FunctionalInterface
public interface PathRules {

	/** Allows every path (confinement is then left to the {@code WorkspaceFiles}). */
	PathRules ALLOW_ALL = (path, write) -> Optional.empty();

	/**
	 * @param path  the path as the model wrote it
	 * @param write whether the call would change the file
	 * @return why the path is refused, or empty if it is allowed
	 */
	Optional<String> refusal(String path, boolean write);
}
