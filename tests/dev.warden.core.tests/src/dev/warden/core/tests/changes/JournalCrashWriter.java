package dev.warden.core.tests.changes;

import dev.warden.core.internal.changes.JournalChangeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.ChangeStore;
import dev.warden.core.changes.NioFileAccess;

/**
 * Child process of {@link JournalRecoveryTest}: an autopilot session that keeps changing files until it is killed.
 * Arguments: state directory, workspace, session id. Prints {@code wrote <n>} after each applied write.
 */
public final class JournalCrashWriter {

	private JournalCrashWriter() {
	}

	public static void main(String[] args) throws IOException {
		ChangeStore store = JournalChangeStore.open(Path.of(args[0]), AuditLog.NONE);
		ChangeSession session = store.openSession(args[2], "crash");
		Path workspace = Path.of(args[1]);
		Agent agent = new Agent(session, new NioFileAccess(workspace));
		for (int n = 0; n < 1_000_000; n++) {
			if (n % 7 == 0) {
				session.createCheckpoint("prompt " + n);
			}
			String path = JournalRecoveryTest.pathOf(n);
			if (n % 13 == 5 && Files.exists(workspace.resolve(path))) {
				agent.delete(path);
			} else {
				agent.write(path, JournalRecoveryTest.contentOf(n));
			}
			System.out.println("wrote " + n);
		}
		store.close();
	}
}
