package dev.warden.core.tests.changes;

import java.io.IOException;
import java.util.Optional;

import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.FileAccess;
import dev.warden.core.changes.WriteMark;

/**
 * Plays the agent's file tools the way the IDE integration does: record the write in the session, perform it, mark
 * it applied.
 */
final class Agent {

	private final ChangeSession session;
	private final FileAccess files;

	Agent(ChangeSession session, FileAccess files) {
		this.session = session;
		this.files = files;
	}

	/** Writes {@code content} to {@code path} (creating it), or deletes it for {@code null}. */
	long write(String path, byte[] content) throws IOException {
		Optional<byte[]> before = files.read(path);
		long id = session.recordAgentWrite(path, before.orElse(null), content, "edit " + path);
		if (content == null) {
			files.delete(path);
		} else {
			files.write(path, content);
		}
		session.mark(id, WriteMark.APPLIED);
		return id;
	}

	long write(String path, String content) throws IOException {
		return write(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	long delete(String path) throws IOException {
		return write(path, (byte[]) null);
	}
}
