package dev.warden.core.internal.agent;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.warden.core.agent.ConversationStore;
import dev.warden.core.agent.WorkspaceState;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.audit.JsonLinesAuditLog;
import dev.warden.core.changes.ChangeStore;
import dev.warden.core.internal.changes.JournalChangeStore;

/**
 * Warden's state in the workspace's metadata ({@code .metadata/.plugins/dev.warden.core}): {@code conversations},
 * {@code changes} (the journal, opened on first use and closed with the service), {@code audit}.
 */
@Component(service = WorkspaceState.class)
public final class MetadataWorkspaceState implements WorkspaceState {

	private ChangeStore store;
	private ConversationStore conversations;

	private static Path root() {
		return Platform.getStateLocation(FrameworkUtil.getBundle(MetadataWorkspaceState.class)).toFile().toPath();
	}

	@Override
	public synchronized ConversationStore conversations() {
		if (conversations == null) {
			conversations = new ConversationStore(root().resolve("conversations")); //$NON-NLS-1$
		}
		return conversations;
	}

	@Override
	public synchronized ChangeStore changeStore() throws IOException {
		if (store == null) {
			store = JournalChangeStore.open(root().resolve("changes"), auditLog(null)); //$NON-NLS-1$
		}
		return store;
	}

	@Override
	public AuditLog auditLog(String sessionId) {
		return new JsonLinesAuditLog(auditDirectory(), sessionId,
				e -> ILog.of(MetadataWorkspaceState.class).warn("The Warden audit trail could not be written.", e)); //$NON-NLS-1$
	}

	@Override
	public Path auditDirectory() {
		return root().resolve("audit"); //$NON-NLS-1$
	}

	@Deactivate
	synchronized void deactivate() {
		if (store != null) {
			try {
				store.close();
			} catch (Exception e) {
				ILog.of(getClass()).warn("The Warden change journal could not be closed.", e); //$NON-NLS-1$
			}
			store = null;
		}
	}
}
