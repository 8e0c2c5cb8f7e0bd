package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.swt.widgets.Shell;

import dev.warden.core.agent.AgentScope;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.protect.ProjectTrustDialog;
import dev.warden.ui.internal.trust.ProjectTrustListDialog;

/**
 * Runs before the agent acts: asks the user to trust the projects it would work in that they have not trusted yet
 * (a project left untrusted is asked about again at the next prompt), then to accept each project's shared
 * trusted-command list that changed since it was accepted, and returns the scope that results.
 */
public final class ScopeGate {

	private ScopeGate() {
	}

	public static AgentScope prepare(Shell shell) {
		List<IProject> candidates = AgentScope.candidates();
		List<IProject> untrusted = new ArrayList<>();
		for (IProject project : candidates) {
			if (!WardenServices.protection().isProjectTrusted(project.getName())) {
				untrusted.add(project);
			}
		}
		if (!untrusted.isEmpty()) {
			ProjectTrustDialog.ask(shell, untrusted);
		}
		AgentScope scope = AgentScope.of(candidates, WardenServices.protection());
		for (IProject project : scope.projects()) {
			// a shared trusted-command list is honoured only once its exact content was accepted
			ProjectTrustListDialog.confirm(shell, project);
		}
		return scope;
	}
}
