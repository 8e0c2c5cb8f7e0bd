package dev.warden.core.internal.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ProjectScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.settings.TrustSettings;
import dev.warden.core.trust.Acceptance;
import dev.warden.core.trust.PathGuard;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.ProgramFacts;
import dev.warden.core.trust.TrustPolicy;

/** The trusted-command lists in the workspace's and the projects' preferences. */
@Component(service = TrustSettings.class)
public final class PreferenceTrustSettings extends PreferenceService implements TrustSettings {

	@Deactivate
	void deactivate() {
		stop();
	}

	@Override
	protected boolean owns(String key) {
		return key.startsWith("trust."); //$NON-NLS-1$
	}

	private static IEclipsePreferences project(IProject project) {
		return new ProjectScope(project).getNode(QUALIFIER);
	}

	@Override
	public String workspaceText() {
		return get(PATTERNS);
	}

	@Override
	public PatternList workspaceList() {
		return PatternList.parse(PatternScope.WORKSPACE, "Workspace", workspaceText()); //$NON-NLS-1$
	}

	@Override
	public void saveWorkspaceText(String text) throws BackingStoreException {
		put(PATTERNS, text);
		flush();
	}

	@Override
	public void addWorkspacePatterns(List<String> patterns) throws BackingStoreException {
		Set<String> lines = new LinkedHashSet<>(workspaceText().lines().toList());
		lines.addAll(patterns);
		saveWorkspaceText(String.join("\n", lines) + '\n'); //$NON-NLS-1$
	}

	@Override
	public String denyText() {
		return get(DENY);
	}

	@Override
	public PatternList denyList() {
		PatternList parsed = PatternList.parse(PatternScope.DEFAULT, "Deny list", denyText()); //$NON-NLS-1$
		return new PatternList(parsed.scope(), parsed.source(), List.of(), parsed.denied(), parsed.problems());
	}

	@Override
	public void saveDenyText(String text) throws BackingStoreException {
		put(DENY, text);
		flush();
	}

	@Override
	public String projectText(IProject project) {
		return project(project).get(PATTERNS, ""); //$NON-NLS-1$
	}

	@Override
	public PatternList projectList(IProject project) {
		return PatternList.parse(PatternScope.PROJECT, project.getName(), projectText(project));
	}

	@Override
	public void saveProjectText(IProject project, String text) throws BackingStoreException {
		IEclipsePreferences node = project(project);
		if (text.isBlank()) {
			node.remove(PATTERNS);
		} else {
			node.put(PATTERNS, text);
		}
		node.flush();
	}

	@Override
	public Optional<String> acceptedHash(IProject project) {
		return Optional.ofNullable(node().get(ACCEPTED_PREFIX + project.getName(), null));
	}

	@Override
	public Acceptance acceptance(IProject project) {
		return projectList(project).acceptance(acceptedHash(project));
	}

	@Override
	public void accept(IProject project, PatternList shown) throws BackingStoreException {
		node().put(ACCEPTED_PREFIX + project.getName(), shown.contentHash());
		flush();
	}

	@Override
	public void revokeAcceptance(IProject project) throws BackingStoreException {
		node().remove(ACCEPTED_PREFIX + project.getName());
		flush();
	}

	@Override
	public String factsFile() {
		return node().get(FACTS_FILE, ""); //$NON-NLS-1$
	}

	@Override
	public void saveFactsFile(String path) throws BackingStoreException {
		put(FACTS_FILE, path.strip());
		flush();
	}

	/** The facts last read, with the file and its modification time they were read from. */
	private record ReadFacts(String path, long modified, ProgramFacts facts) {
	}

	private volatile ReadFacts readFacts;

	@Override
	public ProgramFacts programFacts(String path) {
		if (path == null || path.isBlank()) {
			return ProgramFacts.builtIn();
		}
		Path file;
		long modified;
		try {
			file = Path.of(path.strip());
			modified = Files.getLastModifiedTime(file).toMillis();
		} catch (IOException | InvalidPathException e) {
			return ProgramFacts.unreadable(path, "cannot be read: " + e.getMessage()); //$NON-NLS-1$
		}
		ReadFacts read = readFacts;
		if (read != null && read.path().equals(path) && read.modified() == modified) {
			return read.facts();
		}
		ProgramFacts facts;
		try {
			facts = ProgramFacts.withAdministratorFacts(path, Files.readString(file, StandardCharsets.UTF_8));
		} catch (IOException e) {
			return ProgramFacts.unreadable(path, "cannot be read: " + e.getMessage()); //$NON-NLS-1$
		}
		readFacts = new ReadFacts(path, modified, facts);
		return facts;
	}

	@Override
	public TrustPolicy policy(IProject project, PathGuard guard, AuditLog audit) {
		Path root = project.getLocation().toFile().toPath();
		TrustPolicy.Builder builder = TrustPolicy.builder(root).add(denyList()).add(workspaceList())
				.add(projectList(project), acceptedHash(project));
		if (guard != null) {
			builder.pathGuard(guard);
		}
		builder.programFacts(programFacts(factsFile()));
		return builder.auditLog(audit == null ? AuditLog.NONE : audit).build();
	}

	@Override
	public List<IProject> awaitingAcceptance(List<IProject> projects) {
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
