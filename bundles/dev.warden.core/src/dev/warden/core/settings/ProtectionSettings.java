package dev.warden.core.settings;

import java.util.Set;

import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.protect.UrlPolicy;

/**
 * The user's protection settings, as a service: the sensitive patterns, the environment allow-list and
 * minimal-environment switch, the hosts URL fetching may reach although they are internal, which projects the user
 * trusted and what the agent may do in the others.
 */
public interface ProtectionSettings {

	String QUALIFIER = WardenPreferences.QUALIFIER;
	String SENSITIVE = "protect.sensitivePatterns"; //$NON-NLS-1$
	String ENV_ALLOWED = "protect.env.allowed"; //$NON-NLS-1$
	String ENV_MINIMAL = "protect.env.minimal"; //$NON-NLS-1$
	String URL_ALLOWED = "protect.url.allowedHosts"; //$NON-NLS-1$
	String UNTRUSTED_PROJECTS = "protect.untrustedProjects"; //$NON-NLS-1$
	String TRUSTED_PROJECT_PREFIX = "protect.trustedProject."; //$NON-NLS-1$
	String URL_NOTE_SHOWN = "protect.url.noteShown"; //$NON-NLS-1$
	/** Hosts sandboxed commands may reach through the proxy (names or {@code *.domain}), read with {@link #names}. */
	String SANDBOX_HOSTS = "protect.sandbox.allowedHosts"; //$NON-NLS-1$
	/** Further paths masked for every command (absolute or relative to the home folder), read with {@link #names}. */
	String SANDBOX_MASKED = "protect.sandbox.masked"; //$NON-NLS-1$
	/** Whether commands are refused where no sandbox can be had. */
	String SANDBOX_REQUIRED = "protect.sandbox.required"; //$NON-NLS-1$
	/**
	 * Followed by a project's name: the masked files of that project (relative to it) that commands may read, read
	 * with {@link #names}.
	 */
	String SANDBOX_READABLE_PREFIX = "protect.sandbox.readable."; //$NON-NLS-1$

	/** What the agent may do in a project the user has not trusted. */
	enum UntrustedProjects {
		/** The agent does not see the project at all. */
		EXCLUDED,
		/** The agent may list and read the project, but not change it or run commands in it. */
		READ_ONLY
	}

	String sensitiveText();

	SensitivePatterns sensitivePatterns();

	void saveSensitiveText(String text) throws BackingStoreException;

	/** The names kept under {@code key} ({@link #ENV_ALLOWED} or {@link #URL_ALLOWED}). */
	Set<String> names(String key);

	void saveNames(String key, Set<String> names) throws BackingStoreException;

	boolean minimalEnvironment();

	void saveMinimalEnvironment(boolean minimal) throws BackingStoreException;

	EnvironmentPolicy environmentPolicy();

	UrlPolicy urlPolicy();

	UntrustedProjects untrustedProjects();

	void saveUntrustedProjects(UntrustedProjects choice) throws BackingStoreException;

	/** Whether the user trusted the project named {@code name} in this workspace. */
	boolean isProjectTrusted(String name);

	void setProjectTrusted(String name, boolean trusted) throws BackingStoreException;

	/** Whether the note on the user's responsibility for fetched content was shown already. */
	boolean urlNoteShown();

	void setUrlNoteShown() throws BackingStoreException;

	/** Whether commands are refused where no sandbox can be had (rather than run unsandboxed). */
	boolean requireSandbox();

	void saveRequireSandbox(boolean required) throws BackingStoreException;

	/** Calls {@code listener} after any protection setting changed (on the thread that changed it). */
	Registration addListener(Runnable listener);
}
