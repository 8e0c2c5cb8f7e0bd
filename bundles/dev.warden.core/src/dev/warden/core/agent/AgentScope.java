package dev.warden.core.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;

import dev.warden.core.protect.PathDecision;
import dev.warden.core.protect.PathPolicy;
import dev.warden.core.protect.ProtectedRoot;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.settings.ProtectionSettings;

/**
 * The projects a chat session's agent may work in: open projects on the local file system that the user trusted,
 * plus, depending on the preference, untrusted ones read-only. Paths the agent gives are relative to the only
 * project (or start with its name), or start with the project's name when there are several.
 *
 * @param projects  the projects, in workspace order
 * @param readOnly  the names of those the agent may only read
 * @param sensitive the sensitive patterns that hide files in all of them
 */
public record AgentScope(List<IProject> projects, Set<String> readOnly, SensitivePatterns sensitive) {

	public AgentScope {
		projects = List.copyOf(projects);
		readOnly = Set.copyOf(readOnly);
		sensitive = sensitive == null ? SensitivePatterns.defaults() : sensitive;
	}

	/** The open projects of the workspace that are on the local file system. */
	public static List<IProject> candidates() {
		List<IProject> projects = new ArrayList<>();
		for (IProject project : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
			if (project.isAccessible() && project.getLocation() != null) {
				projects.add(project);
			}
		}
		return projects;
	}

	/** Whether the project's files live on another machine (a remote file system), which needs its own warning. */
	public static boolean isRemote(IProject project) {
		return project.getLocationURI() != null && !EFS.SCHEME_FILE.equals(project.getLocationURI().getScheme());
	}

	/** The scope for {@code projects}, honouring the user's trust: untrusted projects are left out or read-only. */
	public static AgentScope of(List<IProject> projects, ProtectionSettings protection) {
		List<IProject> included = new ArrayList<>();
		Set<String> readOnly = new TreeSet<>();
		boolean readOnlyAllowed = protection.untrustedProjects() == ProtectionSettings.UntrustedProjects.READ_ONLY;
		for (IProject project : projects) {
			if (isRemote(project) || project.getLocation() == null) {
				continue;
			}
			if (protection.isProjectTrusted(project.getName())) {
				included.add(project);
			} else if (readOnlyAllowed) {
				included.add(project);
				readOnly.add(project.getName());
			}
		}
		return new AgentScope(included, readOnly, protection.sensitivePatterns());
	}

	public boolean isEmpty() {
		return projects.isEmpty();
	}

	/** Each project's name and folder, in order. */
	public Map<String, Path> roots() {
		Map<String, Path> roots = new LinkedHashMap<>();
		for (IProject project : projects) {
			roots.put(project.getName(), project.getLocation().toFile().toPath());
		}
		return roots;
	}

	/** The policy that confines the agent to these projects and hides their protected files. */
	public PathPolicy pathPolicy() {
		List<ProtectedRoot> roots = new ArrayList<>();
		roots().forEach((name, path) -> roots.add(new ProtectedRoot(name, path)));
		return PathPolicy.of(roots, sensitive);
	}

	/** The project commands run in: the first one. */
	public IProject commandProject() {
		return projects.get(0);
	}

	/** The workspace file for a path the policy allowed. */
	public static Optional<IFile> file(PathPolicy policy, String agentPath) {
		PathDecision decision = policy.decide(agentPath);
		if (decision.path() == null) {
			return Optional.empty();
		}
		IFile file = ResourcesPlugin.getWorkspace().getRoot()
				.getFileForLocation(IPath.fromOSString(decision.path().toString()));
		return Optional.ofNullable(file);
	}

	/** The project of a path the policy resolved, for read-only checks. */
	public static Optional<String> projectOf(PathPolicy policy, String agentPath) {
		PathDecision decision = policy.decide(agentPath);
		return decision.root() == null ? Optional.empty() : Optional.of(decision.root().name());
	}
}
