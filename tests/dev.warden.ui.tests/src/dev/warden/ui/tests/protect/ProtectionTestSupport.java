package dev.warden.ui.tests.protect;

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


/** Resets the protection settings and makes real workspace projects for the protection tests. */
final class ProtectionTestSupport {

	private ProtectionTestSupport() {
	}

	/** Removes every protection setting, so the core reads its defaults. */
	static void resetSettings() {
		IEclipsePreferences node = InstanceScope.INSTANCE.getNode(WardenPreferences.QUALIFIER);
		try {
			for (String key : node.keys()) {
				if (key.startsWith("protect.")) {
					node.remove(key);
				}
			}
			node.flush();
		} catch (Exception e) {
			throw new AssertionError("could not reset the protection settings", e);
		}
	}

	static IProject project(String name) throws CoreException {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
		project.create(null);
		project.open(null);
		return project;
	}

	static IFile file(IProject project, String path, String content) throws CoreException {
		IFile file = project.getFile(path);
		if (file.getParent() instanceof IFolder folder && !folder.exists()) {
			folder.create(true, true, null);
		}
		file.create(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), true, null);
		return file;
	}

	static void delete(IProject... projects) throws CoreException {
		for (IProject project : projects) {
			if (project != null && project.exists()) {
				project.delete(true, true, null);
			}
		}
	}
}
