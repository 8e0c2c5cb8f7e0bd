package dev.warden.core.internal.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ProjectScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.trust.Acceptance;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PathGuard;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;

/**
 * Where the trusted-command lists live:
 * <ul>
 * <li>the workspace list and the deny list in the workspace's preferences of {@value #QUALIFIER};</li>
 * <li>a project's shared list in the project's {@code .settings/dev.warden.core.prefs}, so a team can commit it;</li>
 * <li>which content of each project list the user accepted (its hash) in the workspace's preferences, never in the
 * project: a cloned repository cannot accept its own list.</li>
 * </ul>
 */
public final class TrustSettings {

	public static final String QUALIFIER = "dev.warden.core"; //$NON-NLS-1$
	public static final String PATTERNS = "trust.patterns"; //$NON-NLS-1$
	public static final String DENY = "trust.deny"; //$NON-NLS-1$
	public static final String ACCEPTED_PREFIX = "trust.accepted."; //$NON-NLS-1$

	private TrustSettings() {
	}

	private static IEclipsePreferences workspace() {
		return InstanceScope.INSTANCE.getNode(QUALIFIER);
	}

	private static IEclipsePreferences project(IProject project) {
		return new ProjectScope(project).getNode(QUALIFIER);
	}

	public static String workspaceText() {
		return workspace().get(PATTERNS, ""); //$NON-NLS-1$
	}

	public static PatternList workspaceList() {
		return PatternList.parse(PatternScope.WORKSPACE, "Workspace", workspaceText()); //$NON-NLS-1$
	}

	public static void saveWorkspaceText(String text) throws BackingStoreException {
		workspace().put(PATTERNS, text);
		workspace().flush();
	}

	/** Adds patterns to the workspace list (those it does not hold yet), as "Always trust…" does. */
	public static void addWorkspacePatterns(List<String> patterns) throws BackingStoreException {
		Set<String> lines = new LinkedHashSet<>(workspaceText().lines().toList());
		lines.addAll(patterns);
		saveWorkspaceText(String.join("\n", lines) + '\n'); //$NON-NLS-1$
	}

	/** The deny list: the user's edited copy, or the default one until it is edited. */
	public static String denyText() {
		return workspace().get(DENY, DefaultDenyList.text());
	}

	/**
	 * The deny rules of the deny list. A line without {@code !} in the stored text (a preference file edited by hand)
	 * is left out: the deny list can never trust anything.
	 */
	public static PatternList denyList() {
		PatternList parsed = PatternList.parse(PatternScope.DEFAULT, "Deny list", denyText()); //$NON-NLS-1$
		return new PatternList(parsed.scope(), parsed.source(), List.of(), parsed.denied(), parsed.problems());
	}

	public static void saveDenyText(String text) throws BackingStoreException {
		if (text.equals(DefaultDenyList.text())) {
			workspace().remove(DENY);
		} else {
			workspace().put(DENY, text);
		}
		workspace().flush();
	}

	public static String projectText(IProject project) {
		return project(project).get(PATTERNS, ""); //$NON-NLS-1$
	}

	public static PatternList projectList(IProject project) {
		return PatternList.parse(PatternScope.PROJECT, project.getName(), projectText(project));
	}

	public static void saveProjectText(IProject project, String text) throws BackingStoreException {
		IEclipsePreferences node = project(project);
		if (text.isBlank()) {
			node.remove(PATTERNS);
		} else {
			node.put(PATTERNS, text);
		}
		node.flush();
	}

	public static Optional<String> acceptedHash(IProject project) {
		return Optional.ofNullable(workspace().get(ACCEPTED_PREFIX + project.getName(), null));
	}

	public static Acceptance acceptance(IProject project) {
		return projectList(project).acceptance(acceptedHash(project));
	}

	/** Records that the user accepted exactly the project list they were shown. */
	public static void accept(IProject project, PatternList shown) throws BackingStoreException {
		workspace().put(ACCEPTED_PREFIX + project.getName(), shown.contentHash());
		workspace().flush();
	}

	public static void revokeAcceptance(IProject project) throws BackingStoreException {
		workspace().remove(ACCEPTED_PREFIX + project.getName());
		workspace().flush();
	}

	/**
	 * The policy for commands run in {@code project}: the deny list, the workspace list and the project's shared list
	 * (its trust patterns only if accepted).
	 */
	public static TrustPolicy policy(IProject project, PathGuard guard, AuditLog audit) {
		Path root = project.getLocation().toFile().toPath();
		TrustPolicy.Builder builder = TrustPolicy.builder(root).add(denyList()).add(workspaceList())
				.add(projectList(project), acceptedHash(project));
		if (guard != null) {
			builder.pathGuard(guard);
		}
		return builder.auditLog(audit == null ? AuditLog.NONE : audit).build();
	}

	/** The projects whose shared list has trust patterns the user has not accepted in their current form. */
	public static List<IProject> awaitingAcceptance(List<IProject> projects) {
		List<IProject> waiting = new ArrayList<>();
		for (IProject project : projects) {
			PatternList list = projectList(project);
			if (!list.trusted().isEmpty() && !acceptance(project).isHonoured()) {
				waiting.add(project);
			}
		}
		return waiting;
	}
}
