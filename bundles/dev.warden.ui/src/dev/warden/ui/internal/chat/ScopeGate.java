package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.resources.IProject;
import org.eclipse.swt.widgets.Shell;

import dev.warden.core.agent.AgentScope;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.protect.ProjectTrustDialog;
import dev.warden.ui.internal.trust.ProjectTrustListDialog;

/**
 * Runs before the agent acts: asks the user to trust the projects it would work in that they have not trusted yet,
 * then to accept each project's shared trusted-command list that changed since it was accepted, and returns the scope
 * that results. A project the user left untrusted ("Not Now") is not asked about again for the rest of the chat.
 */
public final class ScopeGate {

	private final Set<String> leftUntrusted = new HashSet<>();
	private String chat;

	/**
	 * @param chatId the chat the scope is for: "Not Now" holds for the rest of this chat, and a new chat asks again
	 */
	public AgentScope prepare(Shell shell, String chatId) {
		if (!chatId.equals(chat)) {
			chat = chatId;
			leftUntrusted.clear();
		}
		List<IProject> candidates = AgentScope.candidates();
		List<IProject> untrusted = new ArrayList<>();
		for (IProject project : candidates) {
			if (!WardenServices.protection().isProjectTrusted(project.getName())
					&& !leftUntrusted.contains(project.getName())) {
				untrusted.add(project);
			}
		}
		if (!untrusted.isEmpty()) {
			List<IProject> trusted = ProjectTrustDialog.ask(shell, untrusted);
			for (IProject project : untrusted) {
				if (!trusted.contains(project)) {
					leftUntrusted.add(project.getName());
				}
			}
		}
		AgentScope scope = AgentScope.of(candidates, WardenServices.protection());
		for (IProject project : scope.projects()) {
			// a shared trusted-command list is honoured only once its exact content was accepted
			ProjectTrustListDialog.confirm(shell, project);
		}
		return scope;
	}
}
