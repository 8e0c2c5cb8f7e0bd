package dev.warden.core.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A project's instructions for the model: an {@code AGENTS.md} at the project's root, or in a folder of it for work
 * under that folder. It is text a cloned repository speaks to the model with, so it counts only after the user
 * accepted exactly this content, keyed by {@link #contentHash()}.
 *
 * @param project the project's name
 * @param path    the file's path in the project, with '/' (e.g. {@code AGENTS.md}, {@code web/AGENTS.md})
 * @param content the file's text
 */
public record InstructionFile(String project, String path, String content) {

	/** The name of the file that holds a project's instructions, the convention shared by other coding tools. */
	public static final String NAME = "AGENTS.md"; //$NON-NLS-1$

	/** Roughly how many characters make one token; the same rough measure as the prompt window's. */
	private static final int CHARS_PER_TOKEN = 4;

	public InstructionFile {
		Objects.requireNonNull(project, "project"); //$NON-NLS-1$
		Objects.requireNonNull(path, "path"); //$NON-NLS-1$
		content = content == null ? "" : content; //$NON-NLS-1$
	}

	/** @return the folder of the project the file speaks for, with a trailing '/', or empty for the whole project */
	public String folder() {
		int slash = path.lastIndexOf('/');
		return slash < 0 ? "" : path.substring(0, slash + 1); //$NON-NLS-1$
	}

	/** @return e.g. {@code shop/web/AGENTS.md} */
	public String label() {
		return project + '/' + path;
	}

	/** @return about how many tokens the file adds to every request */
	public long tokens() {
		return (content.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
	}

	/** @return the SHA-256 (hex) of the exact content: what an acceptance is keyed by */
	public String contentHash() {
		try {
			return HexFormat.of().formatHex(
					MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8))); //$NON-NLS-1$
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-256", e); //$NON-NLS-1$
		}
	}
}
