package dev.warden.ui.internal.protect;

import org.eclipse.osgi.util.NLS;

/** Strings of the protection preferences and prompts that a user reads. */
public final class ProtectMessages extends NLS {

	private static final String BUNDLE_NAME = "dev.warden.ui.internal.protect.protectmessages"; //$NON-NLS-1$

	public static String ProtectionPage_description;
	public static String ProtectionPage_hiddenTab;
	public static String ProtectionPage_environmentTab;
	public static String ProtectionPage_urlTab;
	public static String ProtectionPage_projectsTab;
	public static String ProtectionPage_saveFailed;

	public static String HiddenTab_intro;
	public static String HiddenTab_ignoreFiles;
	public static String HiddenTab_patterns;
	public static String HiddenTab_show;

	public static String HiddenFiles_title;
	public static String HiddenFiles_project;
	public static String HiddenFiles_patternsNote;
	public static String HiddenFiles_scanning;
	public static String HiddenFiles_count;
	public static String HiddenFiles_none;
	public static String HiddenFiles_truncated;
	public static String HiddenFiles_unreadable;
	public static String HiddenFiles_failed;
	public static String HiddenFiles_noProjects;
	public static String HiddenFiles_path;
	public static String HiddenFiles_reason;
	public static String HiddenFiles_job;

	public static String EnvTab_intro;
	public static String EnvTab_allowed;
	public static String EnvTab_minimal;
	public static String EnvTab_preview;
	public static String EnvTab_kept;
	public static String EnvTab_removed;
	public static String EnvTab_name;
	public static String EnvTab_reason;
	public static String EnvTab_invalidName;

	public static String ProtectionPage_commandsTab;
	public static String CommandsTab_intro;
	public static String CommandsTab_checking;
	public static String CommandsTab_sandboxed;
	public static String CommandsTab_notSandboxed;
	public static String CommandsTab_require;
	public static String CommandsTab_hosts;
	public static String CommandsTab_masked;
	public static String CommandsTab_readable;
	public static String CommandsTab_readableProject;
	public static String CommandsTab_readableTooltip;
	public static String CommandsTab_readableNoProject;
	public static String CommandsTab_readableInvalid;
	public static String UrlTab_intro;
	public static String UrlTab_allowed;
	public static String UrlTab_hint;
	public static String UrlTab_invalid;

	public static String ProjectsTab_untrusted;
	public static String ProjectsTab_excluded;
	public static String ProjectsTab_readOnly;
	public static String ProjectsTab_trusted;
	public static String ProjectsTab_missing;
	public static String ProjectsTab_revoke;
	public static String ProjectsTab_note;

	public static String TrustDialog_shellTitle;
	public static String TrustDialog_title;
	public static String TrustDialog_message;
	public static String TrustDialog_enables;
	public static String TrustDialog_otherwiseExcluded;
	public static String TrustDialog_otherwiseReadOnly;
	public static String TrustDialog_preference;
	public static String TrustDialog_location;
	public static String TrustDialog_sharedPending;
	public static String TrustDialog_sharedAccepted;
	public static String TrustDialog_noShared;
	public static String TrustDialog_remote;
	public static String TrustDialog_trust;
	public static String TrustDialog_notNow;
	public static String TrustDialog_saveFailed;

	public static String UrlNote_title;
	public static String UrlNote_message;
	public static String UrlNote_fetch;
	public static String UrlNote_saveFailed;

	public static String Decorator_hidden;

	static {
		NLS.initializeMessages(BUNDLE_NAME, ProtectMessages.class);
	}

	private ProtectMessages() {
	}
}
