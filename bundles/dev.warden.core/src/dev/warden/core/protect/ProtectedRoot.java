package dev.warden.core.protect;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder the agent is confined to, typically one workspace project.
 *
 * @param name the name the agent uses for it as the first segment of a relative path when a session has several
 *             roots (the project name)
 * @param path where it is on disk
 */
public record ProtectedRoot(String name, Path path) {

	public ProtectedRoot {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(path, "path");
	}

	/** A root named after its folder. */
	public static ProtectedRoot of(Path path) {
		Path name = path.toAbsolutePath().normalize().getFileName();
		return new ProtectedRoot(name == null ? path.toString() : name.toString(), path);
	}
}
