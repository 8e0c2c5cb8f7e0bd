package dev.warden.core.agent;

import java.util.List;
import java.util.function.Consumer;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.provider.ProviderException;

/**
 * Assembles the agent of one chat session from Warden's services: the model from the model settings, the tools, and
 * the one gateway every tool call passes, fed by the policies (confinement and invisible files, trusted commands, URL
 * rules) for the projects of an {@link AgentScope}. An OSGi service; the IDE only shows what it builds.
 */
public interface AgentFactory {

	/**
	 * Builds everything an {@link AgentSession} works with.
	 *
	 * @param scope     the projects the agent may work in
	 * @param approvals how the agent asks the user
	 * @param audit     where every decision and action is recorded
	 * @param changes   how file changes are carried out and recorded
	 * @throws ProviderException when the model settings cannot be used
	 */
	AgentSetup create(AgentScope scope, Approvals approvals, AuditLog audit, SessionChanges changes) throws ProviderException;

	/**
	 * The plain way of carrying out a session's changes: each change recorded in {@code session}'s journal, then
	 * performed as a refactoring change; a command's changes found when it ends.
	 *
	 * @param beforeApply runs before each change is performed (may be a no-op)
	 * @param applied     receives the journal's write records of each change performed, and an empty list once a change
	 *                    failed, so that whatever {@code beforeApply} began always ends (may be a no-op)
	 */
	SessionChanges journalChanges(ChangeSession session, Runnable beforeApply, Consumer<List<Long>> applied);
}
