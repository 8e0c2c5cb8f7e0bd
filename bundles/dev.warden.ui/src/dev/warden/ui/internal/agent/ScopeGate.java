package dev.warden.ui.internal.agent;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.internal.settings.ProtectionSettings;
import dev.warden.ui.internal.Messages;

/**
 * Runs before the agent acts: asks the user to trust the projects it would work in that they have not trusted yet,
 * and returns the scope that results.
 */
public final class ScopeGate {

	private ScopeGate() {
	}

	public static AgentScope prepare(Shell shell) {
		List<IProject> candidates = AgentScope.candidates();
		List<IProject> untrusted = new ArrayList<>();
		for (IProject project : candidates) {
			if (!ProtectionSettings.isProjectTrusted(project.getName())) {
				untrusted.add(project);
			}
		}
		for (IProject project : untrusted) {
			if (MessageDialog.openQuestion(shell, Messages.Chat_projectTrustTitle,
					NLS.bind(Messages.Chat_projectTrustMessage, project.getName()))) {
				try {
					ProtectionSettings.setProjectTrusted(project.getName(), true);
				} catch (BackingStoreException e) {
					ILog.of(ScopeGate.class).error("The project trust could not be saved.", e); //$NON-NLS-1$
				}
			}
		}
		return AgentScope.of(candidates);
	}
}
