package dev.warden.core.protect;

import java.nio.file.Path;

/**
 * A file or folder the agent may see, as reported by {@link PathPolicy#walk} and {@link PathPolicy#list}.
 *
 * @param root         the root it lies in
 * @param relativePath its location relative to the root, with {@code /} separators
 * @param path         its absolute location
 * @param directory    whether it is a folder
 */
public record VisibleFile(ProtectedRoot root, String relativePath, Path path, boolean directory) {
}
