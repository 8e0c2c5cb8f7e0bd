package dev.warden.ui.tests.trust;

import dev.warden.core.settings.WardenPreferences;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.settings.TrustSettings;
import dev.warden.ui.internal.trust.TrustedCommandsPreferencePage;

/** A real project with a shared trust list, the workspace's trust settings reset, and the Trusted Commands page. */
final class TrustFixtures {

	private TrustFixtures() {
	}

	/** Removes every trust setting of the workspace: the lists and all acceptances. */
	static void resetWorkspaceSettings() throws BackingStoreException {
		IEclipsePreferences node = InstanceScope.INSTANCE.getNode(WardenPreferences.QUALIFIER);
		for (String key : node.keys()) {
			if (key.startsWith("trust.")) {
				node.remove(key);
			}
		}
		node.flush();
	}

	static IProject createProject(String name) throws CoreException {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
		if (project.exists()) {
			project.delete(true, true, null);
		}
		project.create(null);
		project.open(null);
		return project;
	}

	/**
	 * Writes the project's shared list into {@code .settings/dev.warden.core.prefs} through the workspace, as a
	 * checkout or a pull would bring it.
	 */
	static void writeSharedList(IProject project, String... lines) throws CoreException {
		IFolder settings = project.getFolder(".settings");
		if (!settings.exists()) {
			settings.create(true, true, null);
		}
		StringBuilder value = new StringBuilder();
		for (String line : lines) {
			value.append(line).append("\\n");
		}
		String text = "eclipse.preferences.version=1\n" + TrustSettings.PATTERNS + '=' + value + '\n';
		IFile file = settings.getFile(WardenPreferences.QUALIFIER + ".prefs");
		ByteArrayInputStream content = new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
		if (file.exists()) {
			file.setContents(content, true, false, null);
		} else {
			file.create(content, true, null);
		}
	}

	/** Opens Window > Preferences on the Trusted Commands page, without blocking. */
	static PreferenceDialog openPage(int width, int height) {
		PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(
				PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), TrustedCommandsPreferencePage.PAGE_ID,
				null, null);
		dialog.setBlockOnOpen(false);
		dialog.open();
		dialog.getShell().setSize(width, height);
		TrustedCommandsPreferencePage page = (TrustedCommandsPreferencePage) dialog.getSelectedPage();
		page.setBlockOnOpen(false);
		return dialog;
	}
}
