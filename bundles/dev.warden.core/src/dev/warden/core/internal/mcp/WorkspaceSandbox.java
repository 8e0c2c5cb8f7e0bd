package dev.warden.core.internal.mcp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;

import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.sandbox.SandboxSpec;
import dev.warden.core.settings.ProtectionSettings;

/**
 * The sandbox a stdio MCP server runs in: every open project of the workspace as a root (each with its masks and the
 * masked files it lets commands read), the standard masks with the workspace {@code .metadata} and the user's list,
 * and the hosts commands may reach. A server serves the whole workspace, not one chat's scope.
 */
final class WorkspaceSandbox {

	private WorkspaceSandbox() {
	}

	static SandboxSpec spec(ProtectionSettings protection) {
		List<ProtectedRoot> roots = new ArrayList<>();
		List<Path> folders = new ArrayList<>();
		for (IProject project : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
			IPath location = project.getLocation();
			if (project.isOpen() && location != null) {
				folders.add(location.toFile().toPath().toAbsolutePath().normalize());
				roots.add(new ProtectedRoot(project.getName(), folders.get(folders.size() - 1)));
			}
		}
		// a project inside another project's folder is covered by the outer one
		List<ProtectedRoot> outer = new ArrayList<>();
		for (int i = 0; i < roots.size(); i++) {
			boolean inside = false;
			for (int j = 0; j < roots.size(); j++) {
				if (i != j && folders.get(i).startsWith(folders.get(j)) && !folders.get(i).equals(folders.get(j))) {
					inside = true;
				}
			}
			if (!inside) {
				outer.add(roots.get(i));
			}
		}
		Path workspace = ResourcesPlugin.getWorkspace().getRoot().getLocation().toFile().toPath();
		if (outer.isEmpty()) {
			outer.add(new ProtectedRoot("workspace", workspace)); //$NON-NLS-1$
		}
		Path home = Path.of(System.getProperty("user.home")); //$NON-NLS-1$
		List<Path> masked = new ArrayList<>(SandboxSpec.standardMasks(outer, home,
				List.copyOf(protection.names(ProtectionSettings.SANDBOX_MASKED))));
		Path metadata = workspace.resolve(".metadata"); //$NON-NLS-1$
		if (!masked.contains(metadata)) {
			masked.add(metadata);
		}
		Set<Path> readable = new HashSet<>();
		for (ProtectedRoot root : outer) {
			for (String file : protection.names(ProtectionSettings.SANDBOX_READABLE_PREFIX + root.name())) {
				readable.add(root.path().resolve(file).toAbsolutePath().normalize());
			}
		}
		return new SandboxSpec(outer, protection.sensitivePatterns(), masked, readable,
				protection.names(ProtectionSettings.SANDBOX_HOSTS), false);
	}
}
