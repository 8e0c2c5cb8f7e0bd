package dev.warden.core.tools;

/**
 * A file or directory in the workspace.
 *
 * @param path      workspace-relative, with {@code /} separators ({@code "."} for the root)
 * @param directory whether it is a directory
 * @param size      the size in bytes (0 for directories)
 * @param depth     the depth below the directory a walk started from (its children have depth 1)
 */
public record FileEntry(String path, boolean directory, long size, int depth) {
}
