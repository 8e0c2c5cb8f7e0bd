package dev.warden.core.settings;

import java.util.List;

import org.eclipse.core.resources.IProject;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.agent.InstructionFile;
import dev.warden.core.agent.Instructions;
import dev.warden.core.trust.Acceptance;

/**
 * The standing instructions, as a service: the user's own (in the workspace's preferences) and each project's
 * {@code AGENTS.md} files, at the root and in folders. Like a project's trusted-command list and its
 * {@code .mcp.json}, a project's file counts only after the user accepted exactly its content: the SHA-256 of the
 * accepted content is kept in the workspace (never in the project), and any change asks again.
 */
public interface InstructionSettings {

	String USER = "instructions.user"; //$NON-NLS-1$
	/** Followed by {@code project/path}: the hash of the content the user accepted. */
	String ACCEPTED_PREFIX = "instructions.accepted."; //$NON-NLS-1$

	/** The most {@code AGENTS.md} files read from one project. */
	int MAX_FILES = 32;

	String userInstructions();

	void setUserInstructions(String text) throws BackingStoreException;

	/**
	 * @return the project's {@code AGENTS.md} files, the root's first, then by path: folders up to six levels deep,
	 *         not hidden ones ({@code .git}) nor build output or dependencies ({@code target}, {@code bin},
	 *         {@code build}, {@code node_modules} …); at most {@value #MAX_FILES}
	 */
	List<InstructionFile> projectFiles(IProject project);

	/** Whether {@code file} counts: accepted in exactly this content, never accepted, or changed since. */
	Acceptance acceptance(InstructionFile file);

	/** Records that the user accepted exactly {@code shown}, the content they were shown. */
	void accept(InstructionFile shown) throws BackingStoreException;

	/** The instructions for work in {@code projects}: the user's own and the projects' files, in effect or pending. */
	Instructions instructions(List<IProject> projects);

	/** Calls {@code listener} after the user's instructions or an acceptance changed (on the thread that changed it). */
	Registration addListener(Runnable listener);
}
