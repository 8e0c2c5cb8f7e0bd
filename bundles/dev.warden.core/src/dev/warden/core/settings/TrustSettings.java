package dev.warden.core.settings;

import java.util.List;
import java.util.Optional;

import org.eclipse.core.resources.IProject;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.trust.Acceptance;
import dev.warden.core.trust.PathGuard;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.ProgramFacts;
import dev.warden.core.trust.TrustPolicy;

/**
 * Where the trusted-command lists live, as a service:
 * <ul>
 * <li>the workspace list and the deny list in the workspace's preferences ({@link WardenPreferences#QUALIFIER});</li>
 * <li>a project's shared list in the project's {@code .settings/dev.warden.core.prefs}, so a team can commit it;</li>
 * <li>which content of each project list the user accepted (its hash) in the workspace's preferences, never in the
 * project: a cloned repository cannot accept its own list.</li>
 * </ul>
 */
public interface TrustSettings {

	String QUALIFIER = WardenPreferences.QUALIFIER;
	String PATTERNS = "trust.patterns"; //$NON-NLS-1$
	String DENY = "trust.deny"; //$NON-NLS-1$
	String ACCEPTED_PREFIX = "trust.accepted."; //$NON-NLS-1$
	/** The path of an administrator's program-facts file, added to Warden's own facts; empty for none. */
	String FACTS_FILE = "trust.factsFile"; //$NON-NLS-1$

	String workspaceText();

	PatternList workspaceList();

	void saveWorkspaceText(String text) throws BackingStoreException;

	/** Adds patterns to the workspace list (those it does not hold yet), as "Always trust…" does. */
	void addWorkspacePatterns(List<String> patterns) throws BackingStoreException;

	/** The deny list: the user's edited copy, or the default one until it is edited. */
	String denyText();

	/**
	 * The deny rules of the deny list. A line without {@code !} in the stored text (a preference file edited by hand)
	 * is left out: the deny list can never trust anything.
	 */
	PatternList denyList();

	void saveDenyText(String text) throws BackingStoreException;

	String projectText(IProject project);

	PatternList projectList(IProject project);

	void saveProjectText(IProject project, String text) throws BackingStoreException;

	Optional<String> acceptedHash(IProject project);

	Acceptance acceptance(IProject project);

	/** Records that the user accepted exactly the project list they were shown. */
	void accept(IProject project, PatternList shown) throws BackingStoreException;

	void revokeAcceptance(IProject project) throws BackingStoreException;

	/**
	 * The policy for commands run in {@code project}: the deny list, the workspace list and the project's shared list
	 * (its trust patterns only if accepted).
	 *
	 * @param guard hides protected files; may be {@code null}
	 * @param audit where decisions are recorded; may be {@code null}
	 */
	TrustPolicy policy(IProject project, PathGuard guard, AuditLog audit);

	/** The path of the administrator's program-facts file ({@link #FACTS_FILE}); empty for none. */
	String factsFile();

	void saveFactsFile(String path) throws BackingStoreException;

	/**
	 * Warden's program facts with the administrator's file at {@code path} added (none when blank), read again when
	 * the file changes; a file that cannot be read adds nothing and says why in {@link ProgramFacts#problems()}.
	 */
	ProgramFacts programFacts(String path);

	/** The projects whose shared list has trust patterns the user has not accepted in their current form. */
	List<IProject> awaitingAcceptance(List<IProject> projects);

	/** Calls {@code listener} after any trust setting of the workspace changed (on the thread that changed it). */
	Registration addListener(Runnable listener);
}
